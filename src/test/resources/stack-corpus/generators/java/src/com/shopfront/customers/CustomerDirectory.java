package com.shopfront.customers;

import java.util.List;

public class CustomerDirectory {
    public String primaryAddress(List<String> addresses) {
        return addresses.stream().filter(a -> a.startsWith("primary:")).findFirst().orElseThrow();
    }
}
