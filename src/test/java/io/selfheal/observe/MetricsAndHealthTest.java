package io.selfheal.observe;

import com.sun.net.httpserver.HttpServer;
import io.selfheal.testing.RunningApp;
import io.selfheal.testing.TestDatabase;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;

import static io.selfheal.testing.RunningApp.await;
import static io.selfheal.testing.RunningApp.execute;
import static org.assertj.core.api.Assertions.assertThat;

/** /observe/metrics and /observe/health of the running service, with a real Loki-like HTTP server. */
class MetricsAndHealthTest {
    @TempDir
    Path work;

    private HttpServer loki;
    private RunningApp app;

    @BeforeEach
    void start() throws Exception {
        TestDatabase.get().reset();
        loki = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        loki.createContext("/ready", exchange -> {
            byte[] ready = "ready".getBytes();
            exchange.sendResponseHeaders(200, ready.length);
            exchange.getResponseBody().write(ready);
            exchange.close();
        });
        loki.start();
        // No scheduled assessment: it would re-assess the incident the test writes and change its severity.
        app = RunningApp.startIn(work, Map.of(
                "selfheal.assess.cron", RunningApp.NEVER,
                "selfheal.metrics.db-refresh-ms", "200",
                "selfheal.loki.push.max-entries", "2",
                "selfheal.loki.enabled", "true",
                "selfheal.loki.queries", "{job=\"none\"}",
                "selfheal.loki.url", "http://127.0.0.1:" + loki.getAddress().getPort() + "/",
                "selfheal.llm.provider", "ollama",
                "selfheal.llm.base-url", "http://127.0.0.1:" + closedPort()));
    }

    @AfterEach
    void stop() {
        if (app != null) {
            app.close();
        }
        loki.stop(0);
    }

    @Test
    void domainAndRouteMetricsArePublished() throws Exception {
        assertThat(app.post("/api/v1/logs?service=checkout", "application/x-ndjson", """
                {"level":"ERROR","message":"card declined for order 42"}
                {"level":"ERROR","message":"card declined for order 43"}
                not json
                """).statusCode()).isEqualTo(200);
        assertThat(app.post("/api/v1/logs", "application/json", "[{").statusCode()).isEqualTo(400);
        assertThat(app.post("/loki/api/v1/push", "application/json", "{\"streams\": [").statusCode()).isEqualTo(400);
        assertThat(app.post("/loki/api/v1/push", "application/json", """
                {"streams": [{"stream": {"app": "checkout"}, "values": [["1", "a"], ["2", "b"], ["3", "c"]]}]}
                """).statusCode()).isEqualTo(413);
        execute("""
                INSERT INTO self_heal_events (fingerprint_id, service, error_type, severity, status)
                SELECT id, service, error_type, 'high', 'open' FROM error_fingerprints LIMIT 1""");
        execute("""
                INSERT INTO healing_actions (fingerprint_id, strategy, action_type, status)
                SELECT id, 'restart', 'restart_container', 'pending_approval' FROM error_fingerprints LIMIT 1""");

        // Error groups reach error_fingerprints through the grouping sync, after the push is answered.
        await("database gauges refreshed", () -> metrics().contains("selfheal_actions{")
                && metrics().contains("selfheal_fingerprints{"), Duration.ofSeconds(20));
        String metrics = metrics();
        assertThat(metrics)
                .contains("selfheal_lines_ingested_total{source=\"http\"} 3.0")
                .contains("selfheal_events_stored_total{source=\"http\"} 2.0")
                .contains("selfheal_fingerprints_new_total{source=\"http\"} 1.0")
                // Each dead letter counted by its kind of reason, a closed set; kinds not seen yet are 0.
                .contains("selfheal_dead_letters_total{reason=\"unparseable\",source=\"http\"} 1.0")
                .contains("selfheal_dead_letters_total{reason=\"bad_payload\",source=\"http\"} 1.0")
                .contains("selfheal_dead_letters_total{reason=\"parser_error\",source=\"http\"} 0.0")
                .contains("selfheal_dead_letters_total{reason=\"bad_payload\",source=\"loki-push\"} 1.0")
                .contains("selfheal_dead_letters_total{reason=\"too_large\",source=\"loki-push\"} 1.0")
                .contains("selfheal_fingerprints{status=\"active\"} 1.0")
                .contains("selfheal_incidents{severity=\"high\",status=\"open\"} 1.0")
                .contains("selfheal_actions{status=\"pending_approval\",strategy=\"restart\"} 1.0")
                .contains("selfheal_dead_letters_stored 4.0")
                .containsPattern("camel_exchanges_total\\{[^}]*routeId=\"ingest\"");
    }

    @Test
    void healthReportsEachDependency() throws Exception {
        var health = app.get("/observe/health");
        // The LLM is configured but unreachable: the service is not ready, and says why.
        assertThat(health.statusCode()).isEqualTo(503);
        assertThat(health.body())
                .containsPattern("\"name\":\\s*\"database\",\\s*\"status\":\\s*\"UP\"")
                .containsPattern("\"name\":\\s*\"loki\",\\s*\"status\":\\s*\"UP\"")
                .containsPattern("\"name\":\\s*\"kafka\",\\s*\"status\":\\s*\"UP\",\\s*\"message\":\\s*\"not configured\"")
                .containsPattern("\"name\":\\s*\"llm\",\\s*\"status\":\\s*\"DOWN\"")
                .containsPattern("\"name\":\\s*\"route-files\",\\s*\"status\":\\s*\"UP\"");
    }

    private String metrics() {
        try {
            return app.get("/observe/metrics").body();
        } catch (IOException | InterruptedException e) {
            throw new IllegalStateException(e);
        }
    }

    private static int closedPort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        }
    }
}
