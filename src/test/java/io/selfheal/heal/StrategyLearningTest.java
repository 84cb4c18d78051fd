package io.selfheal.heal;

import io.selfheal.testing.TestDatabase;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;

import static io.selfheal.heal.HealingHarness.await;
import static io.selfheal.heal.HealingHarness.count;
import static io.selfheal.heal.HealingHarness.text;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * History changes the choice: database errors that go on whatever the circuit breaker does demote it after three
 * failed verifications, and the next action is the next best strategy for database errors (retrying the job).
 */
class StrategyLearningTest {
    private static final String STACK = "java.sql.SQLTransientConnectionException: HikariPool-1 - Connection is not available"
            + "\n\tat com.zaxxer.hikari.pool.HikariPool.createTimeoutException(HikariPool.java:696)"
            + "\n\tat com.acme.export.ExportJob.run(ExportJob.java:41)";

    @TempDir
    Path logs;

    @Test
    void aStrategyThatKeepsFailingIsDemotedAndTheNextBestRuns() throws Exception {
        TestDatabase.get().reset();
        try (RecordingHttpServer target = new RecordingHttpServer();
             HealingHarness app = HealingHarness.start(logs, target, Map.of("selfheal.assess.escalate-after-failures", "100",
                     "selfheal.healing.demote-after-failures", "3", "selfheal.healing.max-actions-per-service-per-hour", "50"))) {
            try (AutoCloseable errors = HealingHarness.everyFewHundredMillis(
                    () -> app.pushErrors("billing", 5, "Export batch failed", STACK, Map.of("job", "nightly-export")))) {
                await("three failed verifications of the circuit breaker", () -> count(
                        "SELECT count(*) FROM healing_results WHERE strategy = 'open-circuit-breaker' AND outcome = 'failed'") >= 3,
                        Duration.ofSeconds(120));
                await("the next best strategy", () -> !target.requestsTo("/hooks/retry-failed-job").isEmpty(), Duration.ofSeconds(60));
            }
            assertThat(text("SELECT reason FROM healing_actions WHERE strategy = 'retry-failed-job' ORDER BY id LIMIT 1"))
                    .contains("router: database errors")
                    .contains("not open-circuit-breaker: demoted: 3 of 3 verifications failed for database errors")
                    .contains("next best: retry-failed-job");
            // Once demoted, the breaker is not chosen again.
            long lastBreaker = count("SELECT max(id) FROM healing_actions WHERE strategy = 'open-circuit-breaker' AND action_type <> 'undo'");
            long firstRetry = count("SELECT min(id) FROM healing_actions WHERE strategy = 'retry-failed-job'");
            assertThat(lastBreaker).isLessThan(firstRetry);
            assertThat(target.requestsTo("/hooks/retry-failed-job").get(0).body()).contains("\"job\":\"nightly-export\"");
        }
    }
}
