package com.shopfront.messaging;

import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Method;

/** Delivers a record to the listener by reflection and retries; after the last attempt the failure is wrapped. */
public class ListenerContainer {
    private final OrderEventsListener listener;

    public ListenerContainer(OrderEventsListener listener) {
        this.listener = listener;
    }

    public void deliver(String op, int n, int attempts) throws Exception {
        Method method = OrderEventsListener.class.getMethod("onOrderCreated", String.class, Integer.class);
        Throwable first = null;
        for (int attempt = 1; ; attempt++) {
            try {
                method.invoke(listener, op, n);
                return;
            } catch (InvocationTargetException e) {
                if (attempt == attempts) {
                    FulfillmentException failed = new FulfillmentException(
                            "fulfillment of order " + n + " failed after " + attempts + " attempts", e.getCause());
                    if (first != null) {
                        failed.addSuppressed(first);
                    }
                    throw failed;
                }
                first = e.getCause();
            }
        }
    }
}
