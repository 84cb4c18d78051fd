package net.vendorpay.sdk;

public class VendorException extends RuntimeException {
    public VendorException(String message) {
        super(message);
    }
}
