package io.selfheal.store;

import io.selfheal.testing.RunningApp;
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

import static io.selfheal.testing.RunningApp.await;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * The embedded PostgreSQL is killed with SIGKILL under a running service (as the OOM killer would): the watchdog
 * restarts it, readiness comes back, and ingest goes on with every acknowledged line stored exactly once.
 */
class EmbeddedServerWatchdogTest {
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
        try (RunningApp app = RunningApp.startIn(work, Map.of("selfheal.db.url", "",
                "selfheal.db.embedded.data-dir", dataDir.toString(),
                "selfheal.db.embedded.port", String.valueOf(port)))) {
            assertThat(app.post("/api/v1/logs", "application/x-ndjson", TWO_LINES).statusCode()).isEqualTo(200);

            ProcessHandle postmaster = postmaster(dataDir);
            assertThat(postmaster.destroyForcibly()).isTrue();
            await(() -> !postmaster.isAlive(), Duration.ofSeconds(10), "postmaster killed");

            await(() -> restartedAfter(dataDir, postmaster.pid()) && status(app, "/observe/health/ready") == 200,
                    Duration.ofSeconds(60), "embedded server restarted and the service ready");
            assertThat(app.post("/api/v1/logs", "application/x-ndjson", TWO_LINES).statusCode()).isEqualTo(200);
            assertThat(storedEvents(dataDir, port)).isEqualTo(4);
        }
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

    private static long storedEvents(Path dataDir, int port) throws Exception {
        String password = Files.readString(EmbeddedServer.passwordFile(dataDir)).strip();
        try (Connection connection = DriverManager.getConnection("jdbc:postgresql://127.0.0.1:" + port + "/postgres",
                EmbeddedCredentials.USER, password);
             Statement statement = connection.createStatement();
             ResultSet rows = statement.executeQuery("SELECT count(*) FROM log_entries WHERE service = 'orders'")) {
            rows.next();
            return rows.getLong(1);
        }
    }
}
