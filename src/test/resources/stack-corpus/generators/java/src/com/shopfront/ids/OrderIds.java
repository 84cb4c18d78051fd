package com.shopfront.ids;

import java.util.UUID;

public class OrderIds {
    public UUID parse(String text) {
        return UUID.fromString(text);
    }
}
