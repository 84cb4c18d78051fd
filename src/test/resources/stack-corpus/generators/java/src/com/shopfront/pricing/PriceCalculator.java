package com.shopfront.pricing;

import java.math.BigDecimal;

public class PriceCalculator {
    public BigDecimal unitPrice(BigDecimal total, int quantity) {
        return total.divide(BigDecimal.valueOf(quantity));
    }
}
