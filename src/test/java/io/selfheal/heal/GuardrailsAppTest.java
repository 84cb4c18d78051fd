package io.selfheal.heal;

import io.selfheal.testing.TestDatabase;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.util.Map;

import static io.selfheal.heal.HealingHarness.OPERATOR_TOKEN;
import static io.selfheal.heal.HealingHarness.await;
import static io.selfheal.heal.HealingHarness.count;
import static io.selfheal.heal.HealingHarness.text;
import static org.assertj.core.api.Assertions.assertThat;

/** Each guardrail in the running service: what it lets through, what it refuses, and that it is audited. */
class GuardrailsAppTest {
    @TempDir
    Path logs;
    private RecordingHttpServer target;
    private HealingHarness app;

    @BeforeEach
    void reset() throws Exception {
        TestDatabase.get().reset();
        target = new RecordingHttpServer();
    }

    @AfterEach
    void stop() {
        if (app != null) {
            app.close();
        }
        target.close();
    }

    private void start(Map<String, String> overrides) throws Exception {
        app = HealingHarness.start(logs, target, overrides);
    }

    @Test
    void dryRunIsTheDefaultAndSendsNothing() throws Exception {
        start(Map.of("selfheal.healing.dry-run", "true"));
        app.pushDatabaseTimeouts("orders", 20);
        await("a dry-run record", () -> count("SELECT count(*) FROM healing_actions WHERE status = 'dry_run' AND dry_run") == 1);
        assertThat(text("SELECT reason FROM healing_actions")).contains("dry run: would execute");
        assertThat(text("SELECT params -> 'requests' -> 0 ->> 'url' FROM healing_actions")).endsWith("/hooks/open-circuit-breaker");
        assertThat(target.requests()).isEmpty();
    }

    @Test
    void killSwitchNeedsTheOperatorTokenAndStopsHealing() throws Exception {
        start(Map.of());
        HttpResponse<String> anonymous = app.post("/api/v1/healing/pause", "", null);
        assertThat(anonymous.statusCode()).isEqualTo(401);
        assertThat(anonymous.body()).contains("\"error\":\"unauthorized\"");
        assertThat(app.post("/api/v1/healing/pause", "", "wrong-token").statusCode()).isEqualTo(401);
        assertThat(app.post("/api/v1/actions/1/approve", "", null).statusCode()).isEqualTo(401);
        assertThat(app.post("/api/v1/assessments", "", null).statusCode()).isEqualTo(401);

        HttpResponse<String> paused = app.post("/api/v1/healing/pause", "", OPERATOR_TOKEN);
        assertThat(paused.statusCode()).isEqualTo(200);
        assertThat(paused.body()).contains("\"paused\":true").contains("\"changedBy\":\"operator\"");

        app.pushDatabaseTimeouts("orders", 20);
        await("a kill-switch refusal", () -> count("SELECT count(*) FROM healing_actions WHERE status = 'refused'") == 1);
        assertThat(text("SELECT params ->> 'guardrail' FROM healing_actions")).isEqualTo("kill-switch");
        assertThat(text("SELECT reason FROM healing_actions")).contains("healing is paused by operator");
        assertThat(target.requests()).isEmpty();

        assertThat(app.post("/api/v1/healing/resume", "", OPERATOR_TOKEN).body()).contains("\"paused\":false");
        await("healing after resume", () -> !target.requestsTo("/hooks/open-circuit-breaker").isEmpty());
    }

    @Test
    void highRiskWaitsForApprovalAndRunsWhenApproved() throws Exception {
        start(Map.of("selfheal.healing.approval-risk", "LOW"));
        app.pushDatabaseTimeouts("orders", 20);
        await("a pending approval", () -> count("SELECT count(*) FROM healing_actions WHERE status = 'pending_approval'") == 1);
        assertThat(text("SELECT status FROM self_heal_events")).isEqualTo("healing");
        assertThat(target.requests()).isEmpty();
        long id = count("SELECT id FROM healing_actions");

        HttpResponse<String> pending = app.get("/api/v1/actions?status=pending_approval", null);
        assertThat(pending.body()).contains("\"id\":" + id).contains("pending_approval");
        HttpResponse<String> approved = app.post("/api/v1/actions/" + id + "/approve", "", OPERATOR_TOKEN);
        assertThat(approved.statusCode()).isEqualTo(200);
        assertThat(approved.body()).contains("\"status\":\"executing\"").contains("approved by operator");
        assertThat(target.requestsTo("/hooks/open-circuit-breaker")).hasSize(1);
        // The operator's token went nowhere but to the API.
        assertThat(target.requests()).allSatisfy(r -> assertThat(r.authorization()).doesNotContain(OPERATOR_TOKEN));
        assertThat(text("SELECT actor FROM healing_actions WHERE id = " + id)).isEqualTo("operator");
        await("verified", () -> count("SELECT count(*) FROM healing_results WHERE outcome = 'verified'") == 1);

        assertThat(app.post("/api/v1/actions/" + id + "/approve", "", OPERATOR_TOKEN).statusCode()).isEqualTo(409);
        assertThat(app.post("/api/v1/actions/99999/reject", "", OPERATOR_TOKEN).statusCode()).isEqualTo(404);
        assertThat(app.post("/api/v1/actions/abc/reject", "", OPERATOR_TOKEN).statusCode()).isEqualTo(400);
    }

    @Test
    void anUnansweredApprovalExpiresAndARejectedOneNeverRuns() throws Exception {
        start(Map.of("selfheal.healing.approval-risk", "LOW", "selfheal.healing.approval-ttl", "2s",
                "selfheal.healing.cooldown", "1h"));
        app.pushDatabaseTimeouts("orders", 20);
        await("expired", () -> count("SELECT count(*) FROM healing_actions WHERE status = 'expired'") == 1);
        assertThat(text("SELECT reason FROM healing_actions")).contains("approval expired");
        assertThat(text("SELECT status FROM self_heal_events")).isEqualTo("open");
        long expired = count("SELECT id FROM healing_actions");
        assertThat(app.post("/api/v1/actions/" + expired + "/approve", "", OPERATOR_TOKEN).statusCode()).isEqualTo(409);

        app.pushDatabaseTimeouts("billing", 20);
        await("a second pending approval", () -> count("SELECT count(*) FROM healing_actions WHERE status = 'pending_approval'") == 1);
        long pending = count("SELECT id FROM healing_actions WHERE status = 'pending_approval'");
        HttpResponse<String> rejected = app.post("/api/v1/actions/" + pending + "/reject", "", OPERATOR_TOKEN);
        assertThat(rejected.statusCode()).isEqualTo(200);
        assertThat(text("SELECT status FROM healing_actions WHERE id = " + pending)).isEqualTo("rejected");
        assertThat(target.requests()).isEmpty();
    }

    @Test
    void cooldownRefusesASecondActionOnTheSameFingerprint() throws Exception {
        start(Map.of("selfheal.healing.cooldown", "1h", "selfheal.healing.verify-after", "1s"));
        app.pushDatabaseTimeouts("orders", 20);
        await("verified", () -> count("SELECT count(*) FROM healing_results WHERE outcome = 'verified'") == 1);
        // The errors come back: a new incident for the same fingerprint, inside the cooldown.
        app.pushDatabaseTimeouts("orders", 20);
        await("a cooldown refusal", () -> count("SELECT count(*) FROM healing_actions WHERE params ->> 'guardrail' = 'cooldown'") == 1);
        assertThat(text("SELECT status FROM healing_actions WHERE params ->> 'guardrail' = 'cooldown'")).isEqualTo("refused");
        assertThat(target.requestsTo("/hooks/open-circuit-breaker")).hasSize(1);
    }

    @Test
    void concurrencyCapRefusesTheSecondSimultaneousHealing() throws Exception {
        start(Map.of("selfheal.healing.max-concurrent", "1", "selfheal.healing.verify-after", "1h"));
        app.pushDatabaseTimeouts("orders", 20);
        await("first action", () -> count("SELECT count(*) FROM healing_actions WHERE status = 'succeeded'") == 1);
        app.pushDatabaseTimeouts("billing", 20);
        await("refused", () -> count("SELECT count(*) FROM healing_actions WHERE params ->> 'guardrail' = 'max-concurrent'") == 1);
        assertThat(target.requestsTo("/hooks/open-circuit-breaker")).hasSize(1);
    }

    @Test
    void perServiceCapAndBlastRadius() throws Exception {
        start(Map.of("selfheal.healing.max-actions-per-service-per-hour", "1", "selfheal.healing.max-services-per-hour", "1",
                "selfheal.healing.verify-after", "1s"));
        app.pushDatabaseTimeouts("orders", 20);
        await("first action", () -> count("SELECT count(*) FROM healing_results") == 1);
        // Another error of the same service: over the per-service cap.
        app.pushErrors("orders", 20, "Payment gateway refused", "java.net.ConnectException: Connection refused");
        await("service-rate refusal", () -> count("SELECT count(*) FROM healing_actions WHERE params ->> 'guardrail' = 'service-rate'") == 1);
        // A second service: over the blast radius.
        app.pushDatabaseTimeouts("billing", 20);
        await("blast-radius refusal", () -> count("SELECT count(*) FROM healing_actions WHERE params ->> 'guardrail' = 'blast-radius'") == 1);
        assertThat(target.requests()).hasSize(1);
    }
}
