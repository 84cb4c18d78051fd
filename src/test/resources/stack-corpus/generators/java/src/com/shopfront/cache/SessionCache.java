package com.shopfront.cache;

import java.util.HashMap;
import java.util.List;
import java.util.Map;

public class SessionCache {
    private final Map<String, Object> values = new HashMap<>();

    public SessionCache() {
        values.put("cart:legacy", "sku-1,sku-2");
    }

    @SuppressWarnings("unchecked")
    public List<String> cartOf(String session) {
        return (List<String>) values.get("cart:" + session);
    }
}
