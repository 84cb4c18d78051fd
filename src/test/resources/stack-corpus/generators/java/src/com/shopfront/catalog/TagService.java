package com.shopfront.catalog;

import java.util.List;

public class TagService {
    private final List<String> tags = List.of("new", "sale");

    public void addTag(String tag) {
        tags.add(tag);
    }
}
