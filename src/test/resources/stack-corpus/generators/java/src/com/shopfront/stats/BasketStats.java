package com.shopfront.stats;

import java.util.List;

public class BasketStats {
    public int average(List<Integer> basketSizes) {
        int sum = 0;
        for (int size : basketSizes) {
            sum += size;
        }
        return sum / basketSizes.size();
    }
}
