package com.shopfront.inventory;

import java.util.HashMap;
import java.util.Map;

public class InventoryService {
    private final Map<String, Integer> stock = new HashMap<>();

    public InventoryService() {
        stock.put("sku-1", 5);
        stock.put("sku-2", 0);
    }

    public void reserve(String sku, int quantity) {
        int available = stock.getOrDefault(sku, 0);
        if (available < quantity) {
            throw new OutOfStockException("insufficient stock for " + sku + ": " + available + " < " + quantity);
        }
        stock.put(sku, available - quantity);
    }
}
