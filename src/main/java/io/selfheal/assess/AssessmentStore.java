package io.selfheal.assess;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.selfheal.fingerprint.ErrorType;
import io.selfheal.heal.Incident;
import io.selfheal.heal.IncidentLabels;
import io.selfheal.ingest.Level;

import javax.sql.DataSource;
import java.sql.Array;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/** The SQL side of an assessment: window counts from log_entries, and the incident lifecycle in self_heal_events. */
public final class AssessmentStore {
    /** Serializes the incident bookkeeping of concurrent assessments (a scheduled run and an API-triggered one). */
    private static final long ASSESSMENT_LOCK = 0x5e1f_4ea1_0001L;
    private static final TypeReference<Map<String, String>> LABELS = new TypeReference<>() { };

    private final DataSource dataSource;
    private final ObjectMapper json;

    public AssessmentStore(DataSource dataSource, ObjectMapper json) {
        this.dataSource = dataSource;
        this.json = json;
    }

    public List<FingerprintWindow> windows(Instant now, Duration window, Duration baselineWindow) throws SQLException {
        String sql = """
                SELECT f.id, f.service, f.error_type, f.template, f.exception_type, left(f.sample_stack, 2000), f.first_seen,
                       f.stack_signature,
                       count(*) FILTER (WHERE l.ts >= ?) AS recent,
                       count(*) FILTER (WHERE l.ts < ?) AS before,
                       count(DISTINCT l.labels ->> 'host') FILTER (WHERE l.ts >= ?) AS hosts,
                       max(CASE l.level WHEN 'FATAL' THEN 5 WHEN 'ERROR' THEN 4 WHEN 'WARN' THEN 3 WHEN 'INFO' THEN 2
                                        WHEN 'DEBUG' THEN 1 ELSE 0 END) FILTER (WHERE l.ts >= ?) AS level_rank,
                       array_agg(DISTINCT coalesce(l.labels ->> 'version', l.labels ->> 'deployment'))
                           FILTER (WHERE l.ts >= ? AND coalesce(l.labels ->> 'version', l.labels ->> 'deployment') IS NOT NULL),
                       array_agg(DISTINCT coalesce(l.labels ->> 'version', l.labels ->> 'deployment'))
                           FILTER (WHERE l.ts < ? AND coalesce(l.labels ->> 'version', l.labels ->> 'deployment') IS NOT NULL),
                       (array_agg(l.labels ORDER BY l.ts DESC))[1]::text,
                       count(*) FILTER (WHERE l.ts >= ? AND (r.last_resolved IS NULL OR l.ts > r.last_resolved)) AS since_resolved
                FROM log_entries l
                JOIN error_fingerprints f ON f.id = l.fingerprint_id
                -- Occurrences before the fingerprint's last incident was resolved belong to that incident.
                LEFT JOIN LATERAL (SELECT max(e.resolved_at) AS last_resolved FROM self_heal_events e
                                   WHERE e.fingerprint_id = f.id) r ON true
                WHERE l.ts >= ? AND l.ts <= ? AND f.status <> 'ignored'
                GROUP BY f.id, r.last_resolved
                HAVING count(*) FILTER (WHERE l.ts >= ?) > 0
                """;
        Timestamp recentStart = Timestamp.from(now.minus(window));
        List<FingerprintWindow> result = new ArrayList<>();
        try (Connection c = dataSource.getConnection(); PreparedStatement ps = c.prepareStatement(sql)) {
            for (int i = 1; i <= 6; i++) {
                ps.setTimestamp(i, recentStart);
            }
            ps.setTimestamp(7, recentStart);
            ps.setTimestamp(8, Timestamp.from(now.minus(baselineWindow)));
            ps.setTimestamp(9, Timestamp.from(now));
            ps.setTimestamp(10, recentStart);
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    result.add(new FingerprintWindow(rs.getString(1), rs.getString(2), ErrorType.fromCode(rs.getString(3)),
                            Level.values()[rs.getInt(12)], rs.getString(4), rs.getString(5), rs.getString(8), rs.getString(6),
                            rs.getTimestamp(7).toInstant(), rs.getLong(9), rs.getLong(10), rs.getInt(11),
                            strings(rs.getArray(13)), strings(rs.getArray(14)), labels(rs.getString(15)), rs.getLong(16)));
                }
            }
        }
        return result;
    }

    /**
     * Opens an incident for each spike without one, refreshes the incidents in progress, closes the open ones whose
     * errors stopped for a whole window, and returns the incidents that wait for a healing decision (status open).
     */
    public IncidentChanges record(List<Measurement> measurements, Instant now, Duration window) throws SQLException {
        // Plain JDBC, not a route: opening, refreshing and closing incidents happens under one transaction-scoped lock.
        try (Connection c = dataSource.getConnection()) {
            c.setAutoCommit(false);
            try {
                lock(c);
                Map<String, IncidentRow> inProgress = incidentsInProgress(c);
                int opened = 0;
                List<Incident> waiting = new ArrayList<>();
                // Batched: one round trip for all refreshes and one for all severities, whatever the number of fingerprints.
                try (PreparedStatement refresh = c.prepareStatement("""
                        UPDATE self_heal_events
                        SET severity = ?, occurrence_count = ?, rate_per_minute = ?, baseline_rate = ?, details = ?::jsonb
                        WHERE id = ?""");
                     PreparedStatement severity = c.prepareStatement(
                        "UPDATE error_fingerprints SET severity = ?, updated_at = now() WHERE id = ? AND severity IS DISTINCT FROM ?")) {
                    for (Measurement m : measurements) {
                        IncidentRow row = inProgress.get(m.window().fingerprintId());
                        if (row != null) {
                            bindStats(refresh, m);
                            refresh.setLong(6, row.id());
                            refresh.addBatch();
                        } else if (m.spike()) {
                            row = open(c, m, now);
                            opened += row == null ? 0 : 1;
                        }
                        // A muted incident is measured but never offered for healing or notification.
                        if (row != null && row.status().equals("open") && !row.muted()) {
                            waiting.add(toIncident(row, m));
                        }
                        severity.setString(1, m.severity().severity().code());
                        severity.setString(2, m.window().fingerprintId());
                        severity.setString(3, m.severity().severity().code());
                        severity.addBatch();
                    }
                    refresh.executeBatch();
                    severity.executeBatch();
                }
                int closed = closeQuiet(c, now.minus(window), now);
                c.commit();
                return new IncidentChanges(opened, closed, waiting);
            } catch (SQLException | RuntimeException e) {
                c.rollback();
                throw e;
            }
        }
    }

    private static void lock(Connection c) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement("SELECT pg_advisory_xact_lock(?)")) {
            ps.setLong(1, ASSESSMENT_LOCK);
            ps.execute();
        }
    }

    private static Map<String, IncidentRow> incidentsInProgress(Connection c) throws SQLException {
        Map<String, IncidentRow> rows = new HashMap<>();
        try (PreparedStatement ps = c.prepareStatement(
                """
                        SELECT fingerprint_id, id, status, detected_at, muted_at IS NOT NULL FROM self_heal_events
                        WHERE status IN ('open', 'healing', 'escalated')""");
             ResultSet rs = ps.executeQuery()) {
            while (rs.next()) {
                rows.put(rs.getString(1), new IncidentRow(rs.getLong(2), rs.getString(3), rs.getTimestamp(4).toInstant(),
                        rs.getBoolean(5)));
            }
        }
        return rows;
    }

    private IncidentRow open(Connection c, Measurement m, Instant now) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement("""
                INSERT INTO self_heal_events (severity, occurrence_count, rate_per_minute, baseline_rate, details,
                                              fingerprint_id, service, error_type, detected_at)
                VALUES (?, ?, ?, ?, ?::jsonb, ?, ?, ?, ?)
                ON CONFLICT (fingerprint_id) WHERE status IN ('open', 'healing', 'escalated') DO NOTHING
                RETURNING id, status, detected_at""")) {
            bindStats(ps, m);
            ps.setString(6, m.window().fingerprintId());
            ps.setString(7, m.window().service());
            ps.setString(8, m.window().errorType().code());
            ps.setTimestamp(9, Timestamp.from(now));
            return row(ps);
        }
    }

    private void bindStats(PreparedStatement ps, Measurement m) throws SQLException {
        ps.setString(1, m.severity().severity().code());
        ps.setLong(2, m.window().recentCount());
        ps.setDouble(3, m.ratePerMinute());
        ps.setDouble(4, m.baselineRate());
        ps.setString(5, details(m));
    }

    /**
     * Open or escalated incidents without a single occurrence in the last window are over. A muted one stays, so the
     * same errors cannot open a new incident until an operator unmutes it.
     */
    private static int closeQuiet(Connection c, Instant windowStart, Instant now) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement("""
                UPDATE self_heal_events e SET status = 'closed', resolved_at = ?
                WHERE e.status IN ('open', 'escalated') AND e.detected_at < ? AND e.muted_at IS NULL
                  AND NOT EXISTS (SELECT 1 FROM log_entries l WHERE l.fingerprint_id = e.fingerprint_id AND l.ts >= ?)""")) {
            ps.setTimestamp(1, Timestamp.from(now));
            ps.setTimestamp(2, Timestamp.from(windowStart));
            ps.setTimestamp(3, Timestamp.from(windowStart));
            return ps.executeUpdate();
        }
    }

    /**
     * Marks as escalated the incidents whose healing failed verification {@code failures} times, and the critical ones
     * still unhealed {@code criticalAfter} after detection; returns their ids. Their approvals still pending lapse:
     * a human takes over.
     */
    public List<Long> escalate(Instant now, int failures, Duration criticalAfter) throws SQLException {
        List<Long> ids = new ArrayList<>();
        try (Connection c = dataSource.getConnection()) {
            c.setAutoCommit(false);
            try (PreparedStatement ps = c.prepareStatement("""
                    UPDATE self_heal_events e SET status = 'escalated'
                    WHERE e.status IN ('open', 'healing')
                      -- An acknowledged or muted incident already has a human's attention.
                      AND e.acknowledged_at IS NULL AND e.muted_at IS NULL
                      AND ((SELECT count(*) FROM healing_results r JOIN healing_actions a ON a.id = r.action_id
                            WHERE a.event_id = e.id AND r.outcome = 'failed') >= ?
                           OR (e.severity = 'critical' AND e.detected_at < ?))
                    RETURNING e.id""");
                 PreparedStatement lapse = c.prepareStatement("""
                    UPDATE healing_actions SET status = 'expired', settled_at = ?, updated_at = ?,
                           reason = coalesce(reason || '; ', '') || 'incident escalated to a human'
                    WHERE event_id = ? AND status = 'pending_approval'""")) {
                ps.setInt(1, failures);
                ps.setTimestamp(2, Timestamp.from(now.minus(criticalAfter)));
                try (ResultSet rs = ps.executeQuery()) {
                    while (rs.next()) {
                        ids.add(rs.getLong(1));
                    }
                }
                for (long id : ids) {
                    lapse.setTimestamp(1, Timestamp.from(now));
                    lapse.setTimestamp(2, Timestamp.from(now));
                    lapse.setLong(3, id);
                    lapse.executeUpdate();
                }
                c.commit();
            } catch (SQLException | RuntimeException e) {
                c.rollback();
                throw e;
            }
        }
        return ids;
    }

    public long startRun(String trigger, Instant scheduledAt, String instanceId, Instant now) throws SQLException {
        try (Connection c = dataSource.getConnection(); PreparedStatement ps = c.prepareStatement(
                "INSERT INTO assessment_runs (trigger, scheduled_at, instance_id, started_at) VALUES (?, ?, ?, ?) RETURNING id")) {
            ps.setString(1, trigger);
            ps.setTimestamp(2, scheduledAt == null ? null : Timestamp.from(scheduledAt));
            ps.setString(3, instanceId);
            ps.setTimestamp(4, Timestamp.from(now));
            try (ResultSet rs = ps.executeQuery()) {
                rs.next();
                return rs.getLong(1);
            }
        }
    }

    public void finishRun(long runId, AssessmentReport report, Instant now) throws SQLException {
        try (Connection c = dataSource.getConnection(); PreparedStatement ps = c.prepareStatement("""
                UPDATE assessment_runs SET finished_at = ?, fingerprints = ?, incidents_opened = ?, incidents_closed = ?,
                       escalated = ?, approvals_expired = ? WHERE id = ?""")) {
            ps.setTimestamp(1, Timestamp.from(now));
            ps.setInt(2, report.fingerprints());
            ps.setInt(3, report.incidentsOpened());
            ps.setInt(4, report.incidentsClosed());
            ps.setInt(5, report.escalated().size());
            ps.setInt(6, report.approvalsExpired());
            ps.setLong(7, runId);
            ps.executeUpdate();
        }
    }

    private String details(Measurement m) {
        Map<String, Object> details = new LinkedHashMap<>();
        details.put("labels", m.window().labels());
        details.put("newSinceDeploy", m.newSinceDeploy());
        details.put("servicesAffected", m.servicesAffected());
        details.put("hosts", m.window().hosts());
        details.put("severityScore", m.severity().score());
        details.put("severityReasons", m.severity().reasons());
        try {
            return json.writeValueAsString(details);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }

    private static Incident toIncident(IncidentRow row, Measurement m) {
        FingerprintWindow w = m.window();
        return new Incident(row.id(), w.fingerprintId(), w.service(), w.errorType(), m.severity().severity(),
                w.template(), w.exceptionType(), w.sampleStack(), w.recentCount(), m.ratePerMinute(), m.baselineRate(),
                IncidentLabels.withNewSinceDeploy(w.labels(), m.newSinceDeploy()), row.detectedAt());
    }

    private static IncidentRow row(PreparedStatement ps) throws SQLException {
        try (ResultSet rs = ps.executeQuery()) {
            return rs.next() ? new IncidentRow(rs.getLong(1), rs.getString(2), rs.getTimestamp(3).toInstant(), false) : null;
        }
    }

    private static Set<String> strings(Array array) throws SQLException {
        return array == null ? Set.of() : Set.of((String[]) array.getArray());
    }

    private Map<String, String> labels(String text) {
        try {
            return text == null ? Map.of() : json.readValue(text, LABELS);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("labels are not a JSON object of strings: " + text, e);
        }
    }

    private record IncidentRow(long id, String status, Instant detectedAt, boolean muted) {
    }
}
