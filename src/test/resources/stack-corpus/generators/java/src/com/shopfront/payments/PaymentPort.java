package com.shopfront.payments;

/** Package-private: the JDK defines its proxy class in this package. */
interface PaymentPort {
    String capture(String orderId, long cents);
}
