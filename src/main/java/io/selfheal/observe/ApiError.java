package io.selfheal.observe;

import java.util.LinkedHashMap;
import java.util.Map;

/** The JSON body of a refused API request: {@code {"error": "...", "message": "..."}}, marshalled by the route. */
public final class ApiError {
    private ApiError() {
    }

    public static Map<String, Object> of(String error, String message) {
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("error", error);
        body.put("message", message);
        return body;
    }
}
