package io.selfheal.demo;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.selfheal.testing.ChildApp;
import io.selfheal.testing.TestDatabase;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static io.selfheal.testing.RunningApp.count;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * {@code java -jar selfheal.jar --demo} as a newcomer runs it (a child JVM, nothing configured but the database):
 * within two minutes of start the API and the database show an incident, a diagnosis, an action sent to the demo
 * receiver, a risky action waiting for approval (approved here with the printed token) and a verification.
 */
class DemoLoopTest {
    private static final HttpClient HTTP = HttpClient.newHttpClient();
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Pattern TOKEN = Pattern.compile("Operator token: (\\S+)");
    private static final Pattern DASHBOARD = Pattern.compile("Dashboard: +(http://localhost:(\\d+)/)");

    @TempDir
    Path work;

    @Test
    void theDemoShowsTheWholeLoopWithinTwoMinutes() throws Exception {
        TestDatabase.get().reset();
        long deadline = System.nanoTime() + Duration.ofMinutes(2).toNanos();
        Path output = work.resolve("demo.out");
        try (ChildApp demo = ChildApp.start(work.resolve("logs"),
                Map.of("selfheal.routes.dir", work.resolve("routes").toString(), "selfheal.files.poll-interval-ms", "100"),
                Map.of(), output, "--demo")) {
            await(deadline, "the banner", () -> TOKEN.matcher(read(output)).find() && DASHBOARD.matcher(read(output)).find());
            Matcher token = TOKEN.matcher(read(output));
            Matcher dashboard = DASHBOARD.matcher(read(output));
            assertThat(token.find() && dashboard.find()).isTrue();
            String base = "http://127.0.0.1:" + dashboard.group(2);
            assertThat(get(base + "/", null).statusCode()).isEqualTo(200);

            await(deadline, "an incident", () -> count("SELECT count(*) FROM self_heal_events") > 0);
            await(deadline, "a diagnosis", () -> count("SELECT count(*) FROM healing_actions WHERE params ? 'suggestion'") > 0);
            await(deadline, "an action sent to the demo receiver", () -> count(
                    "SELECT count(*) FROM healing_actions WHERE status IN ('succeeded', 'executing') AND strategy = 'open-circuit-breaker'") > 0);
            await(deadline, "the rollback of inventory waiting for approval", () -> count(
                    "SELECT count(*) FROM healing_actions WHERE status = 'pending_approval' AND strategy = 'rollback-deployment'") > 0);

            JsonNode pending = JSON.readTree(get(base + "/api/v1/actions?status=pending_approval", null).body()).path("items");
            assertThat(pending).isNotEmpty();
            long id = pending.get(0).path("id").asLong();
            HttpResponse<String> approved = post(base + "/api/v1/actions/" + id + "/approve", token.group(1));
            assertThat(approved.statusCode()).as(approved.body()).isEqualTo(200);

            await(deadline, "a verification", () -> count("SELECT count(*) FROM healing_results WHERE outcome = 'verified'") > 0);
            await(deadline, "the approved rollback reached the receiver",
                    () -> count("SELECT count(*) FROM healing_actions WHERE id = " + id + " AND status = 'succeeded'") == 1);

            // The request as sent is on record, credentials masked; nothing was a dry run and the API agrees.
            assertThat(count("SELECT count(*) FROM healing_actions WHERE strategy = 'open-circuit-breaker' AND "
                    + "params -> 'requests' -> 0 ->> 'method' = 'POST' AND params -> 'requests' -> 0 -> 'headers' ->> 'Authorization' = '***' "
                    + "AND params -> 'requests' -> 0 ->> 'url' LIKE 'http://127.0.0.1:%/hooks/open-circuit-breaker' "
                    + "AND params -> 'requests' -> 0 ->> 'body' LIKE '%\"action\":\"open\"%'")).isPositive();
            assertThat(JSON.readTree(get(base + "/api/v1/healing/status", null).body()).path("dryRun").asBoolean()).isFalse();
            assertThat(count("SELECT count(*) FROM healing_actions WHERE dry_run")).isZero();
            assertThat(count("SELECT count(*) FROM healing_actions WHERE status = 'failed' AND coalesce(reason, '') NOT LIKE '%failed:%' "
                    + "AND coalesce(reason, '') NOT LIKE '%cannot%'")).isZero();
        }
    }

    private static String read(Path output) {
        try {
            return Files.exists(output) ? Files.readString(output) : "";
        } catch (java.io.IOException e) {
            throw new IllegalStateException(e);
        }
    }

    private interface Check {
        boolean holds() throws Exception;
    }

    private static void await(long deadline, String what, Check check) throws Exception {
        while (!check.holds()) {
            if (System.nanoTime() > deadline) {
                throw new AssertionError(what + ": not within 2 minutes of start; actions: " + actions());
            }
            Thread.sleep(250);
        }
    }

    private static String actions() throws Exception {
        try (var c = TestDatabase.get().dataSource().getConnection(); var rs = c.createStatement().executeQuery(
                "SELECT string_agg(id || ' ' || strategy || ' ' || status || ' ' || coalesce(reason, ''), ' | ' ORDER BY id) FROM healing_actions")) {
            return rs.next() ? rs.getString(1) : null;
        }
    }

    private static HttpResponse<String> get(String url, String token) throws Exception {
        HttpRequest.Builder b = HttpRequest.newBuilder(URI.create(url));
        if (token != null) {
            b.header("Authorization", "Bearer " + token);
        }
        return HTTP.send(b.build(), HttpResponse.BodyHandlers.ofString());
    }

    private static HttpResponse<String> post(String url, String token) throws Exception {
        return HTTP.send(HttpRequest.newBuilder(URI.create(url)).header("Authorization", "Bearer " + token)
                .POST(HttpRequest.BodyPublishers.noBody()).build(), HttpResponse.BodyHandlers.ofString());
    }
}
