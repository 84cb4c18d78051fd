package io.selfheal.store;

import io.selfheal.testing.ChildApp;
import io.selfheal.testing.RunningApp;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import static io.selfheal.testing.RunningApp.await;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * The service on its own embedded database, in child JVMs: a {@code kill -9} leaves the database server running as
 * an orphan, and the next start stops it and comes up the first time with every stored row; a second service started
 * on the same folder meanwhile says who holds it and exits 1.
 */
@Tag("reliability")
class EmbeddedDatabaseCrashTest {
    private static final HttpClient HTTP = HttpClient.newHttpClient();
    private static final int LINES = 200;

    /** Generous: child JVMs start in seconds on a quiet machine, in minutes on a crowded one. */
    private static final Duration STARTING = Duration.ofSeconds(180);

    @TempDir
    Path work;

    @AfterEach
    void stopWhatTheChildrenLeft() throws IOException {
        OrphanPostmaster.stopIfRunning(work.resolve("data").resolve("postgres"));
    }

    @Test
    void theNextStartAfterAKillStopsTheOrphanServerAndASecondInstanceIsRefused() throws Exception {
        Path dataDir = work.resolve("data").resolve("postgres");
        Path logFile = work.resolve("logs").resolve("orders.log");
        Files.createDirectories(logFile.getParent());
        append(logFile, 0, LINES);

        long orphanPid;
        try (ChildApp first = start(dataDir, "first")) {
            await(() -> !first.isAlive() || storedRows(dataDir) == LINES, STARTING, "the first run storing");
            first.kill();
            orphanPid = OrphanPostmaster.find(dataDir).map(ProcessHandle::pid).orElse(-1L);
        }
        assertThat(orphanPid).as("the killed service's PostgreSQL outlives it").isPositive();

        int port = RunningApp.freePort();
        try (ChildApp second = start(dataDir, port, "second")) {
            await(() -> !second.isAlive() || answers(port), STARTING, "the second run serving");
            assertThat(second.isAlive()).as("came up the first time, see " + second.output()).isTrue();
            assertThat(ProcessHandle.of(orphanPid).map(ProcessHandle::isAlive)).as("orphan stopped").isNotEqualTo(
                    java.util.Optional.of(true));
            assertThat(storedRows(dataDir)).as("nothing lost").isEqualTo(LINES);
            append(logFile, LINES, 50);
            await(() -> storedRows(dataDir) == LINES + 50, Duration.ofSeconds(30), "the second run storing");

            try (ChildApp third = start(dataDir, "third")) {
                assertThat(third.awaitExit(STARTING)).isEqualTo(1);
                String output = Files.readString(third.output());
                assertThat(output).contains("another Selfheal is running in " + dataDir.getParent()
                        + " (pid " + second.pid() + ")");
                assertThat(output).doesNotContain("\tat ").doesNotContain("Exception");
            }
            assertThat(second.isAlive()).isTrue();
        }
    }

    private ChildApp start(Path dataDir, String name) throws IOException {
        return start(dataDir, RunningApp.freePort(), name);
    }

    private ChildApp start(Path dataDir, int port, String name) throws IOException {
        Map<String, String> properties = new HashMap<>();
        properties.put("selfheal.db.url", "");
        properties.put("selfheal.db.embedded.data-dir", dataDir.toString());
        properties.put("selfheal.http.port", String.valueOf(port));
        properties.put("selfheal.files.poll-interval-ms", "100");
        properties.put("selfheal.routes.dir", work.resolve("routes").toString());
        return ChildApp.start(work.resolve("logs"), properties, Path.of("target", "embedded-crash", name + ".log"));
    }

    private static void append(Path file, int from, int count) throws IOException {
        StringBuilder lines = new StringBuilder();
        for (int i = from; i < from + count; i++) {
            lines.append("2026-12-02T10:00:00.000Z ERROR [worker-1] com.acme.Orders - order ").append(i)
                    .append(" failed: payment gateway timed out\n");
        }
        Files.writeString(file, lines, StandardCharsets.UTF_8, StandardOpenOption.CREATE, StandardOpenOption.APPEND);
    }

    private static boolean answers(int port) {
        try {
            return HTTP.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + "/api/v1/sources")).build(),
                    HttpResponse.BodyHandlers.discarding()).statusCode() == 200;
        } catch (IOException e) {
            return false;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        }
    }

    /** Rows in log_entries, read the way a user would: port from postmaster.pid, password from its file; -1 if down. */
    private static long storedRows(Path dataDir) {
        try {
            List<String> pid = Files.readAllLines(dataDir.resolve("postmaster.pid"));
            String url = "jdbc:postgresql://127.0.0.1:" + pid.get(3).trim() + "/postgres";
            String password = Files.readString(EmbeddedServer.passwordFile(dataDir)).trim();
            try (Connection connection = DriverManager.getConnection(url, "postgres", password);
                 Statement statement = connection.createStatement();
                 ResultSet rows = statement.executeQuery("SELECT count(*) FROM log_entries")) {
                rows.next();
                return rows.getLong(1);
            }
        } catch (IOException | SQLException | IndexOutOfBoundsException e) {
            return -1;
        }
    }
}
