package io.selfheal.app;

import io.selfheal.testing.RunningApp;
import io.selfheal.testing.TestDatabase;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Duration;
import java.util.Map;

import static io.selfheal.testing.RunningApp.await;
import static io.selfheal.testing.RunningApp.count;
import static org.assertj.core.api.Assertions.assertThat;

/** The whole service, started as {@code java -jar} would, against a real PostgreSQL, real files and real HTTP. */
class SelfhealAppTest {
    @TempDir
    Path logs;

    private RunningApp app;

    @BeforeEach
    void start() throws Exception {
        TestDatabase.get().reset();
        app = startApp();
    }

    @AfterEach
    void stop() {
        if (app != null) {
            app.close();
        }
    }

    @Test
    void anAppendedErrorLineBecomesAFingerprint() throws Exception {
        assertThat(app.get("/observe/health").body()).contains("UP");
        append("app.log", "2024-05-01 10:00:00.000 ERROR [main] c.a.Checkout - Request to payments-api timed out after 3000 ms\n");
        await(() -> count("SELECT count(*) FROM error_fingerprints WHERE service = 'app'") == 1, Duration.ofSeconds(10), "rows stored");
        assertThat(count("SELECT count(*) FROM error_fingerprints WHERE error_type = 'network'")).isEqualTo(1);
    }

    @Test
    void aMixedFileProducesTheRightRowsAndCounts() throws Exception {
        append("orders.log", String.join("\n",
                "2024-05-01 10:00:00.000 INFO  [main] c.a.Orders - started in 2.1 s",
                "2024-05-01 10:00:01.000 ERROR [exec-1] c.a.Orders - Could not save order 1001",
                "java.sql.SQLTransientConnectionException: HikariPool-1 - Connection is not available, request timed out after 30000ms.",
                "\tat com.zaxxer.hikari.pool.HikariPool.createTimeoutException(HikariPool.java:696)",
                "\tat com.acme.orders.OrderRepository.save(OrderRepository.java:41)",
                "2024-05-01 10:00:02.000 ERROR [exec-2] c.a.Orders - Could not save order 1002",
                "java.sql.SQLTransientConnectionException: HikariPool-1 - Connection is not available, request timed out after 30004ms.",
                "\tat com.zaxxer.hikari.pool.HikariPool.createTimeoutException(HikariPool.java:696)",
                "\tat com.acme.orders.OrderRepository.save(OrderRepository.java:43)",
                "{\"@timestamp\":\"2024-05-01T10:00:03Z\",\"level\":\"WARN\",\"logger_name\":\"c.a.Cache\",\"message\":\"cache miss ratio 0.93\"}",
                "time=2024-05-01T10:00:04Z level=error msg=\"upstream returned 503\" service=gateway",
                "{\"level\": \"ERROR\", broken json",
                "") );
        await(() -> count("SELECT count(*) FROM log_entries") == 4 && count("SELECT count(*) FROM dead_letters") == 1,
                Duration.ofSeconds(10), "rows stored");
        assertThat(count("SELECT occurrence_count FROM error_fingerprints WHERE error_type = 'database'")).isEqualTo(2);
        assertThat(count("SELECT count(*) FROM error_fingerprints WHERE service = 'gateway'")).isEqualTo(1);
        assertThat(count("SELECT count(*) FROM log_entries WHERE level = 'INFO'")).isZero();
        assertThat(count("SELECT count(*) FROM dead_letters WHERE reason LIKE '%JSON%'")).isEqualTo(1);
    }

    @Test
    void aRestartInTheMiddleOfAFileGivesNoDuplicatesAndNoGaps() throws Exception {
        StringBuilder first = new StringBuilder();
        for (int i = 0; i < 500; i++) {
            first.append("2024-05-01 10:00:00.000 ERROR [main] c.a.Batch - item ").append(i).append(" failed\n");
        }
        append("batch.log", first.toString());
        await(() -> count("SELECT count(*) FROM log_entries") == 500, Duration.ofSeconds(20), "rows stored");
        app.close();

        StringBuilder second = new StringBuilder();
        for (int i = 500; i < 1000; i++) {
            second.append("2024-05-01 10:00:00.000 ERROR [main] c.a.Batch - item ").append(i).append(" failed\n");
        }
        append("batch.log", second.toString()); // written while Selfheal is down
        app = startApp();
        await(() -> count("SELECT count(*) FROM log_entries") == 1000, Duration.ofSeconds(20), "rows stored");
        Thread.sleep(1000);
        assertThat(count("SELECT count(*) FROM log_entries")).isEqualTo(1000);
        assertThat(count("SELECT count(DISTINCT message) FROM log_entries")).isEqualTo(1000);
        assertThat(count("SELECT sum(occurrence_count) FROM error_fingerprints")).isEqualTo(1000);
    }

    @Test
    void httpPushAcceptsJsonArraysAndNdjson() throws Exception {
        HttpResponse<String> array = app.post("/api/v1/logs?service=checkout", "application/json", """
                [{"@timestamp":"2024-05-01T10:00:00Z","level":"ERROR","message":"card declined for order 42"},
                 {"@timestamp":"2024-05-01T10:00:01Z","level":"ERROR","message":"card declined for order 43"}]""");
        assertThat(array.statusCode()).isEqualTo(200);
        assertThat(array.body()).contains("\"accepted\":2");

        HttpResponse<String> ndjson = app.post("/api/v1/logs", "application/x-ndjson", """
                {"time":"2024-05-01T10:00:02Z","level":"error","msg":"disk full on /var/lib/data","service":"storage"}
                not json at all
                """);
        assertThat(ndjson.statusCode()).isEqualTo(200);
        assertThat(ndjson.body()).contains("\"accepted\":1").contains("\"rejected\":1").contains("line 2");

        assertThat(count("SELECT occurrence_count FROM error_fingerprints WHERE service = 'checkout'")).isEqualTo(2);
        assertThat(count("SELECT count(*) FROM log_entries WHERE service = 'storage'")).isEqualTo(1);
        assertThat(count("SELECT count(*) FROM dead_letters WHERE source = 'http'")).isEqualTo(1);
    }

    @Test
    void badPayloadsGet400AndOversizedOnes413() throws Exception {
        HttpResponse<String> broken = app.post("/api/v1/logs", "application/json", "[{\"level\":\"ERROR\",");
        assertThat(broken.statusCode()).isEqualTo(400);
        assertThat(broken.body()).contains("\"error\":\"bad_request\"").contains("invalid JSON");
        assertThat(count("SELECT count(*) FROM dead_letters WHERE source = 'http'")).isEqualTo(1);

        HttpResponse<String> empty = app.post("/api/v1/logs", "application/json", "");
        assertThat(empty.statusCode()).isEqualTo(400);
        assertThat(empty.body()).contains("empty body");

        HttpResponse<String> huge = app.post("/api/v1/logs", "text/plain", "x".repeat(2 * 1024 * 1024));
        assertThat(huge.statusCode()).isEqualTo(413);
    }

    private RunningApp startApp() throws Exception {
        return RunningApp.start(logs, Map.of(
                "selfheal.http.max-body-bytes", String.valueOf(1024 * 1024),
                "selfheal.files.poll-interval-ms", "100"));
    }

    private void append(String file, String text) throws IOException {
        Files.writeString(logs.resolve(file), text, StandardCharsets.UTF_8, StandardOpenOption.CREATE, StandardOpenOption.APPEND);
    }
}
