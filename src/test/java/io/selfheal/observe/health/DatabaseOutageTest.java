package io.selfheal.observe.health;

import io.selfheal.store.Database;
import io.selfheal.store.DatabaseSettings;
import io.selfheal.testing.RunningApp;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.Duration;
import java.util.Map;

import static io.selfheal.testing.RunningApp.await;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * The database stops under a running service: readiness turns DOWN and an HTTP or Loki push gets 503 with Retry-After
 * in seconds (the pool waits 3 s for a connection, not Hikari's default 30 s), while a bad Loki payload is still 400;
 * once the database is back, both recover.
 */
class DatabaseOutageTest {
    /** Far below the old 30 s hang, with room for a crowded test machine; the design bound is 3 s plus processing. */
    private static final Duration PROMPT = Duration.ofSeconds(10);
    private static final String LINE = "{\"service\":\"orders\",\"level\":\"ERROR\",\"message\":\"payment gateway timed out\"}";

    private static final String LOKI_PUSH = "{\"streams\": [{\"stream\": {\"app\": \"orders\", \"level\": \"error\"},"
            + " \"values\": [[\"" + System.currentTimeMillis() * 1_000_000L + "\", \"payment gateway timed out\"]]}]}";

    @TempDir
    Path work;

    @Test
    void readinessAndIngestTellTheTruthWhileTheDatabaseIsDownAndRecover() throws Exception {
        DatabaseSettings embedded = new DatabaseSettings(null, null, null, work.resolve("postgres"),
                RunningApp.freePort(), 4);
        Database database = Database.start(embedded);
        DatabaseSettings external = database.externalSettings();
        try (RunningApp app = RunningApp.startIn(work, Map.of("selfheal.db.url", external.url(),
                "selfheal.db.user", external.user(), "selfheal.db.password", external.password()))) {
            assertThat(app.post("/api/v1/logs", "application/json", LINE).statusCode()).isEqualTo(200);

            database.close();
            assertRetryLaterPromptly(app, "/api/v1/logs", LINE);
            assertRetryLaterPromptly(app, "/loki/api/v1/push", LOKI_PUSH);
            // Input that will never be accepted is no reason to retry, database or not.
            assertThat(app.post("/api/v1/logs", "application/json", "[{").statusCode()).isEqualTo(400);
            assertThat(app.post("/loki/api/v1/push", "application/json", "{\"streams\": [").statusCode())
                    .isEqualTo(400);

            long start = System.nanoTime();
            HttpResponse<String> ready = app.get("/observe/health/ready");
            Duration readyTook = Duration.ofNanos(System.nanoTime() - start);
            assertThat(ready.statusCode()).isEqualTo(503);
            assertThat(ready.body()).containsPattern("\"name\":\\s*\"database\",\\s*\"status\":\\s*\"DOWN\"");
            assertThat(readyTook).isLessThan(PROMPT);

            database = Database.start(embedded);
            await(() -> status(app, "/observe/health/ready") == 200, Duration.ofSeconds(60), "ready again");
            assertThat(app.post("/api/v1/logs", "application/json", LINE).statusCode()).isEqualTo(200);
            assertThat(app.post("/loki/api/v1/push", "application/json", LOKI_PUSH).statusCode()).isEqualTo(204);
            assertThat(storedEvents(database)).isEqualTo(3);
        } finally {
            database.close();
        }
    }

    private static void assertRetryLaterPromptly(RunningApp app, String path, String body) throws Exception {
        long start = System.nanoTime();
        HttpResponse<String> push = app.post(path, "application/json", body);
        Duration took = Duration.ofNanos(System.nanoTime() - start);
        assertThat(push.statusCode()).isEqualTo(503);
        assertThat(push.headers().firstValue("Retry-After")).contains("5");
        assertThat(push.body()).contains("\"error\":\"unavailable\"");
        assertThat(took).isLessThan(PROMPT);
    }

    private static int status(RunningApp app, String path) {
        try {
            return app.get(path).statusCode();
        } catch (Exception e) {
            return -1;
        }
    }

    private static long storedEvents(Database database) throws Exception {
        try (Connection connection = database.dataSource().getConnection();
             Statement statement = connection.createStatement();
             ResultSet rows = statement.executeQuery("SELECT count(*) FROM log_entries WHERE service = 'orders'")) {
            rows.next();
            return rows.getLong(1);
        }
    }
}
