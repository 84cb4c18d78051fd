package com.shopfront.orders;

public class OrderStatusMapper {
    public enum Status { NEW, PAID, SHIPPED }

    public Status fromCode(String code) {
        return Status.valueOf(code.toUpperCase());
    }
}
