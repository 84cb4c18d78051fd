package com.shopfront.messaging;

import com.shopfront.app.Operations;

public class OrderEventsListener {
    private final Operations operations;

    public OrderEventsListener(Operations operations) {
        this.operations = operations;
    }

    public void onOrderCreated(String op, Integer n) throws Exception {
        operations.run(op, n);
    }
}
