package io.selfheal.app;

import io.selfheal.store.DatabaseSettings;
import io.selfheal.testing.TestDatabase;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import java.util.function.BooleanSupplier;

import static org.assertj.core.api.Assertions.assertThat;

/** The whole service, started as {@code java -jar} would, against a real PostgreSQL, real files and real HTTP. */
class SelfhealAppTest {
    private static final HttpClient HTTP = HttpClient.newHttpClient();

    @TempDir
    Path logs;

    private int port;
    private SelfhealApp app;

    @BeforeEach
    void start() throws Exception {
        TestDatabase.get().reset();
        port = freePort();
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
        assertThat(get("/observe/health").body()).contains("UP");
        append("app.log", "2024-05-01 10:00:00.000 ERROR [main] c.a.Checkout - Request to payments-api timed out after 3000 ms\n");
        await(() -> count("SELECT count(*) FROM error_fingerprints WHERE service = 'app'") == 1, Duration.ofSeconds(10));
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
                Duration.ofSeconds(10));
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
        await(() -> count("SELECT count(*) FROM log_entries") == 500, Duration.ofSeconds(20));
        app.close();

        StringBuilder second = new StringBuilder();
        for (int i = 500; i < 1000; i++) {
            second.append("2024-05-01 10:00:00.000 ERROR [main] c.a.Batch - item ").append(i).append(" failed\n");
        }
        append("batch.log", second.toString()); // written while Selfheal is down
        app = startApp();
        await(() -> count("SELECT count(*) FROM log_entries") == 1000, Duration.ofSeconds(20));
        Thread.sleep(1000);
        assertThat(count("SELECT count(*) FROM log_entries")).isEqualTo(1000);
        assertThat(count("SELECT count(DISTINCT message) FROM log_entries")).isEqualTo(1000);
        assertThat(count("SELECT sum(occurrence_count) FROM error_fingerprints")).isEqualTo(1000);
    }

    @Test
    void httpPushAcceptsJsonArraysAndNdjson() throws Exception {
        HttpResponse<String> array = post("/api/v1/logs?service=checkout", "application/json", """
                [{"@timestamp":"2024-05-01T10:00:00Z","level":"ERROR","message":"card declined for order 42"},
                 {"@timestamp":"2024-05-01T10:00:01Z","level":"ERROR","message":"card declined for order 43"}]""");
        assertThat(array.statusCode()).isEqualTo(200);
        assertThat(array.body()).contains("\"accepted\":2");

        HttpResponse<String> ndjson = post("/api/v1/logs", "application/x-ndjson", """
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
        HttpResponse<String> broken = post("/api/v1/logs", "application/json", "[{\"level\":\"ERROR\",");
        assertThat(broken.statusCode()).isEqualTo(400);
        assertThat(broken.body()).contains("\"error\":\"bad_request\"").contains("invalid JSON");
        assertThat(count("SELECT count(*) FROM dead_letters WHERE source = 'http'")).isEqualTo(1);

        HttpResponse<String> empty = post("/api/v1/logs", "application/json", "");
        assertThat(empty.statusCode()).isEqualTo(400);
        assertThat(empty.body()).contains("empty body");

        HttpResponse<String> huge = post("/api/v1/logs", "text/plain", "x".repeat(2 * 1024 * 1024));
        assertThat(huge.statusCode()).isEqualTo(413);
    }

    private SelfhealApp startApp() throws Exception {
        DatabaseSettings db = TestDatabase.get().settings();
        Map<String, String> properties = new HashMap<>();
        properties.put("selfheal.db.url", db.url());
        properties.put("selfheal.db.user", db.user());
        properties.put("selfheal.db.password", db.password() == null ? "" : db.password());
        properties.put("selfheal.http.port", String.valueOf(port));
        properties.put("selfheal.http.max-body-bytes", String.valueOf(1024 * 1024));
        properties.put("selfheal.files.directory", logs.toString());
        properties.put("selfheal.files.poll-interval-ms", "100");
        return new SelfhealApp(null, properties).start();
    }

    private HttpResponse<String> get(String path) throws IOException, InterruptedException {
        return HTTP.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + path)).build(),
                HttpResponse.BodyHandlers.ofString());
    }

    private HttpResponse<String> post(String path, String contentType, String body) throws IOException, InterruptedException {
        return HTTP.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + path))
                .header("Content-Type", contentType)
                .POST(HttpRequest.BodyPublishers.ofString(body, StandardCharsets.UTF_8)).build(),
                HttpResponse.BodyHandlers.ofString());
    }

    private void append(String file, String text) throws IOException {
        Files.writeString(logs.resolve(file), text, StandardCharsets.UTF_8, StandardOpenOption.CREATE, StandardOpenOption.APPEND);
    }

    private static long count(String sql) {
        try (Connection c = TestDatabase.get().dataSource().getConnection();
             Statement s = c.createStatement();
             ResultSet rs = s.executeQuery(sql)) {
            rs.next();
            return rs.getLong(1);
        } catch (SQLException e) {
            throw new IllegalStateException(e);
        }
    }

    private static void await(BooleanSupplier condition, Duration timeout) throws InterruptedException {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (!condition.getAsBoolean()) {
            if (System.nanoTime() > deadline) {
                throw new AssertionError("condition not met within " + timeout);
            }
            Thread.sleep(50);
        }
    }

    private static int freePort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        }
    }
}
