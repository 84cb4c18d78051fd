package io.selfheal.heal;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.selfheal.assess.Severity;
import io.selfheal.fingerprint.ErrorType;

import javax.sql.DataSource;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.sql.Types;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * The part of the healing audit trail written inside locked decisions ({@link HealingCoordinator}): the decision's
 * {@code healing_actions} row and status changes, the incident's status, and the reads those decisions and the
 * verifier need. Methods taking a {@link Connection} join the caller's transaction. Everything written outside a lock
 * (execution and verification results, escalation pages, undos, lapsed approvals) goes through the routes of
 * routes/healing-records.yaml instead.
 */
public final class HealingLedger {
    private static final TypeReference<Map<String, String>> LABELS = new TypeReference<>() { };

    private final DataSource dataSource;
    private final ObjectMapper json;

    public HealingLedger(DataSource dataSource, ObjectMapper json) {
        this.dataSource = dataSource;
        this.json = json;
    }

    public DataSource dataSource() {
        return dataSource;
    }

    public long insert(Connection c, ActionRow row) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement("""
                INSERT INTO healing_actions (event_id, fingerprint_id, strategy, action_type, status, dry_run, reason, actor,
                                             instance_id, params, expires_at, executed_at, rate_before, compensates,
                                             settled_at, created_at, updated_at)
                VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?::jsonb, ?, ?, ?, ?,
                        CASE WHEN ? IN ('refused', 'dry_run') THEN now() END, now(), now())
                RETURNING id""")) {
            setLong(ps, 1, row.eventId());
            ps.setString(2, row.fingerprintId());
            ps.setString(3, row.strategy());
            ps.setString(4, row.actionType());
            ps.setString(5, row.status());
            ps.setBoolean(6, row.dryRun());
            ps.setString(7, row.reason());
            ps.setString(8, row.actor());
            ps.setString(9, row.instanceId());
            ps.setString(10, row.paramsJson());
            ps.setTimestamp(11, ts(row.expiresAt()));
            ps.setTimestamp(12, ts(row.executedAt()));
            if (row.rateBefore() == null) {
                ps.setNull(13, Types.DOUBLE);
            } else {
                ps.setDouble(13, row.rateBefore());
            }
            setLong(ps, 14, row.compensates());
            ps.setString(15, row.status());
            try (ResultSet rs = ps.executeQuery()) {
                rs.next();
                return rs.getLong(1);
            }
        }
    }

    /** Whether the same guardrail already refused this fingerprint since {@code since}: refusals are audited once per cooldown, not every tick. */
    public boolean refusedRecently(Connection c, String fingerprintId, String guardrail, Instant since) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement("""
                SELECT 1 FROM healing_actions
                WHERE fingerprint_id = ? AND status = 'refused' AND params ->> 'guardrail' = ? AND created_at >= ? LIMIT 1""")) {
            ps.setString(1, fingerprintId);
            ps.setString(2, guardrail);
            ps.setTimestamp(3, ts(since));
            try (ResultSet rs = ps.executeQuery()) {
                return rs.next();
            }
        }
    }

    public void setIncidentStatus(Connection c, long eventId, String status, Instant resolvedAt) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement(
                "UPDATE self_heal_events SET status = ?, resolved_at = coalesce(?, resolved_at) WHERE id = ? AND status <> 'closed'")) {
            ps.setString(1, status);
            ps.setTimestamp(2, ts(resolvedAt));
            ps.setLong(3, eventId);
            ps.executeUpdate();
        }
    }

    public void setStatus(Connection c, long actionId, String status, String actor, String reasonSuffix, Instant now) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement("""
                UPDATE healing_actions SET status = ?, actor = coalesce(?, actor), updated_at = ?,
                       reason = coalesce(reason || '; ', '') || ?,
                       settled_at = CASE WHEN ? IN ('rejected', 'expired', 'refused', 'dry_run', 'failed', 'compensated')
                                         THEN coalesce(settled_at, ?) ELSE settled_at END
                WHERE id = ?""")) {
            ps.setString(1, status);
            ps.setString(2, actor);
            ps.setTimestamp(3, ts(now));
            ps.setString(4, reasonSuffix);
            ps.setString(5, status);
            ps.setTimestamp(6, ts(now));
            ps.setLong(7, actionId);
            ps.executeUpdate();
        }
    }

    public void startExecution(Connection c, long actionId, String instanceId, double rateBefore, Instant now) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement("""
                UPDATE healing_actions SET status = 'executing', instance_id = ?, executed_at = ?, rate_before = ?, updated_at = ?
                WHERE id = ?""")) {
            ps.setString(1, instanceId);
            ps.setTimestamp(2, ts(now));
            ps.setDouble(3, rateBefore);
            ps.setTimestamp(4, ts(now));
            ps.setLong(5, actionId);
            ps.executeUpdate();
        }
    }

    /** The row, locked for this transaction; null when it does not exist. */
    public PendingAction lock(Connection c, long actionId) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement(
                "SELECT " + PENDING_COLUMNS + " FROM healing_actions WHERE id = ? AND event_id IS NOT NULL FOR UPDATE")) {
            ps.setLong(1, actionId);
            try (ResultSet rs = ps.executeQuery()) {
                return rs.next() ? pending(rs) : null;
            }
        }
    }

    /**
     * Actions due for verification. Not locked: the record-verification route settles each one in a single statement
     * that only the first instance to get there succeeds in.
     */
    public List<PendingAction> dueVerifications(Connection c, Instant now, int limit) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement("SELECT " + PENDING_COLUMNS + """
                 FROM healing_actions
                WHERE status = 'succeeded' AND settled_at IS NULL AND verify_at <= ? AND compensates IS NULL
                ORDER BY verify_at LIMIT ?""")) {
            ps.setTimestamp(1, ts(now));
            ps.setInt(2, limit);
            List<PendingAction> due = new ArrayList<>();
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    due.add(pending(rs));
                }
            }
            return due;
        }
    }

    private static final String PENDING_COLUMNS =
            "id, event_id, fingerprint_id, strategy, status, executed_at, verify_at, rate_before, expires_at, params::text";

    private static PendingAction pending(ResultSet rs) throws SQLException {
        double rate = rs.getDouble(8);
        return new PendingAction(rs.getLong(1), rs.getLong(2), rs.getString(3), rs.getString(4), rs.getString(5),
                instant(rs.getTimestamp(6)), instant(rs.getTimestamp(7)), rs.wasNull() ? null : rate,
                instant(rs.getTimestamp(9)), rs.getString(10));
    }

    /** The incident as the assessment last saw it. */
    public Incident loadIncident(Connection c, long eventId) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement("""
                SELECT e.id, e.fingerprint_id, e.service, e.error_type, e.severity, f.template, f.exception_type,
                       left(f.sample_stack, 2000), e.occurrence_count, coalesce(e.rate_per_minute, 0), coalesce(e.baseline_rate, 0),
                       (e.details -> 'labels')::text, coalesce((e.details ->> 'newSinceDeploy')::boolean, false), e.detected_at
                FROM self_heal_events e JOIN error_fingerprints f ON f.id = e.fingerprint_id
                WHERE e.id = ?""")) {
            ps.setLong(1, eventId);
            try (ResultSet rs = ps.executeQuery()) {
                if (!rs.next()) {
                    throw new IllegalStateException("no incident " + eventId);
                }
                Map<String, String> labels = rs.getString(12) == null ? Map.of() : json.readValue(rs.getString(12), LABELS);
                return new Incident(rs.getLong(1), rs.getString(2), rs.getString(3), ErrorType.fromCode(rs.getString(4)),
                        Severity.fromCode(rs.getString(5)), rs.getString(6), rs.getString(7), rs.getString(8),
                        rs.getLong(9), rs.getDouble(10), rs.getDouble(11),
                        IncidentLabels.withNewSinceDeploy(labels, rs.getBoolean(13)), rs.getTimestamp(14).toInstant());
            } catch (JsonProcessingException e) {
                throw new IllegalStateException("incident " + eventId + " has malformed labels", e);
            }
        }
    }

    /** Occurrences of the fingerprint in [from, to), and the time of the last one (null when none). */
    public Occurrences occurrences(Connection c, String fingerprintId, Instant from, Instant to) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement(
                "SELECT count(*), max(ts) FROM log_entries WHERE fingerprint_id = ? AND ts >= ? AND ts < ?")) {
            ps.setString(1, fingerprintId);
            ps.setTimestamp(2, ts(from));
            ps.setTimestamp(3, ts(to));
            try (ResultSet rs = ps.executeQuery()) {
                rs.next();
                return new Occurrences(rs.getLong(1), instant(rs.getTimestamp(2)));
            }
        }
    }

    public record Occurrences(long count, Instant last) {
    }

    public String write(Object value) {
        try {
            return json.writeValueAsString(value);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }

    public Map<String, String> readParams(String paramsJson, String field) {
        try {
            var node = json.readTree(paramsJson).path(field);
            return node.isObject() ? json.convertValue(node, LABELS) : Map.of();
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }

    private static void setLong(PreparedStatement ps, int i, Long value) throws SQLException {
        if (value == null) {
            ps.setNull(i, Types.BIGINT);
        } else {
            ps.setLong(i, value);
        }
    }

    private static Timestamp ts(Instant instant) {
        return instant == null ? null : Timestamp.from(instant);
    }

    private static Instant instant(Timestamp ts) {
        return ts == null ? null : ts.toInstant();
    }
}
