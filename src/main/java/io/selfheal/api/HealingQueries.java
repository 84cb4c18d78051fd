package io.selfheal.api;

import com.fasterxml.jackson.databind.ObjectMapper;
import org.postgresql.util.PGobject;

import javax.sql.DataSource;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.ResultSetMetaData;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** The read side of the healing API: pages of incidents, fingerprints and actions, healing stats and state. */
public final class HealingQueries {
    static final int DEFAULT_LIMIT = 50;
    static final int MAX_LIMIT = 500;
    private final DataSource dataSource;
    private final ObjectMapper json;

    public HealingQueries(DataSource dataSource, ObjectMapper json) {
        this.dataSource = dataSource;
        this.json = json;
    }

    public Map<String, Object> incidents(String status, Integer limit, Integer offset) throws SQLException {
        return page("""
                SELECT id, fingerprint_id, service, error_type, severity, status, occurrence_count, rate_per_minute,
                       baseline_rate, detected_at, resolved_at, details
                FROM self_heal_events WHERE (?::text IS NULL OR status = ?) ORDER BY id DESC LIMIT ? OFFSET ?""", status, limit, offset);
    }

    public Map<String, Object> actions(String status, Integer limit, Integer offset) throws SQLException {
        return page("""
                SELECT id, event_id, fingerprint_id, strategy, action_type, status, dry_run, reason, actor, instance_id,
                       params, result, created_at, updated_at, expires_at, executed_at, verify_at, settled_at, compensates
                FROM healing_actions WHERE (?::text IS NULL OR status = ?) ORDER BY id DESC LIMIT ? OFFSET ?""", status, limit, offset);
    }

    public Map<String, Object> fingerprints(String status, Integer limit, Integer offset) throws SQLException {
        return page("""
                SELECT fingerprint_id AS id, service, error_type, status, severity, occurrences, last_seen, incidents,
                       actions, last_action_at, last_action_strategy, last_action_status, verified, failed, success_rate
                FROM healing_overview WHERE (?::text IS NULL OR status = ?) ORDER BY last_seen DESC, id LIMIT ? OFFSET ?""",
                status, limit, offset);
    }

    public Map<String, Object> stats() throws SQLException {
        Map<String, Object> stats = new LinkedHashMap<>();
        stats.put("byStrategy", rows("SELECT * FROM get_healing_stats()"));
        stats.put("byTarget", rows("SELECT * FROM get_healing_stats_by_target()"));
        return stats;
    }

    private Map<String, Object> page(String sql, String status, Integer limit, Integer offset) throws SQLException {
        int l = limit == null ? DEFAULT_LIMIT : Math.max(1, Math.min(MAX_LIMIT, limit));
        int o = offset == null ? 0 : Math.max(0, offset);
        String s = status == null || status.isBlank() ? null : status;
        Map<String, Object> page = new LinkedHashMap<>();
        page.put("limit", l);
        page.put("offset", o);
        page.put("items", rows(sql, s, s, l, o));
        return page;
    }

    private List<Map<String, Object>> rows(String sql, Object... params) throws SQLException {
        List<Map<String, Object>> rows = new ArrayList<>();
        try (Connection c = dataSource.getConnection(); PreparedStatement ps = c.prepareStatement(sql)) {
            for (int i = 0; i < params.length; i++) {
                ps.setObject(i + 1, params[i]);
            }
            try (ResultSet rs = ps.executeQuery()) {
                ResultSetMetaData md = rs.getMetaData();
                while (rs.next()) {
                    Map<String, Object> row = new LinkedHashMap<>();
                    for (int i = 1; i <= md.getColumnCount(); i++) {
                        row.put(md.getColumnLabel(i), value(rs.getObject(i)));
                    }
                    rows.add(row);
                }
            }
        }
        return rows;
    }

    private Object value(Object v) {
        if (v instanceof Timestamp ts) {
            return ts.toInstant().toString();
        }
        if (v instanceof PGobject pg && pg.getValue() != null && pg.getType().startsWith("json")) {
            try {
                return json.readTree(pg.getValue());
            } catch (Exception e) {
                return pg.getValue();
            }
        }
        return v;
    }
}
