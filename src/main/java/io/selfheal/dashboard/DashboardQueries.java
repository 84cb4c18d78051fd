package io.selfheal.dashboard;

import javax.sql.DataSource;
import java.sql.Array;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.ResultSetMetaData;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.NoSuchElementException;

/**
 * The read-only queries behind the dashboard ({@code GET /api/v1/dashboard/...}). Rows come back as JSON-ready maps:
 * column name to value, timestamps as ISO-8601 instants.
 */
public final class DashboardQueries {
    /** Upper bound of any {@code limit} parameter, so one request cannot ask for the whole table. */
    public static final int MAX_LIMIT = 500;

    private final DataSource dataSource;

    public DashboardQueries(DataSource dataSource) {
        this.dataSource = dataSource;
    }

    /**
     * The error groups with the most occurrences in the last 24 hours (then the most recently seen), each with
     * {@code hourly}: 24 hourly counts, oldest first, for a sparkline. Ignored groups are left out.
     */
    public List<Map<String, Object>> topFingerprints(Integer limit) throws SQLException {
        return rows("""
                WITH recent AS (
                    SELECT fingerprint_id,
                           23 - floor(extract(epoch FROM (now() - ts)) / 3600)::int AS bucket,
                           count(*) AS n
                    FROM log_entries
                    WHERE ts > now() - interval '24 hours' AND ts <= now()
                    GROUP BY 1, 2),
                totals AS (SELECT fingerprint_id, sum(n) AS last_24h FROM recent GROUP BY 1)
                SELECT f.id, f.service, f.error_type, f.level, f.template, f.status, f.severity,
                       f.occurrence_count, f.first_seen, f.last_seen,
                       coalesce(t.last_24h, 0) AS last_24h,
                       ARRAY(SELECT coalesce(r.n, 0)
                             FROM generate_series(0, 23) AS b(bucket)
                             LEFT JOIN recent r ON r.fingerprint_id = f.id AND r.bucket = b.bucket
                             ORDER BY b.bucket) AS hourly
                FROM error_fingerprints f
                LEFT JOIN totals t ON t.fingerprint_id = f.id
                WHERE f.status <> 'ignored'
                ORDER BY coalesce(t.last_24h, 0) DESC, f.last_seen DESC, f.id
                LIMIT ?
                """, limit(limit, 10));
    }

    /** The most recent incidents, newest first, with their group's template. */
    public List<Map<String, Object>> incidents(Integer limit) throws SQLException {
        return rows("""
                SELECT e.id, e.fingerprint_id, e.service, e.error_type, e.severity, e.status, e.occurrence_count,
                       e.rate_per_minute, e.baseline_rate, e.detected_at, e.resolved_at, f.template
                FROM self_heal_events e
                JOIN error_fingerprints f ON f.id = e.fingerprint_id
                ORDER BY e.detected_at DESC, e.id DESC
                LIMIT ?
                """, limit(limit, 20));
    }

    /** Actions and verification results of the last 24 hours, newest first (view recent_healing_activity). */
    public List<Map<String, Object>> timeline(Integer limit) throws SQLException {
        return rows("SELECT * FROM recent_healing_activity LIMIT ?", limit(limit, 100));
    }

    /** Attempts, success rate and mean time to recovery per strategy (function get_healing_stats()). */
    public List<Map<String, Object>> strategies() throws SQLException {
        return rows("SELECT * FROM get_healing_stats()");
    }

    /** Actions waiting for an operator's decision, oldest first. */
    public List<Map<String, Object>> pendingApprovals(Integer limit) throws SQLException {
        return rows("""
                SELECT a.id, a.event_id, a.fingerprint_id, a.strategy, a.action_type, a.reason, a.dry_run,
                       a.params::text AS params, a.created_at, a.expires_at, f.service, f.template
                FROM healing_actions a
                JOIN error_fingerprints f ON f.id = a.fingerprint_id
                WHERE a.status = 'pending_approval'
                ORDER BY a.created_at, a.id
                LIMIT ?
                """, limit(limit, 50));
    }

    /**
     * One view by name, as {@code GET /api/v1/dashboard/{view}} asks for it.
     *
     * @throws NoSuchElementException for a view that does not exist
     */
    public List<Map<String, Object>> view(String name, Integer limit) throws SQLException {
        return switch (name == null ? "" : name) {
            case "fingerprints" -> topFingerprints(limit);
            case "incidents" -> incidents(limit);
            case "timeline" -> timeline(limit);
            case "strategies" -> strategies();
            case "approvals" -> pendingApprovals(limit);
            default -> throw new NoSuchElementException("No dashboard view named '" + name
                    + "'; views: fingerprints, incidents, timeline, strategies, approvals");
        };
    }

    private static int limit(Integer requested, int fallback) {
        if (requested == null) {
            return fallback;
        }
        if (requested < 1) {
            throw new IllegalArgumentException("limit must be at least 1, got " + requested);
        }
        return Math.min(requested, MAX_LIMIT);
    }

    private List<Map<String, Object>> rows(String sql, Object... parameters) throws SQLException {
        try (Connection connection = dataSource.getConnection();
             PreparedStatement statement = connection.prepareStatement(sql)) {
            connection.setReadOnly(true);
            for (int i = 0; i < parameters.length; i++) {
                statement.setObject(i + 1, parameters[i]);
            }
            try (ResultSet result = statement.executeQuery()) {
                ResultSetMetaData meta = result.getMetaData();
                List<Map<String, Object>> rows = new ArrayList<>();
                while (result.next()) {
                    Map<String, Object> row = new LinkedHashMap<>();
                    for (int column = 1; column <= meta.getColumnCount(); column++) {
                        row.put(meta.getColumnLabel(column), jsonValue(result.getObject(column)));
                    }
                    rows.add(row);
                }
                return rows;
            } finally {
                connection.setReadOnly(false);
            }
        }
    }

    private static Object jsonValue(Object value) throws SQLException {
        if (value instanceof Timestamp timestamp) {
            return timestamp.toInstant().toString();
        }
        if (value instanceof Array array) {
            return Arrays.asList((Object[]) array.getArray());
        }
        return value;
    }
}
