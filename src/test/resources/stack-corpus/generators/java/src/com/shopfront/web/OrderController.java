package com.shopfront.web;

import com.shopfront.app.Operations;

import java.util.Map;

/** Each HTTP verb's handler reaches the use cases through its own code, as real controllers do. */
public class OrderController {
    private final Operations operations;

    public OrderController(Operations operations) {
        this.operations = operations;
    }

    public Object get(Map<String, Object> request) throws Exception {
        return operations.run((String) request.get("op"), (Integer) request.get("n"));
    }

    public Object post(Map<String, Object> request) throws Exception {
        return createOrder((String) request.get("op"), (Integer) request.get("n"));
    }

    private Object createOrder(String op, int n) throws Exception {
        try {
            return operations.run(op, n);
        } catch (RuntimeException e) {
            throw new RuntimeException("failed to process order " + n, e);
        }
    }

    public Object put(Map<String, Object> request) throws Exception {
        Object result = operations.run((String) request.get("op"), (Integer) request.get("n"));
        return Map.of("updated", String.valueOf(result));
    }

    public Object delete(Map<String, Object> request) throws Exception {
        return operations.run((String) request.get("op"), (Integer) request.get("n"));
    }
}
