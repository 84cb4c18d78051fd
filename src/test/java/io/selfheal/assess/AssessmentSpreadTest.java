package io.selfheal.assess;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.selfheal.testing.RunningApp;
import io.selfheal.testing.TestDatabase;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Spread is judged per fingerprint on what the real pipeline stored: the same failure in several services spreads,
 * unrelated errors that merely share an error type (here {@code unknown}, no exception) do not.
 */
class AssessmentSpreadTest {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String POOL_TIMEOUT = "java.sql.SQLTransientConnectionException: HikariPool-1 - Connection is not available"
            + "\n\tat com.zaxxer.hikari.pool.HikariPool.createTimeoutException(HikariPool.java:696)"
            + "\n\tat com.zaxxer.hikari.pool.HikariPool.getConnection(HikariPool.java:181)";

    @TempDir
    Path logs;
    private RunningApp app;

    @BeforeEach
    void start() throws Exception {
        TestDatabase.get().reset();
        // Assessments run only when this test asks for one.
        app = RunningApp.start(logs, Map.of("selfheal.assess.cron", RunningApp.NEVER, "selfheal.files.enabled", "false"));
    }

    @AfterEach
    void stop() {
        app.close();
    }

    @Test
    void unknownErrorsOfDifferentServicesAreNotOneSpreadingFailure() throws Exception {
        push("checkout", "card declined for order 4242", null);
        push("billing", "quota exceeded for tenant acme", null);
        push("orders", "order 77 will be retried", null);
        push("search", "index shard 3 is read-only", null);
        push("inventory", "Could not reserve stock", POOL_TIMEOUT);
        push("shipping", "Could not book a courier", POOL_TIMEOUT);
        push("returns", "Could not record a return", POOL_TIMEOUT);

        AssessmentReport report = app.app().camelContext().getRegistry()
                .lookupByNameAndType("assessment", Assessment.class).run(null, 0);

        assertThat(report.incidentsOpened()).isEqualTo(7);
        Map<String, String> spread = column("details ->> 'servicesAffected'");
        assertThat(spread).containsEntry("checkout", "1").containsEntry("billing", "1")
                .containsEntry("orders", "1").containsEntry("search", "1");
        assertThat(spread).containsEntry("inventory", "3").containsEntry("shipping", "3").containsEntry("returns", "3");
        Map<String, String> reasons = column("details ->> 'severityReasons'");
        assertThat(reasons.get("checkout")).doesNotContain("services");
        assertThat(reasons.get("inventory")).contains("same failure in 3 services +2");
    }

    private void push(String service, String message, String stack) throws Exception {
        ArrayNode events = JSON.createArrayNode();
        for (int i = 0; i < 6; i++) {
            ObjectNode e = events.addObject().put("@timestamp", Instant.now().toString()).put("level", "ERROR")
                    .put("service", service).put("message", message);
            if (stack != null) {
                e.put("stack_trace", stack);
            }
        }
        assertThat(app.post("/api/v1/logs", "application/json", JSON.writeValueAsString(events)).statusCode()).isEqualTo(200);
    }

    /** The given expression of each incident, by service. */
    private static Map<String, String> column(String expression) throws SQLException {
        Map<String, String> values = new LinkedHashMap<>();
        try (Connection c = TestDatabase.get().dataSource().getConnection();
             PreparedStatement ps = c.prepareStatement("SELECT service, " + expression + " FROM self_heal_events");
             ResultSet rs = ps.executeQuery()) {
            while (rs.next()) {
                values.put(rs.getString(1), rs.getString(2));
            }
        }
        return values;
    }
}
