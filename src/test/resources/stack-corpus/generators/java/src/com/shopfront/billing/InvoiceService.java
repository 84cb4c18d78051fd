package com.shopfront.billing;

import java.util.HashMap;
import java.util.Map;

public class InvoiceService {
    private final Map<String, String> addresses = new HashMap<>();

    public String render(String orderId) {
        String address = addresses.get(orderId);
        return "Invoice " + orderId + " to " + address.trim();
    }
}
