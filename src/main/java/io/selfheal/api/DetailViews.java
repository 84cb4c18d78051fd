package io.selfheal.api;

import com.fasterxml.jackson.databind.JsonNode;

import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * The incident and group pages of the API ({@code GET /api/v1/incidents/{id}}, {@code GET /api/v1/fingerprints/{id}}):
 * checks the id, gives the {@code sql:} queries of the route their parameters, and puts their rows together.
 */
public final class DetailViews {
    private static final Pattern FINGERPRINT_ID = Pattern.compile("[0-9a-f]{16}");
    /** The rate chart of an incident starts this long before its detection, to show the baseline it rose from. */
    private static final Duration BEFORE_INCIDENT = Duration.ofHours(1);
    private static final Duration GROUP_CHART = Duration.ofHours(24);

    private final ApiRows rows;
    private final Clock clock;

    public DetailViews(ApiRows rows, Clock clock) {
        this.rows = rows;
        this.clock = clock;
    }

    /** The parameters of the incident query, from the path's id (a positive integer, else a 400). */
    public Map<String, Object> incidentId(String id) {
        try {
            long value = Long.parseLong(id == null ? "" : id.strip());
            if (value > 0) {
                return new HashMap<>(Map.of("id", value));
            }
        } catch (NumberFormatException e) {
            // answered below
        }
        throw new IllegalArgumentException("an incident id is a positive integer, got '" + id + "'");
    }

    /** The parameters of the group queries, from the path's id (16 lowercase hex characters, else a 400). */
    public Map<String, Object> fingerprintId(String id) {
        if (id == null || !FINGERPRINT_ID.matcher(id).matches()) {
            throw new IllegalArgumentException("a fingerprint id is 16 lowercase hex characters, got '" + id + "'");
        }
        Map<String, Object> p = RateSeries.parameters(id, clock.instant().minus(GROUP_CHART), clock.instant());
        p.put("id", id);
        return p;
    }

    /**
     * The parameters of the incident's samples and rate chart: from an hour before detection to its resolution (or
     * now). 404 when the incident query found nothing.
     */
    public Map<String, Object> incidentParameters(List<Map<String, Object>> incident) {
        if (incident == null || incident.isEmpty()) {
            throw new java.util.NoSuchElementException("no such incident");
        }
        Map<String, Object> row = incident.get(0);
        Instant detected = ((Timestamp) row.get("detected_at")).toInstant();
        Timestamp resolved = (Timestamp) row.get("resolved_at");
        Instant end = resolved == null ? clock.instant() : resolved.toInstant();
        Map<String, Object> p = RateSeries.parameters((String) row.get("fingerprint_id"), detected.minus(BEFORE_INCIDENT),
                end.isAfter(detected) ? end : detected.plusSeconds(60));
        p.put("id", row.get("id"));
        return p;
    }

    /** {@code GET /api/v1/incidents/{id}}. */
    public Map<String, Object> incident(List<Map<String, Object>> incident, Map<String, Object> parameters,
                                        List<Map<String, Object>> samples, List<Map<String, Object>> rate,
                                        List<Map<String, Object>> actions, List<Map<String, Object>> llmCalls,
                                        List<Map<String, Object>> changes) throws SQLException {
        Map<String, Object> view = rows.one(incident, "such incident");
        withParameters(view);
        Object details = view.remove("details");
        if (details instanceof JsonNode node) {
            view.put("severityScore", node.path("severityScore").isNumber() ? node.get("severityScore").numberValue() : null);
            view.put("severityReasons", node.path("severityReasons"));
            view.put("servicesAffected", node.path("servicesAffected"));
            view.put("newSinceDeploy", node.path("newSinceDeploy").asBoolean(false));
            view.put("labels", node.path("labels"));
        }
        view.put("samples", rows.list(samples));
        view.put("rate", RateSeries.of(parameters, rate));
        List<Map<String, Object>> actionList = rows.list(actions);
        view.put("diagnosis", diagnosis(actionList).orElse(null));
        view.put("actions", actionList);
        view.put("llmCalls", rows.list(llmCalls));
        view.put("changes", rows.list(changes));
        return view;
    }

    /** {@code GET /api/v1/fingerprints/{id}}. */
    public Map<String, Object> fingerprint(List<Map<String, Object>> group, Map<String, Object> parameters,
                                           List<Map<String, Object>> overrides, List<Map<String, Object>> samples,
                                           List<Map<String, Object>> rate, List<Map<String, Object>> incidents,
                                           List<Map<String, Object>> actions) throws SQLException {
        Map<String, Object> view = rows.one(group, "fingerprint " + parameters.get("id"));
        withParameters(view);
        String id = (String) parameters.get("id");
        List<String> mergedFrom = new java.util.ArrayList<>();
        List<Map<String, Object>> splits = new java.util.ArrayList<>();
        for (Map<String, Object> override : overrides == null ? List.<Map<String, Object>>of() : overrides) {
            boolean merge = "merge".equals(override.get("kind"));
            if (merge && id.equals(override.get("target_id"))) {
                mergedFrom.add((String) override.get("fingerprint_id"));
            } else if (!merge && id.equals(override.get("fingerprint_id"))) {
                splits.add(Map.of("pattern", override.get("pattern"), "into", override.get("target_id")));
            } else if (!merge) {
                view.put("splitFrom", override.get("fingerprint_id"));
            }
        }
        view.put("mergedFrom", mergedFrom);
        view.put("splits", splits);
        view.put("samples", rows.list(samples));
        view.put("rate", RateSeries.of(parameters, rate));
        view.put("incidents", rows.list(incidents));
        view.put("actions", rows.list(actions));
        return view;
    }

    /** A group that is not a mined template (a stack trace, a rule) has no parameters: an empty list, not null. */
    private static void withParameters(Map<String, Object> view) {
        if (view.get("parameters") == null) {
            view.put("parameters", List.of());
        }
    }

    /** What the diagnoser suggested, as the first decided action recorded it, with its confidence in parts. */
    private static Optional<Map<String, Object>> diagnosis(List<Map<String, Object>> actions) {
        for (Map<String, Object> action : actions) {
            if (action.get("params") instanceof JsonNode params && params.path("suggestion").isObject()) {
                JsonNode s = params.get("suggestion");
                Map<String, Object> diagnosis = new LinkedHashMap<>();
                diagnosis.put("actionId", action.get("id"));
                diagnosis.put("strategy", s.path("strategy").asText(null));
                diagnosis.put("source", s.path("source").asText(null));
                diagnosis.put("confidence", s.path("confidence").asDouble());
                diagnosis.put("decision", s.path("decision").asText(null));
                diagnosis.put("risk", s.path("risk").asText(null));
                diagnosis.put("rationale", s.path("rationale").asText(null));
                diagnosis.put("routedBy", params.path("routedBy").asText(null));
                diagnosis.put("confidenceBreakdown", ConfidenceBreakdown.of(s.path("rationale").asText(null)));
                return Optional.of(diagnosis);
            }
        }
        return Optional.empty();
    }
}
