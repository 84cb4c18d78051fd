package io.selfheal.store;

import io.selfheal.testing.TestDatabase;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.math.BigDecimal;
import java.sql.SQLException;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** The V2 views and functions on a small seeded history. */
class HealingStatsTest {

    private static final String A = "000000000000000a";
    private static final String B = "000000000000000b";
    private static final String C = "000000000000000c";

    /**
     * A: two incidents; restart actions 1 (verified, 40 s), 2 (failed), 3 (verified, 20 s, last); scale action 4
     * (inconclusive). B: one action, no result. C: nothing. Incident 2 and its action 3 are old and closed.
     */
    @BeforeEach
    void seed() throws SQLException {
        TestDatabase.get().reset();
        Sql.execute("""
                INSERT INTO error_fingerprints (id, service, error_type, template, level, occurrence_count,
                                                first_seen, last_seen)
                VALUES ('000000000000000a', 'orders', 'database', 't', 'ERROR', 120, now() - interval '3 days', now()),
                       ('000000000000000b', 'billing', 'network', 't', 'ERROR', 7, now() - interval '1 hour', now()),
                       ('000000000000000c', 'billing', 'unknown', 't', 'WARN', 1, now(), now());
                INSERT INTO self_heal_events (fingerprint_id, service, error_type, severity, status, detected_at,
                                              resolved_at)
                VALUES ('000000000000000a', 'orders', 'database', 'high', 'open', now() - interval '1 hour', NULL),
                       ('000000000000000a', 'orders', 'database', 'high', 'closed', now() - interval '40 days',
                        now() - interval '39 days');
                INSERT INTO healing_actions (event_id, fingerprint_id, strategy, action_type, status, created_at,
                                             updated_at)
                VALUES (1, '000000000000000a', 'restart', 'restart_service', 'succeeded',
                        now() - interval '3 hours', now() - interval '3 hours'),
                       (1, '000000000000000a', 'restart', 'restart_service', 'failed',
                        now() - interval '2 hours', now() - interval '2 hours'),
                       (2, '000000000000000a', 'restart', 'restart_service', 'succeeded',
                        now() - interval '39 days', now() - interval '39 days'),
                       (1, '000000000000000a', 'scale', 'scale_out', 'succeeded',
                        now() - interval '30 days', now() - interval '30 days'),
                       (NULL, '000000000000000b', 'scale', 'scale_out', 'pending_approval',
                        now() - interval '5 minutes', now() - interval '5 minutes');
                INSERT INTO healing_results (action_id, fingerprint_id, strategy, outcome, time_to_recovery_seconds,
                                             verified_at)
                VALUES (1, '000000000000000a', 'restart', 'verified', 40, now() - interval '170 minutes'),
                       (2, '000000000000000a', 'restart', 'failed', NULL, now() - interval '110 minutes'),
                       (3, '000000000000000a', 'restart', 'verified', 20, now() - interval '39 days'),
                       (4, '000000000000000a', 'scale', 'inconclusive', NULL, now() - interval '30 days');
                """);
    }

    @Test
    void healingOverviewSummarizesEachFingerprint() throws SQLException {
        List<Map<String, Object>> overview = Sql.rows("""
                SELECT fingerprint_id, occurrences, incidents, actions, last_action_strategy, last_action_status,
                       verified, failed, success_rate
                FROM healing_overview ORDER BY fingerprint_id
                """);

        assertThat(overview).hasSize(3);
        assertThat(overview.get(0)).containsExactlyInAnyOrderEntriesOf(row(
                "fingerprint_id", A, "occurrences", 120L, "incidents", 2L, "actions", 4L,
                "last_action_strategy", "restart", "last_action_status", "failed",
                "verified", 2L, "failed", 1L, "success_rate", new BigDecimal("0.5000")));
        assertThat(overview.get(1)).containsExactlyInAnyOrderEntriesOf(row(
                "fingerprint_id", B, "occurrences", 7L, "incidents", 0L, "actions", 1L,
                "last_action_strategy", "scale", "last_action_status", "pending_approval",
                "verified", 0L, "failed", 0L, "success_rate", null));
        assertThat(overview.get(2)).containsExactlyInAnyOrderEntriesOf(row(
                "fingerprint_id", C, "occurrences", 1L, "incidents", 0L, "actions", 0L,
                "last_action_strategy", null, "last_action_status", null,
                "verified", 0L, "failed", 0L, "success_rate", null));
    }

    @Test
    void recentHealingActivityListsTheLastDayNewestFirst() throws SQLException {
        assertThat(Sql.rows("SELECT kind, action_id, state FROM recent_healing_activity"))
                .extracting(r -> r.get("kind") + " " + r.get("action_id") + " " + r.get("state"))
                .containsExactly("action 5 pending_approval", "result 2 failed", "action 2 failed",
                        "result 1 verified", "action 1 succeeded");
    }

    @Test
    void healingStatsPerStrategy() throws SQLException {
        assertThat(Sql.rows("SELECT * FROM get_healing_stats()")).containsExactly(
                row("strategy", "restart", "attempts", 3L, "verified", 2L, "failed", 1L, "inconclusive", 0L,
                        "success_rate", new BigDecimal("0.6667"), "mttr_seconds", new BigDecimal("30.000")),
                row("strategy", "scale", "attempts", 1L, "verified", 0L, "failed", 0L, "inconclusive", 1L,
                        "success_rate", new BigDecimal("0.0000"), "mttr_seconds", null));
    }

    @Test
    void cleanupDeletesOnlyRowsOlderThanTheRetention() throws SQLException {
        Sql.execute("""
                INSERT INTO log_entries (fingerprint_id, service, ts, level, message)
                VALUES ('000000000000000a', 'orders', now() - interval '31 days', 'ERROR', 'old'),
                       ('000000000000000a', 'orders', now() - interval '29 days', 'ERROR', 'recent');
                INSERT INTO dead_letters (source, reason, raw_size, created_at)
                VALUES ('f', 'old', 1, now() - interval '45 days'), ('f', 'recent', 1, now());
                INSERT INTO log_line_counts (minute, service, level, lines)
                VALUES (date_trunc('minute', now() - interval '31 days'), 'orders', 'INFO', 7),
                       (date_trunc('minute', now() - interval '31 days'), 'orders', 'ERROR', 1),
                       (date_trunc('minute', now() - interval '29 days'), 'orders', 'INFO', 5);
                """);

        List<Map<String, Object>> deleted = Sql.rows("SELECT * FROM cleanup_old_healing_data(interval '30 days')");

        assertThat(deleted).containsExactly(
                row("table_name", "healing_results", "deleted", 1L),
                row("table_name", "healing_actions", "deleted", 1L),
                row("table_name", "self_heal_events", "deleted", 1L),
                row("table_name", "log_entries", "deleted", 1L),
                row("table_name", "dead_letters", "deleted", 1L),
                row("table_name", "log_line_counts", "deleted", 2L));
        assertThat(Sql.rows("SELECT lines FROM log_line_counts")).containsExactly(Map.of("lines", 5L));
        assertThat(Sql.rows("SELECT message FROM log_entries")).containsExactly(Map.of("message", "recent"));
        assertThat(Sql.rows("SELECT reason FROM dead_letters")).containsExactly(Map.of("reason", "recent"));
        assertThat(Sql.rows("SELECT id FROM self_heal_events")).containsExactly(Map.of("id", 1L));
        // Action 4 is old but belongs to the open incident 1, so it stays with its result.
        assertThat(Sql.rows("SELECT id FROM healing_actions ORDER BY id")).extracting(r -> r.get("id"))
                .containsExactly(1L, 2L, 4L, 5L);
        assertThat(Sql.count("SELECT count(*) FROM healing_results")).isEqualTo(3);
        assertThat(Sql.count("SELECT count(*) FROM error_fingerprints")).isEqualTo(3);
    }

    @Test
    void cleanupRejectsANegativeRetention() {
        assertThatThrownBy(() -> Sql.rows("SELECT * FROM cleanup_old_healing_data(interval '-1 day')"))
                .isInstanceOf(SQLException.class)
                .hasMessageContaining("non-negative");
    }

    /** A map that, unlike Map.of, holds null values and keeps its order. */
    private static Map<String, Object> row(Object... keysAndValues) {
        Map<String, Object> row = new LinkedHashMap<>();
        for (int i = 0; i < keysAndValues.length; i += 2) {
            row.put((String) keysAndValues[i], keysAndValues[i + 1]);
        }
        return row;
    }
}
