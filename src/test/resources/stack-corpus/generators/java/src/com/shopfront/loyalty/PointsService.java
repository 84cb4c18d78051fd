package com.shopfront.loyalty;

public class PointsService {
    public int award(long cents) {
        return Math.toIntExact(cents * 1000);
    }
}
