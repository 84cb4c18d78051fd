package com.shopfront.cart;

import java.util.ArrayList;
import java.util.List;

public class CartService {
    //B static Runnable addedInBuildB() { return () -> System.out.println("shifts the lambda numbering"); }

    public List<String> normalizeSkus(List<String> skus) {
        return skus.stream().map(sku -> sku.trim()).filter(sku -> !sku.isEmpty()).toList();
    }

    public int removeExpired(List<String> items) {
        List<String> copy = new ArrayList<>(items);
        for (String item : copy) {
            if (item.startsWith("expired")) {
                copy.remove(item);
            }
        }
        return copy.size();
    }
}
