package com.shopfront.messaging;

public class FulfillmentException extends Exception {
    public FulfillmentException(String message, Throwable cause) {
        super(message, cause);
    }
}
