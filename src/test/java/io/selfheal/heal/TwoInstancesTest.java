package io.selfheal.heal;

import io.selfheal.Selfheal;
import io.selfheal.testing.TestDatabase;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.File;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

import static io.selfheal.heal.HealingHarness.OPERATOR_TOKEN;
import static io.selfheal.heal.HealingHarness.await;
import static io.selfheal.heal.HealingHarness.count;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * Two instances on one database and one Quartz cluster: this JVM and a second java process (Quartz keeps one
 * scheduler per name per JVM, so a real cluster member needs its own JVM, as in production).
 */
class TwoInstancesTest {
    @TempDir
    Path dir;

    @Test
    void eachAssessmentRunsOnceAndAnIncidentIsHealedOnce() throws Exception {
        TestDatabase.get().reset();
        try (RecordingHttpServer target = new RecordingHttpServer()) {
            int otherPort = HealingHarness.freePort();
            Process other = startOtherInstance(target, otherPort);
            try (HealingHarness app = HealingHarness.start(Files.createDirectories(dir.resolve("logs-a")), target, Map.of())) {
                // A child JVM on a busy 2-core machine can take well over 30 s to start.
                await("the other instance serves HTTP", () -> status(otherPort) == 200, Duration.ofMinutes(3));
                await("both schedulers in the Quartz cluster", () -> count("SELECT count(*) FROM qrtz_scheduler_state") == 2);
                long runsBefore = count("SELECT count(*) FROM assessment_runs");

                // A burst, and both instances asked to assess at the same moment on top of their schedules.
                app.pushDatabaseTimeouts("orders", 20);
                CompletableFuture<Integer> a = CompletableFuture.supplyAsync(() -> assess(app.port));
                CompletableFuture<Integer> b = CompletableFuture.supplyAsync(() -> assess(otherPort));
                assertThat(a.get(60, TimeUnit.SECONDS)).isEqualTo(200);
                assertThat(b.get(60, TimeUnit.SECONDS)).isEqualTo(200);

                await("verified", () -> count("SELECT count(*) FROM healing_results") == 1);
                await("ten more scheduled runs", () -> count("SELECT count(*) FROM assessment_runs WHERE trigger = 'schedule'") >= runsBefore + 10);

                assertThat(count("SELECT count(*) - count(DISTINCT scheduled_at) FROM assessment_runs WHERE trigger = 'schedule'"))
                        .as("a scheduled fire time that ran twice").isZero();
                assertThat(target.requestsTo("/hooks/open-circuit-breaker")).hasSize(1);
                assertThat(count("SELECT count(*) FROM healing_actions WHERE status NOT IN ('refused')")).isEqualTo(1);
                assertThat(count("SELECT count(*) FROM self_heal_events")).isEqualTo(1);
                System.out.println("Scheduled runs per instance: " + HealingHarness.text(
                        "SELECT string_agg(instance_id || '=' || n, ', ') FROM (SELECT instance_id, count(*) n FROM assessment_runs "
                                + "WHERE trigger = 'schedule' GROUP BY instance_id) t"));
            } finally {
                other.destroy();
                if (!other.waitFor(20, TimeUnit.SECONDS)) {
                    other.destroyForcibly();
                }
            }
        }
    }

    private Process startOtherInstance(RecordingHttpServer target, int port) throws IOException {
        Path logs = Files.createDirectories(dir.resolve("logs-b"));
        String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        ProcessBuilder builder = new ProcessBuilder(List.of(java, "-Xmx256m", "-cp", System.getProperty("java.class.path"),
                Selfheal.class.getName()))
                .directory(dir.toFile()) // not the checkout: a user's ./routes must not reach it
                .redirectErrorStream(true)
                .redirectOutput(new File("target/two-instances-other.log"));
        // Settings through environment variables, as a container would pass them.
        HealingHarness.properties(logs, target, port).forEach((key, value) ->
                builder.environment().put(key.toUpperCase(Locale.ROOT).replace('.', '_').replace('-', '_'), value));
        return builder.start();
    }

    private static int status(int port) {
        try {
            return HttpClient.newHttpClient().send(HttpRequest.newBuilder(
                    URI.create("http://127.0.0.1:" + port + "/api/v1/healing/status")).build(),
                    HttpResponse.BodyHandlers.discarding()).statusCode();
        } catch (IOException e) {
            return -1;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return -1;
        }
    }

    private static int assess(int port) {
        try {
            return HttpClient.newHttpClient().send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + "/api/v1/assessments"))
                    .header("Authorization", "Bearer " + OPERATOR_TOKEN)
                    .POST(HttpRequest.BodyPublishers.noBody()).build(), HttpResponse.BodyHandlers.discarding()).statusCode();
        } catch (IOException | InterruptedException e) {
            throw new IllegalStateException(e);
        }
    }
}
