package com.shopfront.orders;

import com.shopfront.inventory.InventoryService;

import java.math.BigDecimal;
import java.util.Map;

public class OrderService {
    private final InventoryService inventory;
    private final Map<String, Customer> customers = Map.of("c-1", new Customer("c-1", "gold"));

    public OrderService(InventoryService inventory) {
        this.inventory = inventory;
    }

    public String place(String orderId, String sku, int quantity) {
        inventory.reserve(sku, quantity);
        return orderId;
    }

    public String load(String orderId) {
        if (!orderId.startsWith("o-")) {
            throw new IllegalStateException("order not found: " + orderId);
        }
        return orderId;
    }

    public BigDecimal totalOf(String customerId, BigDecimal amount) {
        Customer customer = customers.get(customerId);
        String tier = customer.tier();
        return tier.equals("gold") ? amount.multiply(new BigDecimal("0.9")) : amount;
    }
}
