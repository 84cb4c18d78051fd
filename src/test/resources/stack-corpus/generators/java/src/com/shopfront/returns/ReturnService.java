package com.shopfront.returns;

public class ReturnService {
    /** Same message as OrderService.load, different code: a different bug. */
    public String load(String orderId) {
        if (!orderId.startsWith("o-")) {
            throw new IllegalStateException("order not found: " + orderId);
        }
        return orderId;
    }
}
