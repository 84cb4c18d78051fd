package com.shopfront.orders;

public record Customer(String id, String tier) {
}
