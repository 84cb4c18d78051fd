package io.selfheal.grouping.api;

import java.util.Map;

/** An HTTP status and the JSON body that goes with it; the route sets both. */
public final class ApiReply {
    private final int status;
    private final Object body;

    private ApiReply(int status, Object body) {
        this.status = status;
        this.body = body;
    }

    public static ApiReply ok(Object body) {
        return new ApiReply(200, body);
    }

    public static ApiReply error(int status, String error, String message) {
        return new ApiReply(status, Map.of("error", error, "message", message));
    }

    public int getStatus() {
        return status;
    }

    public Object getBody() {
        return body;
    }
}
