package com.shopfront.promo;

public class CouponService {
    /** Also Integer.parseInt, in other code: a different bug from QuantityParser's. */
    public int percentOff(String coupon) {
        String digits = coupon.substring(coupon.indexOf('-') + 1);
        return Integer.parseInt(digits);
    }
}
