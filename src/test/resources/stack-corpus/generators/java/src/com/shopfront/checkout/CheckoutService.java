package com.shopfront.checkout;

/** Proxied at run time by Spring's CGLIB (build a) or Byte Buddy (build b), as frameworks do. */
public class CheckoutService {
    public String applyGiftCard(String code) {
        if (code.endsWith("x")) {
            throw new IllegalStateException("gift card expired: " + code);
        }
        return code;
    }

    /** Same exception and message as applyGiftCard, other code: another bug. */
    public String applyVoucher(String code) {
        if (code.endsWith("x")) {
            throw new IllegalStateException("gift card expired: " + code);
        }
        return code;
    }
}
