package com.shopfront.payments;

import net.vendorpay.sdk.VendorClient;

/** Calls the same SDK function as Payouts: an SDK failure in other application code is another bug. */
public class Refunds {
    private final VendorClient vendor = new VendorClient();

    public String issue(String orderId, long cents) {
        String receipt = vendor.submit("refund", cents);
        return orderId + "/" + receipt;
    }
}
