package com.shopfront.shipping;

import java.time.LocalDate;

public class DeliveryDates {
    public LocalDate requested(String text) {
        return LocalDate.parse(text).plusDays(1);
    }
}
