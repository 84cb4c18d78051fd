package io.selfheal.heal;

import io.selfheal.testing.TestDatabase;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.util.Map;

import static io.selfheal.heal.HealingHarness.await;
import static io.selfheal.heal.HealingHarness.count;
import static io.selfheal.heal.HealingHarness.text;
import static org.assertj.core.api.Assertions.assertThat;

/** Errors in, webhook out, verification and learning back: the whole healing loop over real HTTP and PostgreSQL. */
class HealingFlowTest {
    @TempDir
    Path logs;
    private RecordingHttpServer target;
    private HealingHarness app;

    @BeforeEach
    void start() throws Exception {
        TestDatabase.get().reset();
        target = new RecordingHttpServer();
        // One failed verification is enough to escalate, so the failure path also shows escalation.
        app = HealingHarness.start(logs, target, Map.of("selfheal.assess.escalate-after-failures", "1"));
    }

    @AfterEach
    void stop() {
        app.close();
        target.close();
    }

    @Test
    void aDatabaseTimeoutBurstIsHealedAndVerifiedWhenTheErrorsStop() throws Exception {
        app.pushDatabaseTimeouts("orders", 20);

        await("the circuit-breaker webhook", () -> !target.requestsTo("/hooks/open-circuit-breaker").isEmpty());
        RecordingHttpServer.Request hook = target.requestsTo("/hooks/open-circuit-breaker").get(0);
        assertThat(hook.method()).isEqualTo("POST");
        assertThat(hook.authorization()).isEqualTo("Bearer " + HealingHarness.WEBHOOK_TOKEN);
        assertThat(hook.body()).contains("\"breaker\":\"orders:database\"").contains("\"action\":\"open\"");
        assertThat(count("SELECT count(*) FROM self_heal_events WHERE service = 'orders' AND error_type = 'database'")).isEqualTo(1);

        await("verified", () -> count("SELECT count(*) FROM healing_results WHERE outcome = 'verified'") == 1);
        assertThat(text("SELECT status FROM self_heal_events")).isEqualTo("healed");
        assertThat(text("SELECT reason FROM healing_actions WHERE status = 'succeeded'")).contains("router: database errors");
        assertThat(text("SELECT rate_after FROM healing_results")).isEqualTo("0");
        assertThat(text("SELECT success_rate FROM get_healing_stats() WHERE strategy = 'open-circuit-breaker'")).isEqualTo("1.0000");
        assertThat(text("SELECT mttr_seconds IS NOT NULL FROM get_healing_stats() WHERE strategy = 'open-circuit-breaker'")).isEqualTo("t");
        // The webhook's bearer token never reaches the audit trail.
        assertThat(count("SELECT count(*) FROM healing_actions WHERE params::text LIKE '%" + HealingHarness.WEBHOOK_TOKEN + "%'")).isZero();
        assertThat(target.requestsTo("/hooks/open-circuit-breaker/undo")).isEmpty();
    }

    @Test
    void whenTheErrorsGoOnVerificationFailsAndTheActionIsUndone() throws Exception {
        try (AutoCloseable errors = HealingHarness.everyFewHundredMillis(() -> app.pushDatabaseTimeouts("billing", 5))) {
            await("failed verification", () -> count("SELECT count(*) FROM healing_results WHERE outcome = 'failed'") >= 1);
            await("the undo webhook", () -> !target.requestsTo("/hooks/open-circuit-breaker/undo").isEmpty());
        }
        assertThat(target.requestsTo("/hooks/open-circuit-breaker/undo").get(0).body()).contains("\"action\":\"close\"");
        await("compensated", () -> count("SELECT count(*) FROM healing_actions WHERE status = 'compensated'") >= 1);
        assertThat(count("SELECT count(*) FROM healing_actions WHERE action_type = 'undo' AND status = 'succeeded'")).isGreaterThanOrEqualTo(1);
        assertThat(text("SELECT verified FROM get_healing_stats() WHERE strategy = 'open-circuit-breaker'")).isEqualTo("0");

        // Repeated failure escalates: the incident goes to humans through the Slack-compatible webhook.
        await("escalation message", () -> target.requests().stream().anyMatch(r -> r.path().startsWith("/slack/")));
        assertThat(text("SELECT status FROM self_heal_events WHERE service = 'billing'")).isEqualTo("escalated");
        assertThat(text("SELECT params -> 'requests' -> 0 ->> 'url' FROM healing_actions WHERE action_type = 'escalate'"))
                .doesNotContain("secretpart").endsWith("/***");
    }
}
