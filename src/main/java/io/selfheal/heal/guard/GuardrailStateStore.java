package io.selfheal.heal.guard;

import java.sql.Array;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Duration;
import java.time.Instant;
import java.util.Set;

/**
 * Reads {@link GuardrailState} inside the caller's transaction, so the decision and its audit row agree: plain JDBC on
 * the caller's connection, because a {@code sql:} endpoint would read outside that transaction and its lock.
 */
public final class GuardrailStateStore {
    /** Actions that count against the hourly caps: really sent, not undo steps, not escalation pages. */
    private static final String COUNTED = "a.dry_run = false AND a.compensates IS NULL AND a.action_type <> 'escalate' AND a.executed_at >= ?";

    public GuardrailState read(Connection c, String fingerprintId, String service, Instant now) throws SQLException {
        Timestamp hourAgo = Timestamp.from(now.minus(Duration.ofHours(1)));
        try (PreparedStatement ps = c.prepareStatement("""
                SELECT coalesce((SELECT paused FROM healing_control), false),
                       (SELECT changed_by FROM healing_control),
                       EXISTS (SELECT 1 FROM healing_actions WHERE fingerprint_id = ? AND action_type <> 'escalate' AND %s),
                       (SELECT max(created_at) FROM healing_actions
                        WHERE fingerprint_id = ? AND status <> 'refused' AND compensates IS NULL AND action_type <> 'escalate'),
                       (SELECT count(*) FROM healing_actions a JOIN error_fingerprints f ON f.id = a.fingerprint_id
                        WHERE f.service = ? AND %s),
                       (SELECT count(*) FROM healing_actions WHERE status <> 'pending_approval' AND action_type <> 'escalate' AND %s),
                       (SELECT array_agg(DISTINCT f.service) FROM healing_actions a JOIN error_fingerprints f ON f.id = a.fingerprint_id
                        WHERE %s)
                """.formatted(inFlight(), COUNTED, inFlight(), COUNTED))) {
            ps.setString(1, fingerprintId);
            ps.setString(2, fingerprintId);
            ps.setString(3, service);
            ps.setTimestamp(4, hourAgo);
            ps.setTimestamp(5, hourAgo);
            try (ResultSet rs = ps.executeQuery()) {
                rs.next();
                Timestamp last = rs.getTimestamp(4);
                Array services = rs.getArray(7);
                return new GuardrailState(rs.getBoolean(1), rs.getString(2), rs.getBoolean(3),
                        last == null ? null : last.toInstant(), rs.getInt(5), rs.getInt(6),
                        services == null ? Set.of() : Set.of((String[]) services.getArray()));
            }
        }
    }

    /** The kill switch; one row shared by every instance (re-created if someone emptied the table). */
    public void setPaused(Connection c, boolean paused, String by, String reason) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement("""
                INSERT INTO healing_control (id, paused, changed_by, reason, changed_at) VALUES (true, ?, ?, ?, now())
                ON CONFLICT (id) DO UPDATE SET paused = excluded.paused, changed_by = excluded.changed_by,
                                               reason = excluded.reason, changed_at = excluded.changed_at""")) {
            ps.setBoolean(1, paused);
            ps.setString(2, by);
            ps.setString(3, reason);
            ps.executeUpdate();
        }
    }

    private static String inFlight() {
        return """
                compensates IS NULL AND dry_run = false
                AND (status IN ('pending_approval', 'approved', 'executing')
                     OR (status = 'succeeded' AND settled_at IS NULL AND verify_at IS NOT NULL))""";
    }
}
