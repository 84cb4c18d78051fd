package io.selfheal.testing;

import io.selfheal.app.SelfhealApp;
import io.selfheal.store.DatabaseSettings;

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
import java.util.HashMap;
import java.util.Map;
import java.util.function.BooleanSupplier;

/**
 * The whole service on a free port against {@link TestDatabase}, with helpers to call it over real HTTP.
 *
 * <pre>{@code
 * try (RunningApp app = RunningApp.start(tempDir, Map.of("selfheal.routes.dir", routes.toString()))) {
 *     app.get("/observe/health");
 * }
 * }</pre>
 */
public final class RunningApp implements AutoCloseable {
    private static final HttpClient HTTP = HttpClient.newHttpClient();

    private final SelfhealApp app;
    private final int port;

    private RunningApp(SelfhealApp app, int port) {
        this.app = app;
        this.port = port;
    }

    /**
     * @param workDir   a temporary directory for the tailed logs and the routes directory
     * @param overrides settings on top of the test defaults
     */
    public static RunningApp start(Path workDir, Map<String, String> overrides) throws Exception {
        int port = freePort();
        DatabaseSettings db = TestDatabase.get().settings();
        Map<String, String> properties = new HashMap<>();
        properties.put("selfheal.db.url", db.url());
        properties.put("selfheal.db.user", db.user());
        properties.put("selfheal.db.password", db.password() == null ? "" : db.password());
        properties.put("selfheal.http.port", String.valueOf(port));
        properties.put("selfheal.files.directory", workDir.resolve("logs").toString());
        properties.put("selfheal.files.poll-interval-ms", "100");
        properties.put("selfheal.routes.dir", workDir.resolve("routes").toString());
        properties.putAll(overrides);
        return new RunningApp(new SelfhealApp(null, properties).start(), port);
    }

    public SelfhealApp app() {
        return app;
    }

    public String url(String path) {
        return "http://127.0.0.1:" + port + path;
    }

    public int port() {
        return port;
    }

    public HttpResponse<String> get(String path) throws IOException, InterruptedException {
        return HTTP.send(HttpRequest.newBuilder(URI.create(url(path))).build(), HttpResponse.BodyHandlers.ofString());
    }

    public HttpResponse<String> post(String path, String contentType, String body) throws IOException, InterruptedException {
        return HTTP.send(HttpRequest.newBuilder(URI.create(url(path)))
                        .header("Content-Type", contentType)
                        .POST(HttpRequest.BodyPublishers.ofString(body, StandardCharsets.UTF_8)).build(),
                HttpResponse.BodyHandlers.ofString());
    }

    /** The first column of the first row of a query on the test database. */
    public static long count(String sql) {
        try (Connection c = TestDatabase.get().dataSource().getConnection();
             Statement s = c.createStatement();
             ResultSet rs = s.executeQuery(sql)) {
            rs.next();
            return rs.getLong(1);
        } catch (SQLException e) {
            throw new IllegalStateException(e);
        }
    }

    public static void execute(String sql) {
        try (Connection c = TestDatabase.get().dataSource().getConnection(); Statement s = c.createStatement()) {
            s.execute(sql);
        } catch (SQLException e) {
            throw new IllegalStateException(e);
        }
    }

    /** Polls until the condition holds; fails after the timeout. Never used as a timing assertion. */
    public static void await(String what, BooleanSupplier condition, Duration timeout) throws InterruptedException {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (!condition.getAsBoolean()) {
            if (System.nanoTime() > deadline) {
                throw new AssertionError(what + ": not true within " + timeout);
            }
            Thread.sleep(50);
        }
    }

    @Override
    public void close() {
        app.close();
    }

    private static int freePort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        }
    }
}
