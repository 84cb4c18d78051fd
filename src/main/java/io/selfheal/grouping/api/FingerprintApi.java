package io.selfheal.grouping.api;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.selfheal.store.GroupOverrideStore;
import io.selfheal.store.GroupingChangeException;
import io.selfheal.store.GroupingState;

import java.io.IOException;
import java.sql.SQLException;
import java.util.Map;
import java.util.regex.Pattern;

/**
 * The fingerprint endpoints that change groups: merge one into another, split part of one off (reads are sql:
 * queries in grouping-api.yaml). Plain methods from path
 * parameters and raw bodies to {@link ApiReply}, so routes can put guards in front of them.
 */
public final class FingerprintApi {
    private static final Pattern ID = Pattern.compile("[0-9a-f]{16}");

    private final GroupOverrideStore store;
    private final GroupingState state;
    private final ObjectMapper json;

    public FingerprintApi(GroupOverrideStore store, GroupingState state, ObjectMapper json) {
        this.store = store;
        this.state = state;
        this.json = json;
    }

    /** {@code POST /api/v1/fingerprints/{id}/merge} with {@code {"into": "<id>"}}. */
    public ApiReply merge(String id, byte[] body) throws SQLException {
        JsonNode request;
        try {
            request = parse(body);
        } catch (IllegalArgumentException e) {
            return ApiReply.error(400, "bad_request", e.getMessage());
        }
        String into = request.path("into").asText("");
        if (!isId(id)) {
            return notAnId(id);
        }
        if (!isId(into)) {
            return ApiReply.error(400, "bad_request", "\"into\" must be a fingerprint id (16 lowercase hex chars)");
        }
        try {
            store.merge(id, into);
        } catch (GroupingChangeException e) {
            return refused(e);
        }
        state.refreshOverrides();
        return ApiReply.ok(Map.of("id", id, "mergedInto", into));
    }

    /** {@code POST /api/v1/fingerprints/{id}/split} with {@code {"pattern": "glob or /regex/", "title": "..."}}. */
    public ApiReply split(String id, byte[] body) throws SQLException {
        JsonNode request;
        try {
            request = parse(body);
        } catch (IllegalArgumentException e) {
            return ApiReply.error(400, "bad_request", e.getMessage());
        }
        if (!isId(id)) {
            return notAnId(id);
        }
        String pattern = request.path("pattern").asText("");
        if (pattern.isEmpty()) {
            return ApiReply.error(400, "bad_request", "\"pattern\" is required: a glob, or a regex between slashes");
        }
        String title = request.hasNonNull("title") ? request.get("title").asText() : null;
        String target;
        try {
            target = store.split(id, pattern, title);
        } catch (GroupingChangeException e) {
            return refused(e);
        }
        state.refreshOverrides();
        return ApiReply.ok(Map.of("id", id, "pattern", pattern, "into", target));
    }

    private JsonNode parse(byte[] body) {
        if (body == null || body.length == 0) {
            throw new IllegalArgumentException("empty body: a JSON object is required");
        }
        try {
            JsonNode node = json.readTree(body);
            if (node == null || !node.isObject()) {
                throw new IllegalArgumentException("the body must be a JSON object");
            }
            return node;
        } catch (JsonProcessingException e) {
            throw new IllegalArgumentException("invalid JSON: " + e.getOriginalMessage(), e);
        } catch (IOException e) {
            throw new IllegalArgumentException("unreadable body: " + e.getMessage(), e);
        }
    }

    private static boolean isId(String id) {
        return id != null && ID.matcher(id).matches();
    }

    private static ApiReply notAnId(String id) {
        return ApiReply.error(400, "bad_request", "not a fingerprint id (16 lowercase hex chars): " + id);
    }

    private static ApiReply refused(GroupingChangeException e) {
        return switch (e.reason()) {
            case NOT_FOUND -> ApiReply.error(404, "not_found", e.getMessage());
            case INVALID -> ApiReply.error(400, "bad_request", e.getMessage());
            case CONFLICT -> ApiReply.error(409, "conflict", e.getMessage());
        };
    }
}
