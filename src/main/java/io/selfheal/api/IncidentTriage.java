package io.selfheal.api;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.selfheal.grouping.api.ApiReply;

import java.io.IOException;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * An operator's change to an incident ({@code POST /api/v1/incidents/{id}/{change}}): checks the request, and
 * answers from what the route's {@code sql:} statement changed. Who made the change is {@code operator} (the token's
 * holder) unless the body names someone: {@code {"by": "alice"}}.
 */
public final class IncidentTriage {
    public static final Set<String> CHANGES = Set.of("acknowledge", "resolve", "mute", "unmute");
    private static final String DEFAULT_ACTOR = "operator";
    private static final int MAX_ACTOR = 100;

    private final DetailViews views;
    private final ObjectMapper json;

    public IncidentTriage(DetailViews views, ObjectMapper json) {
        this.views = views;
        this.json = json;
    }

    /** @return the statement's named parameters: {@code id}, {@code change}, {@code by} */
    public Map<String, Object> request(String id, String change, byte[] body) {
        Map<String, Object> p = new HashMap<>(views.incidentId(id));
        if (change == null || !CHANGES.contains(change)) {
            throw new IllegalArgumentException("the change must be one of " + CHANGES.stream().sorted().toList()
                    + ", got '" + change + "'");
        }
        p.put("change", change);
        p.put("by", actor(body));
        return p;
    }

    /**
     * @param changed  the rows the change recorded (one, or none when it did not apply)
     * @param incident the incident as it is now (none when it does not exist)
     */
    public ApiReply reply(Map<String, Object> request, List<Map<String, Object>> changed,
                          List<Map<String, Object>> incident) {
        if (incident == null || incident.isEmpty()) {
            return ApiReply.error(404, "not_found", "no incident " + request.get("id"));
        }
        String status = String.valueOf(incident.get(0).get("status"));
        if (changed == null || changed.isEmpty()) {
            return ApiReply.error(409, "conflict", "incident " + request.get("id") + " (" + status + ") cannot be "
                    + request.get("change") + "d now: " + whyNot((String) request.get("change")));
        }
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("id", request.get("id"));
        body.put("change", request.get("change"));
        body.put("by", request.get("by"));
        body.put("at", String.valueOf(changed.get(0).get("changed_at") instanceof java.sql.Timestamp t
                ? t.toInstant() : changed.get(0).get("changed_at")));
        body.put("status", status);
        return ApiReply.ok(body);
    }

    private static String whyNot(String change) {
        return switch (change) {
            case "unmute" -> "it is not muted";
            case "resolve" -> "only an incident in progress (open, healing, escalated) can be resolved";
            default -> "it is already " + change + "d or no longer in progress";
        };
    }

    private String actor(byte[] body) {
        if (body == null || body.length == 0) {
            return DEFAULT_ACTOR;
        }
        JsonNode node;
        try {
            node = json.readTree(body);
        } catch (IOException e) {
            throw new IllegalArgumentException("the body must be empty or a JSON object such as {\"by\": \"alice\"}");
        }
        if (node == null || node.isMissingNode() || node.isNull()) {
            return DEFAULT_ACTOR;
        }
        String by = node.path("by").asText("").strip();
        if (!node.isObject() || by.length() > MAX_ACTOR) {
            throw new IllegalArgumentException("the body must be a JSON object such as {\"by\": \"alice\"} (at most "
                    + MAX_ACTOR + " characters)");
        }
        return by.isEmpty() ? DEFAULT_ACTOR : by;
    }
}
