package io.selfheal.api;

import io.selfheal.config.DurationText;

import java.sql.Timestamp;
import java.time.Clock;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.HashMap;
import java.util.Map;
import java.util.Set;

/**
 * The validated query string of a list endpoint. A value that is not one the list knows is refused
 * ({@link IllegalArgumentException}, a 400 naming the accepted values) rather than silently matching nothing.
 *
 * @param since  only rows at or after this instant, or null
 * @param search a case-insensitive text to find in the template, message or exception, or null
 */
public record ListQuery(String status, String service, String severity, Timestamp since, String search, int limit,
                        int offset) {
    public static final int DEFAULT_LIMIT = 50;
    public static final int MAX_LIMIT = 500;
    public static final Set<String> INCIDENT_STATUSES = Set.of("open", "healing", "healed", "escalated", "closed");
    public static final Set<String> FINGERPRINT_STATUSES = Set.of("active", "resolved", "ignored");
    public static final Set<String> ACTION_STATUSES = Set.of("planned", "pending_approval", "approved", "rejected",
            "expired", "executing", "succeeded", "failed", "dry_run", "refused", "compensated");
    public static final Set<String> SEVERITIES = Set.of("low", "medium", "high", "critical");
    private static final int MAX_TEXT = 200;

    /**
     * @param statuses the statuses this list knows
     * @param since    an ISO-8601 instant ({@code 2026-12-02T10:00:00Z}) or a time back from now ({@code 15m},
     *                 {@code 6h}, {@code 7d})
     */
    public static ListQuery parse(Set<String> statuses, String status, String service, String severity, String since,
                                  String search, String limit, String offset, Clock clock) {
        return new ListQuery(oneOf("status", blankToNull(status), statuses), text("service", service),
                oneOf("severity", blankToNull(severity), SEVERITIES), since(since, clock), text("q", search),
                number("limit", limit, DEFAULT_LIMIT, 1, MAX_LIMIT), number("offset", offset, 0, 0, Integer.MAX_VALUE));
    }

    /** The named parameters of the list's {@code sql:} query. */
    public Map<String, Object> parameters() {
        Map<String, Object> p = new HashMap<>();
        p.put("status", status);
        p.put("service", service);
        p.put("severity", severity);
        p.put("since", since);
        p.put("q", search);
        p.put("limit", limit);
        p.put("offset", offset);
        return p;
    }

    private static String oneOf(String name, String value, Set<String> accepted) {
        if (value != null && !accepted.contains(value)) {
            throw new IllegalArgumentException(name + " must be one of " + accepted.stream().sorted().toList()
                    + ", got '" + shorten(value) + "'");
        }
        return value;
    }

    private static String text(String name, String value) {
        String v = blankToNull(value);
        if (v != null && v.length() > MAX_TEXT) {
            throw new IllegalArgumentException(name + " is longer than " + MAX_TEXT + " characters");
        }
        return v;
    }

    private static int number(String name, String value, int fallback, int min, int max) {
        String v = blankToNull(value);
        if (v == null) {
            return fallback;
        }
        try {
            int n = Integer.parseInt(v.strip());
            if (n >= min && n <= max) {
                return n;
            }
        } catch (NumberFormatException e) {
            // answered below, with the accepted range
        }
        throw new IllegalArgumentException(name + " must be an integer from " + min
                + (max == Integer.MAX_VALUE ? " up" : " to " + max) + ", got '" + shorten(v) + "'");
    }

    private static Timestamp since(String value, Clock clock) {
        String v = blankToNull(value);
        if (v == null) {
            return null;
        }
        try {
            return Timestamp.from(Instant.parse(v.strip()));
        } catch (DateTimeParseException notAnInstant) {
            try {
                return Timestamp.from(clock.instant().minus(DurationText.parse("since", v)));
            } catch (IllegalArgumentException e) {
                throw new IllegalArgumentException("since must be an ISO-8601 instant (2026-12-02T10:00:00Z) or a time "
                        + "back from now (15m, 6h, 7d), got '" + shorten(v) + "'");
            }
        }
    }

    private static String blankToNull(String value) {
        return value == null || value.isBlank() ? null : value;
    }

    private static String shorten(String value) {
        return value.length() <= 40 ? value : value.substring(0, 40) + "…";
    }
}
