package com.shopfront.payments;

import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Proxy;

public class CardPayments {

    /** Throws a checked exception the port does not declare: the proxy wraps it in UndeclaredThrowableException. */
    public String capture(String orderId, long cents) throws PaymentDeclinedException {
        if (cents % 2 == 1) {
            throw new PaymentDeclinedException("card declined for " + orderId);
        }
        return orderId;
    }

    public String captureThroughPort(String orderId, long cents) {
        CardPayments target = this;
        PaymentPort port = (PaymentPort) Proxy.newProxyInstance(PaymentPort.class.getClassLoader(),
                new Class<?>[] {PaymentPort.class}, (proxy, method, args) -> {
                    try {
                        return CardPayments.class.getMethod(method.getName(), String.class, long.class).invoke(target, args);
                    } catch (InvocationTargetException e) {
                        throw e.getCause();
                    }
                });
        return port.capture(orderId, cents);
    }
}
