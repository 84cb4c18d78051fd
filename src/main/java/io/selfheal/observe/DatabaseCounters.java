package io.selfheal.observe;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import javax.sql.DataSource;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.util.ArrayList;
import java.util.List;

/**
 * Counts the incidents opened and the healing actions settled, as the database records them: every path that opens
 * an incident or settles an action (refusal, dry run, rejection, expiry, failure, verification...) writes
 * {@code detected_at} or {@code settled_at}, so reading those columns counts all of them without each path having to
 * remember a metric, and counts only what was committed. Read on the database gauges' timer; every instance counts
 * the same events, so dashboards take {@code max} over instances, as for the gauges.
 *
 * <p>Plain JDBC, not a {@code sql:} endpoint: the reads feed Micrometer counters (no exchange, no result to route),
 * and the window's bound is state of this bean, moved only after a tick's reads succeeded.
 *
 * <p>Each read covers {@code (previous bound, now - lag]}: the lag lets a transaction that stamped a row just before
 * the read commit before its time is passed.
 */
public final class DatabaseCounters {
    private static final Logger LOG = LoggerFactory.getLogger(DatabaseCounters.class);
    private static final String LAG = "interval '5 seconds'";

    private final DataSource dataSource;
    private final SelfhealMetrics metrics;
    private Timestamp countedUpTo;

    public DatabaseCounters(DataSource dataSource, SelfhealMetrics metrics) {
        this.dataSource = dataSource;
        this.metrics = metrics;
    }

    /** Counts what was recorded since the previous call; the first call only sets the starting point. */
    public synchronized void refresh() {
        try (Connection c = dataSource.getConnection()) {
            Timestamp upTo = bound(c);
            if (countedUpTo != null && tablesExist(c)) {
                // Both reads first, counted only when both succeeded: a failed second read must not leave the first
                // counted once now and again with the retried window.
                List<Runnable> counts = new ArrayList<>();
                readIncidents(c, countedUpTo, upTo, counts);
                readActions(c, countedUpTo, upTo, counts);
                counts.forEach(Runnable::run);
            }
            countedUpTo = upTo;
        } catch (SQLException e) {
            // The window stays where it was: the next read counts it.
            LOG.warn("Cannot count incidents and actions: {}", e.getMessage());
        }
    }

    private void readIncidents(Connection c, Timestamp from, Timestamp to, List<Runnable> counts) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement("""
                SELECT severity, count(*) FROM self_heal_events
                WHERE detected_at > ? AND detected_at <= ? GROUP BY severity""")) {
            ps.setTimestamp(1, from);
            ps.setTimestamp(2, to);
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    String severity = rs.getString(1);
                    long n = rs.getLong(2);
                    counts.add(() -> metrics.incidentsDetected(severity, n));
                }
            }
        }
    }

    /** A settled action that succeeded ends with its verification's outcome, any other with its status. */
    private void readActions(Connection c, Timestamp from, Timestamp to, List<Runnable> counts) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement("""
                SELECT a.strategy, coalesce(r.outcome, a.status), count(*)
                FROM healing_actions a LEFT JOIN healing_results r ON r.action_id = a.id
                WHERE a.settled_at > ? AND a.settled_at <= ? GROUP BY 1, 2""")) {
            ps.setTimestamp(1, from);
            ps.setTimestamp(2, to);
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    String strategy = rs.getString(1);
                    String outcome = rs.getString(2);
                    long n = rs.getLong(3);
                    counts.add(() -> metrics.actionsFinished(strategy, outcome, n));
                }
            }
        }
    }

    private static Timestamp bound(Connection c) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement("SELECT now() - " + LAG);
             ResultSet rs = ps.executeQuery()) {
            rs.next();
            return rs.getTimestamp(1);
        }
    }

    private static boolean tablesExist(Connection c) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement("""
                SELECT to_regclass('self_heal_events') IS NOT NULL AND to_regclass('healing_actions') IS NOT NULL
                       AND to_regclass('healing_results') IS NOT NULL""");
             ResultSet rs = ps.executeQuery()) {
            return rs.next() && rs.getBoolean(1);
        }
    }
}
