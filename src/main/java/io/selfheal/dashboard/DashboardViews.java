package io.selfheal.dashboard;

import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.NoSuchElementException;

/**
 * Checks a {@code GET /api/v1/dashboard/{view}?limit=N} request before dashboard.yaml runs the view's {@code sql:}
 * query: the view must exist, the limit be a positive integer (capped, so one request cannot ask for a whole table).
 */
public final class DashboardViews {
    public static final int MAX_LIMIT = 500;
    /** View name to its default limit. */
    private static final Map<String, Integer> VIEWS = Map.of("fingerprints", 10, "incidents", 20, "timeline", 100,
            "strategies", MAX_LIMIT, "approvals", 50, "links", 1);
    private static final List<String> NAMES = List.of("fingerprints", "incidents", "timeline", "strategies", "approvals",
            "links");

    private final Map<String, Object> links;

    /** @param hawtioUrl, grafanaUrl where the dashboard links to (blank: no link) */
    public DashboardViews(String hawtioUrl, String grafanaUrl) {
        Map<String, Object> l = new HashMap<>();
        l.put("hawtio", blankToNull(hawtioUrl));
        l.put("grafana", blankToNull(grafanaUrl));
        this.links = java.util.Collections.unmodifiableMap(l);
    }

    /** {@code GET /api/v1/dashboard/links}: the configured Hawtio and Grafana URLs (null when not set). */
    public Map<String, Object> links() {
        return links;
    }

    private static String blankToNull(String value) {
        return value == null || value.isBlank() ? null : value.strip();
    }

    /**
     * @return the query's named parameters: {@code view} and {@code limit}
     * @throws NoSuchElementException   for a view that does not exist (404)
     * @throws IllegalArgumentException for a limit that is not a positive integer (400)
     */
    public Map<String, Object> request(String view, String limit) {
        Integer fallback = view == null ? null : VIEWS.get(view);
        if (fallback == null) {
            throw new NoSuchElementException("No dashboard view named '" + view + "'; views: " + String.join(", ", NAMES));
        }
        Map<String, Object> p = new HashMap<>();
        p.put("view", view);
        p.put("limit", limit(limit, fallback));
        return p;
    }

    private static int limit(String requested, int fallback) {
        if (requested == null || requested.isBlank()) {
            return fallback;
        }
        try {
            int n = Integer.parseInt(requested.strip());
            if (n >= 1) {
                return Math.min(n, MAX_LIMIT);
            }
        } catch (NumberFormatException e) {
            // answered below
        }
        throw new IllegalArgumentException("limit must be a positive integer, got '" + requested + "'");
    }
}
