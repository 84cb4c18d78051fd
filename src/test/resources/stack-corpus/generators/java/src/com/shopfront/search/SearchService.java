package com.shopfront.search;

import java.util.regex.Pattern;

public class SearchService {
    public Pattern compile(String query) {
        return Pattern.compile(query);
    }
}
