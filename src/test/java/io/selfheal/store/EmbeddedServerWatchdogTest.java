package io.selfheal.store;

import io.selfheal.testing.RunningApp;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;

import static io.selfheal.testing.RunningApp.await;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * The embedded PostgreSQL is killed with SIGKILL under a running service (as the OOM killer would): the watchdog
 * restarts it, readiness comes back, and ingest goes on with every acknowledged line stored exactly once.
 */
class EmbeddedServerWatchdogTest {
    private static final int BATCH = 50;
    private static final String TWO_LINES = """
            {"service":"orders","level":"ERROR","message":"payment gateway timed out"}
            {"service":"orders","level":"ERROR","message":"payment gateway refused the card"}
            """;

    @TempDir
    Path work;

    @Test
    void aKilledEmbeddedServerIsRestartedAndIngestGoesOn() throws Exception {
        Path dataDir = work.resolve("data/postgres");
        int port = RunningApp.freePort();
        try (RunningApp app = startOnEmbeddedDatabase(dataDir, port)) {
            assertThat(app.post("/api/v1/logs", "application/x-ndjson", TWO_LINES).statusCode()).isEqualTo(200);

            ProcessHandle postmaster = postmaster(dataDir);
            assertThat(postmaster.destroyForcibly()).isTrue();
            await(() -> !postmaster.isAlive(), Duration.ofSeconds(10), "postmaster killed");

            await(() -> restartedAfter(dataDir, postmaster.pid()) && status(app, "/observe/health/ready") == 200,
                    Duration.ofSeconds(60), "embedded server restarted and the service ready");
            assertThat(app.post("/api/v1/logs", "application/x-ndjson", TWO_LINES).statusCode()).isEqualTo(200);
            assertThat(storedEvents(dataDir, port, "orders")).isEqualTo(4);
        }
    }

    /**
     * The "acknowledged data lost" row: batches are pushed without pause while the server is killed. Every line
     * of every batch answered 200 must be stored; the only extra rows allowed are those of the one batch in flight at
     * the kill, whose commit may have reached the disk while its answer did not reach the client.
     */
    @Test
    void everyAcknowledgedLineSurvivesTheServerKilledUnderLoad() throws Exception {
        Path dataDir = work.resolve("data/postgres");
        int port = RunningApp.freePort();
        try (RunningApp app = startOnEmbeddedDatabase(dataDir, port)) {
            ObjectMapper json = new ObjectMapper();
            AtomicLong acknowledged = new AtomicLong();
            AtomicBoolean pushing = new AtomicBoolean(true);
            Thread pusher = new Thread(() -> {
                for (int batch = 0; pushing.get(); batch++) {
                    StringBuilder body = new StringBuilder();
                    for (int line = 0; line < BATCH; line++) {
                        body.append("{\"service\":\"ledger\",\"level\":\"ERROR\",\"message\":\"posting ")
                                .append(batch).append('-').append(line).append(" failed\"}\n");
                    }
                    try {
                        var reply = app.post("/api/v1/logs", "application/x-ndjson", body.toString());
                        if (reply.statusCode() == 200) {
                            acknowledged.addAndGet(json.readTree(reply.body()).path("accepted").asLong());
                        }
                    } catch (Exception e) {
                        // Not acknowledged: the client would retry it; nothing to count.
                    }
                }
            }, "pusher");
            pusher.start();
            await(() -> acknowledged.get() >= 20L * BATCH, Duration.ofSeconds(30), "pushes acknowledged");

            ProcessHandle postmaster = postmaster(dataDir);
            assertThat(postmaster.destroyForcibly()).isTrue();
            await(() -> restartedAfter(dataDir, postmaster.pid()) && status(app, "/observe/health/ready") == 200,
                    Duration.ofSeconds(60), "embedded server restarted and the service ready");
            long afterRestart = acknowledged.get();
            await(() -> acknowledged.get() >= afterRestart + 10L * BATCH, Duration.ofSeconds(30), "pushes acknowledged again");
            pushing.set(false);
            pusher.join(30_000);

            long stored = storedEvents(dataDir, port, "ledger");
            assertThat(stored).as("every acknowledged line is stored").isGreaterThanOrEqualTo(acknowledged.get());
            assertThat(stored - acknowledged.get()).as("at most the batch in flight at the kill").isLessThanOrEqualTo(BATCH);
        }
    }

    private RunningApp startOnEmbeddedDatabase(Path dataDir, int port) throws Exception {
        return RunningApp.startIn(work, Map.of("selfheal.db.url", "",
                "selfheal.db.embedded.data-dir", dataDir.toString(),
                "selfheal.db.embedded.port", String.valueOf(port)));
    }

    private static ProcessHandle postmaster(Path dataDir) throws Exception {
        long pid = Long.parseLong(Files.readAllLines(dataDir.resolve("postmaster.pid"), StandardCharsets.US_ASCII)
                .get(0).strip());
        return ProcessHandle.of(pid).orElseThrow();
    }

    private static boolean restartedAfter(Path dataDir, long killed) {
        try {
            ProcessHandle now = postmaster(dataDir);
            return now.pid() != killed && now.isAlive();
        } catch (Exception e) {
            return false;
        }
    }

    private static int status(RunningApp app, String path) {
        try {
            return app.get(path).statusCode();
        } catch (Exception e) {
            return -1;
        }
    }

    private static long storedEvents(Path dataDir, int port, String service) throws Exception {
        String password = Files.readString(EmbeddedServer.passwordFile(dataDir)).strip();
        try (Connection connection = DriverManager.getConnection("jdbc:postgresql://127.0.0.1:" + port + "/postgres",
                EmbeddedCredentials.USER, password);
             Statement statement = connection.createStatement();
             ResultSet rows = statement.executeQuery("SELECT count(*) FROM log_entries WHERE service = '" + service + "'")) {
            rows.next();
            return rows.getLong(1);
        }
    }
}
