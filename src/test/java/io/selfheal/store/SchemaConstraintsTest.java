package io.selfheal.store;

import io.selfheal.testing.TestDatabase;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.sql.SQLException;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class SchemaConstraintsTest {

    private static final String CHECK_VIOLATION = "23514";
    private static final String FINGERPRINT = "0123456789abcdef";

    @BeforeEach
    void seed() throws SQLException {
        TestDatabase.get().reset();
        Sql.execute("""
                INSERT INTO error_fingerprints (id, service, error_type, template, level, occurrence_count,
                                                first_seen, last_seen)
                VALUES ('0123456789abcdef', 's', 'database', 't', 'ERROR', 1, now(), now());
                INSERT INTO self_heal_events (fingerprint_id, service, error_type, severity)
                VALUES ('0123456789abcdef', 's', 'database', 'high');
                INSERT INTO healing_actions (event_id, fingerprint_id, strategy, action_type)
                VALUES (1, '0123456789abcdef', 'restart', 'restart_service');
                """);
    }

    @ParameterizedTest
    @ValueSource(strings = {
            "INSERT INTO error_fingerprints (id, service, error_type, template, level, first_seen, last_seen)"
                    + " VALUES ('1111111111111111', 's', 'disk', 't', 'ERROR', now(), now())",
            "INSERT INTO error_fingerprints (id, service, error_type, template, level, first_seen, last_seen)"
                    + " VALUES ('NOT-HEX-16-CHARS', 's', 'database', 't', 'ERROR', now(), now())",
            "INSERT INTO error_fingerprints (id, service, error_type, template, level, first_seen, last_seen)"
                    + " VALUES ('1111111111111111', 's', 'database', 't', 'error', now(), now())",
            "UPDATE error_fingerprints SET status = 'closed'",
            "UPDATE error_fingerprints SET severity = 'urgent'",
            "UPDATE error_fingerprints SET first_seen = last_seen + interval '1 second'",
            "INSERT INTO log_entries (fingerprint_id, service, ts, level, message)"
                    + " VALUES ('0123456789abcdef', 's', now(), 'NOTICE', 'm')",
            "INSERT INTO log_entries (fingerprint_id, service, ts, level, message, labels)"
                    + " VALUES ('0123456789abcdef', 's', now(), 'ERROR', 'm', '[1]')",
            "UPDATE self_heal_events SET status = 'resolved'",
            "UPDATE self_heal_events SET severity = 'none'",
            "UPDATE self_heal_events SET error_type = 'timeout'",
            "UPDATE healing_actions SET status = 'done'",
            "INSERT INTO healing_results (action_id, fingerprint_id, strategy, outcome)"
                    + " VALUES (1, '0123456789abcdef', 'restart', 'success')",
            "INSERT INTO dead_letters (source, reason, raw_size) VALUES ('s', 'r', -1)",
    })
    void rejectsValuesOutsideTheirEnumeration(String sql) {
        assertThatThrownBy(() -> Sql.execute(sql))
                .isInstanceOfSatisfying(SQLException.class,
                        e -> assertThat(e.getSQLState()).isEqualTo(CHECK_VIOLATION));
    }

    @ParameterizedTest
    @ValueSource(strings = {
            "INSERT INTO log_entries (fingerprint_id, service, ts, level) VALUES ('fedcba9876543210', 's', now(), 'ERROR')",
            "INSERT INTO healing_actions (event_id, fingerprint_id, strategy, action_type)"
                    + " VALUES (42, '" + FINGERPRINT + "', 'restart', 'restart_service')",
            "INSERT INTO healing_results (action_id, fingerprint_id, strategy, outcome)"
                    + " VALUES (42, '" + FINGERPRINT + "', 'restart', 'verified')",
            "DELETE FROM error_fingerprints",
    })
    void rejectsRowsThatBreakForeignKeys(String sql) {
        assertThatThrownBy(() -> Sql.execute(sql))
                .isInstanceOfSatisfying(SQLException.class,
                        e -> assertThat(e.getSQLState()).isEqualTo("23503"));
    }
}
