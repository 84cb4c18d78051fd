package com.shopfront.shipping;

public class ShippingRates {
    private final int[] rates = {499, 799, 1299};

    public int zoneRate(int zone) {
        return rates[zone];
    }
}
