package com.shopfront.web;

public class RequestFailedException extends RuntimeException {
    public RequestFailedException(String message, Throwable cause) {
        super(message, cause);
    }
}
