package com.shopfront.parsing;

public class QuantityParser {
    public int parse(String text) {
        return Integer.parseInt(text);
    }
}
