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
import java.nio.file.Files;
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
 * The whole service in this JVM against the test database, on a free port, with the file source pointed at an empty
 * directory; plus the small helpers the source tests share (HTTP calls, counting rows, waiting).
 */
public final class RunningApp implements AutoCloseable {
    /** A Quartz cron that never fires while a test runs: for schedules a test drives itself or must not race. */
    public static final String NEVER = "0 0 0 1 1 ? 2099";
    private static final HttpClient HTTP = HttpClient.newHttpClient();

    private final SelfhealApp app;
    private final int port;

    private RunningApp(SelfhealApp app, int port) {
        this.app = app;
        this.port = port;
    }

    /**
     * Properties an app needs to run against the test database, on {@code port}, tailing {@code logs}, with an empty
     * routes directory of its own: never the checkout's {@code ./routes}, where a user's route file (even a broken
     * one) must not change what a test sees.
     */
    public static Map<String, String> baseProperties(int port, Path logs) throws IOException {
        DatabaseSettings db = TestDatabase.get().settings();
        Map<String, String> properties = new HashMap<>();
        properties.put("selfheal.db.url", db.url());
        properties.put("selfheal.db.user", db.user());
        properties.put("selfheal.db.password", db.password() == null ? "" : db.password());
        properties.put("selfheal.http.port", String.valueOf(port));
        properties.put("selfheal.files.directory", logs.toString());
        properties.put("selfheal.routes.dir", emptyRoutesDirectory().toString());
        return properties;
    }

    /**
     * The service with its work directory laid out as in production: {@code workDir/logs} tailed and
     * {@code workDir/routes} as the live routes directory.
     */
    public static RunningApp startIn(Path workDir, Map<String, String> overrides) throws Exception {
        Map<String, String> properties = new HashMap<>();
        properties.put("selfheal.files.poll-interval-ms", "100");
        properties.put("selfheal.routes.dir", workDir.resolve("routes").toString());
        properties.putAll(overrides);
        return start(workDir.resolve("logs"), properties);
    }

    public static RunningApp start(Path logs, Map<String, String> extra) throws Exception {
        int port = freePort();
        Map<String, String> properties = baseProperties(port, logs);
        properties.putAll(extra);
        return new RunningApp(new SelfhealApp(null, properties).start(), port);
    }

    /** A new empty directory under the system's temporary folder, removed when the JVM exits. */
    public static Path emptyRoutesDirectory() throws IOException {
        Path dir = Files.createTempDirectory("selfheal-test-routes");
        dir.toFile().deleteOnExit();
        return dir;
    }

    public SelfhealApp app() {
        return app;
    }

    public URI uri(String path) {
        return URI.create("http://127.0.0.1:" + port + path);
    }

    public String url(String path) {
        return uri(path).toString();
    }

    public int port() {
        return port;
    }

    public HttpResponse<String> get(String path) throws IOException, InterruptedException {
        return HTTP.send(HttpRequest.newBuilder(uri(path)).build(), HttpResponse.BodyHandlers.ofString());
    }

    public HttpResponse<String> post(String path, String contentType, byte[] body)
            throws IOException, InterruptedException {
        return HTTP.send(HttpRequest.newBuilder(uri(path)).header("Content-Type", contentType)
                .POST(HttpRequest.BodyPublishers.ofByteArray(body)).build(), HttpResponse.BodyHandlers.ofString());
    }

    public HttpResponse<String> post(String path, String contentType, String body)
            throws IOException, InterruptedException {
        return post(path, contentType, body.getBytes(StandardCharsets.UTF_8));
    }

    @Override
    public void close() {
        app.close();
    }

    public static long count(String sql) {
        try (Connection c = TestDatabase.get().dataSource().getConnection();
             Statement s = c.createStatement();
             ResultSet rs = s.executeQuery(sql)) {
            return rs.next() ? rs.getLong(1) : 0;
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

    public static void await(String what, BooleanSupplier condition, Duration timeout) throws InterruptedException {
        await(condition, timeout, what);
    }

    /** Polls until the condition holds; fails after the timeout. Never used as a timing assertion. */
    public static void await(BooleanSupplier condition, Duration timeout, String what) throws InterruptedException {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (!condition.getAsBoolean()) {
            if (System.nanoTime() > deadline) {
                throw new AssertionError(what + " not reached within " + timeout);
            }
            Thread.sleep(100);
        }
    }

    public static int freePort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        }
    }
}
