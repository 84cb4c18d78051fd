package io.selfheal.heal;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.selfheal.app.SelfhealApp;
import io.selfheal.testing.RunningApp;
import io.selfheal.testing.TestDatabase;

import java.io.IOException;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.function.BooleanSupplier;

/**
 * Starts the whole service against the test PostgreSQL with healing tuned for tests (assessment every second,
 * short windows, dry run off, a webhook pointing at a {@link RecordingHttpServer}), and talks to it over HTTP.
 */
final class HealingHarness implements AutoCloseable {
    static final String OPERATOR_TOKEN = "operator-token-for-tests";
    static final String WEBHOOK_TOKEN = "webhook-secret-for-tests";
    private static final HttpClient HTTP = HttpClient.newHttpClient();
    private static final ObjectMapper JSON = new ObjectMapper();

    final int port;
    private final SelfhealApp app;

    private HealingHarness(int port, SelfhealApp app) {
        this.port = port;
        this.app = app;
    }

    static Map<String, String> properties(Path logs, RecordingHttpServer target, int port) throws IOException {
        Map<String, String> p = RunningApp.baseProperties(port, logs);
        p.put("selfheal.assess.cron", "* * * * * ?");
        p.put("selfheal.assess.window", "10s");
        p.put("selfheal.assess.baseline-window", "10m");
        p.put("selfheal.assess.min-occurrences", "5");
        p.put("selfheal.healing.dry-run", "false");
        p.put("selfheal.healing.cooldown", "1s");
        p.put("selfheal.healing.verify-after", "3s");
        p.put("selfheal.actions.webhook.url", target.url() + "/hooks");
        p.put("selfheal.actions.webhook.token", WEBHOOK_TOKEN);
        p.put("selfheal.actions.slack.webhook-url", target.url() + "/slack/T000/B000/secretpart");
        p.put("selfheal.api.operator-token", OPERATOR_TOKEN);
        return p;
    }

    static HealingHarness start(Path logs, RecordingHttpServer target, Map<String, String> overrides) throws Exception {
        int port = freePort();
        Map<String, String> p = properties(logs, target, port);
        p.putAll(overrides);
        return new HealingHarness(port, new SelfhealApp(null, p).start());
    }

    /** {@code n} database-timeout errors of {@code service}, stamped now, through POST /api/v1/logs. */
    void pushDatabaseTimeouts(String service, int n) throws IOException, InterruptedException {
        pushErrors(service, n, "Could not save order",
                "java.sql.SQLTransientConnectionException: HikariPool-1 - Connection is not available, request timed out after 30000ms.");
    }

    void pushErrors(String service, int n, String message, String exceptionLine) throws IOException, InterruptedException {
        pushErrors(service, n, message, exceptionLine + "\n\tat com.zaxxer.hikari.pool.HikariPool.createTimeoutException(HikariPool.java:696)"
                + "\n\tat com.acme.orders.OrderRepository.save(OrderRepository.java:41)", Map.of());
    }

    /** {@code n} ERROR events stamped now; {@code fields} are extra JSON fields (they become labels: feature, job…). */
    void pushErrors(String service, int n, String message, String stackTrace, Map<String, String> fields)
            throws IOException, InterruptedException {
        ArrayNode array = JSON.createArrayNode();
        for (int i = 0; i < n; i++) {
            ObjectNode event = array.addObject().put("@timestamp", Instant.now().toString()).put("level", "ERROR")
                    .put("service", service).put("host", "host-" + (i % 2)).put("message", message + " " + i)
                    .put("stack_trace", stackTrace);
            fields.forEach(event::put);
        }
        HttpResponse<String> response = post("/api/v1/logs", JSON.writeValueAsString(array), null);
        if (response.statusCode() != 200) {
            throw new IllegalStateException("log push failed: " + response.statusCode() + " " + response.body());
        }
    }

    /** Something a test sends to the app again and again. */
    interface Push {
        void send() throws Exception;
    }

    /** Errors that go on: {@code push} every 300 ms on a background thread until the returned handle is closed. */
    static AutoCloseable everyFewHundredMillis(Push push) {
        Thread thread = new Thread(() -> {
            try {
                while (!Thread.currentThread().isInterrupted()) {
                    push.send();
                    Thread.sleep(300);
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            } catch (Exception e) {
                throw new IllegalStateException(e);
            }
        });
        thread.start();
        return () -> {
            thread.interrupt();
            thread.join();
        };
    }

    HttpResponse<String> get(String path, String token) throws IOException, InterruptedException {
        HttpRequest.Builder b = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + path));
        if (token != null) {
            b.header("Authorization", "Bearer " + token);
        }
        return HTTP.send(b.build(), HttpResponse.BodyHandlers.ofString());
    }

    HttpResponse<String> post(String path, String body, String token) throws IOException, InterruptedException {
        HttpRequest.Builder b = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + path))
                .header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(body, StandardCharsets.UTF_8));
        if (token != null) {
            b.header("Authorization", "Bearer " + token);
        }
        return HTTP.send(b.build(), HttpResponse.BodyHandlers.ofString());
    }

    static long count(String sql) {
        String value = text(sql);
        return value == null ? 0 : Long.parseLong(value);
    }

    static String text(String sql) {
        try (Connection c = TestDatabase.get().dataSource().getConnection();
             Statement s = c.createStatement();
             ResultSet rs = s.executeQuery(sql)) {
            return rs.next() ? rs.getString(1) : null;
        } catch (SQLException e) {
            throw new IllegalStateException(e);
        }
    }

    static void await(String what, BooleanSupplier condition) throws InterruptedException {
        await(what, condition, Duration.ofSeconds(30));
    }

    static void await(String what, BooleanSupplier condition, Duration timeout) throws InterruptedException {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (!condition.getAsBoolean()) {
            if (System.nanoTime() > deadline) {
                throw new AssertionError(what + ": not within " + timeout + "; actions: "
                        + text("SELECT string_agg(id || ' ' || strategy || ' ' || status || ' ' || coalesce(reason, ''), ' | ' ORDER BY id) FROM healing_actions"));
            }
            Thread.sleep(100);
        }
    }

    static int freePort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        }
    }

    @Override
    public void close() {
        app.close();
    }
}
