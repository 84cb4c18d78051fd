package com.shopfront.payments;

import net.vendorpay.sdk.VendorClient;

public class Payouts {
    private final VendorClient vendor = new VendorClient();

    public String send(String merchant, long cents) {
        return vendor.submit("payout", cents);
    }
}
