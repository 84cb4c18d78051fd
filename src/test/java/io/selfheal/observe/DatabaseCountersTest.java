package io.selfheal.observe;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.selfheal.testing.TestDatabase;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import javax.sql.DataSource;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;

import static org.assertj.core.api.Assertions.assertThat;

/** Incidents and settled actions counted from the database, on a real PostgreSQL. */
class DatabaseCountersTest {
    private final DataSource dataSource = TestDatabase.get().dataSource();
    private final SimpleMeterRegistry registry = new SimpleMeterRegistry();
    private final DatabaseCounters counters = new DatabaseCounters(dataSource, new SelfhealMetrics(registry));

    @BeforeEach
    void emptyDatabase() throws SQLException {
        TestDatabase.get().reset();
        execute("""
                INSERT INTO error_fingerprints (id, service, error_type, template, level, occurrence_count,
                                                first_seen, last_seen)
                VALUES ('000000000000000a', 'orders', 'database', 't', 'ERROR', 1, now(), now())""");
    }

    @Test
    void anIncidentIsCountedOnceWhenTheSecondReadOfATickFails() throws Exception {
        counters.refresh(); // the starting point
        // Inside the next window: after the starting point, and older than the 5 s lag once 200 ms have passed.
        execute("""
                INSERT INTO self_heal_events (fingerprint_id, service, error_type, severity, status, detected_at)
                VALUES ('000000000000000a', 'orders', 'database', 'high', 'open', now() - interval '4900 ms')""");
        Thread.sleep(200);

        execute("ALTER TABLE healing_actions RENAME COLUMN settled_at TO settled_at_hidden");
        try {
            counters.refresh(); // the incidents read succeeds, the actions read fails
        } finally {
            execute("ALTER TABLE healing_actions RENAME COLUMN settled_at_hidden TO settled_at");
        }
        assertThat(incidents("high")).isZero();

        counters.refresh(); // the same window again, both reads succeed
        assertThat(incidents("high")).isEqualTo(1);
        counters.refresh();
        assertThat(incidents("high")).isEqualTo(1);
    }

    private double incidents(String severity) {
        Counter counter = registry.find("selfheal.incidents.detected").tag("severity", severity).counter();
        return counter == null ? 0 : counter.count();
    }

    private void execute(String sql) throws SQLException {
        try (Connection connection = dataSource.getConnection(); Statement statement = connection.createStatement()) {
            statement.execute(sql);
        }
    }
}
