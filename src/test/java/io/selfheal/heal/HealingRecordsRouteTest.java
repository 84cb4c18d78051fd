package io.selfheal.heal;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.selfheal.assess.Severity;
import io.selfheal.fingerprint.ErrorType;
import io.selfheal.heal.action.ActionRequest;
import io.selfheal.heal.action.ActionSettings;
import io.selfheal.heal.guard.GuardrailSettings;
import io.selfheal.heal.guard.GuardrailStateStore;
import io.selfheal.heal.guard.Guardrails;
import io.selfheal.heal.strategy.BuiltInStrategies;
import io.selfheal.heal.strategy.RouteStrategy;
import io.selfheal.heal.verify.Verification;
import io.selfheal.heal.verify.VerificationRule;
import io.selfheal.testing.TestDatabase;
import io.selfheal.testing.YamlRouteTestSupport;
import org.apache.camel.Exchange;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import static io.selfheal.heal.HealingHarness.count;
import static io.selfheal.heal.HealingHarness.text;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * The real routes/healing-records.yaml writing through sql: endpoints into the test PostgreSQL, fed by the real Java
 * side (Verification#record, HealingCoordinator#executionRecord and #escalate).
 */
class HealingRecordsRouteTest extends YamlRouteTestSupport {
    private static final Instant NOW = Instant.parse("2024-05-01T10:30:00Z");
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String BUILT_IN = "classpath:routes/healing-records.yaml";

    private HealingCoordinator coordinator;
    private RouteStrategy drainQueue;
    private long eventId;

    @BeforeEach
    void bindBeans() {
        TestDatabase.get().reset();
        TestDatabase.get().execute("""
                INSERT INTO error_fingerprints (id, service, error_type, template, level, occurrence_count, first_seen, last_seen)
                VALUES ('00000000000000f1', 'orders', 'dependency', 'Queue <NUM> is full', 'ERROR', 40, now(), now())""");
        eventId = count("""
                INSERT INTO self_heal_events (fingerprint_id, service, error_type, severity, status, rate_per_minute, detected_at)
                VALUES ('00000000000000f1', 'orders', 'dependency', 'critical', 'healing', 12, '2024-05-01T10:00:00Z') RETURNING id""");
        drainQueue = new RouteStrategy();
        drainQueue.setName("drain-queue");
        drainQueue.setReversible(true);
        Clock clock = Clock.fixed(NOW, ZoneOffset.UTC);
        List<HealingStrategy> strategies = new ArrayList<>(BuiltInStrategies.create(new ActionSettings(null, null,
                Map.of(), null, null, null, "default", 4, 2, "http://127.0.0.1:9/pagerduty", "routing-key", null, null, null, null), JSON, clock));
        strategies.add(drainQueue);
        HealingLedger ledger = new HealingLedger(TestDatabase.get().dataSource(), JSON);
        coordinator = new HealingCoordinator(ledger, new GuardrailStateStore(), new Guardrails(new GuardrailSettings(false,
                Duration.ofMinutes(15), 3, 3, RiskLevel.HIGH, Duration.ofMinutes(30), 5)),
                new StrategyCatalog(() -> strategies, new SuccessRates(TestDatabase.get().dataSource())),
                Duration.ofMinutes(5), "route-test", clock);
        context.getRegistry().bind("dataSource", TestDatabase.get().dataSource());
        context.getRegistry().bind("healingCoordinator", coordinator);
    }

    private void start(String routes) throws Exception {
        load(routes);
        context.start();
    }

    @Test
    void aVerificationIsWrittenOnceThoughTwoInstancesVerify() throws Exception {
        start(BUILT_IN);
        long actionId = succeededAction();
        Verification verified = new Verification(pending(actionId), incident(), VerificationRule.Outcome.VERIFIED,
                12.0, 0.0, 95.0, NOW);

        Exchange first = template.send("direct:record-verification", e -> e.getMessage().setBody(verified.record()));
        Exchange second = template.send("direct:record-verification", e -> e.getMessage().setBody(verified.record()));

        assertThat(first.getMessage().getHeader("selfheal.settled", Long.class)).isEqualTo(1);
        assertThat(second.getMessage().getHeader("selfheal.settled", Long.class)).isZero();
        assertThat(text("SELECT concat_ws(' ', action_id, fingerprint_id, strategy, outcome, rate_before, rate_after, "
                + "time_to_recovery_seconds, verified_at = '2024-05-01T10:30:00Z') FROM healing_results"))
                .isEqualTo(actionId + " 00000000000000f1 drain-queue verified 12 0 95 t");
        assertThat(count("SELECT count(*) FROM healing_results")).isEqualTo(1);
        assertThat(text("SELECT settled_at = '2024-05-01T10:30:00Z' FROM healing_actions WHERE id = " + actionId)).isEqualTo("t");
        assertThat(text("SELECT status || ' ' || (resolved_at = '2024-05-01T10:30:00Z') FROM self_heal_events")).isEqualTo("healed true");
    }

    @Test
    void aFailedVerificationReopensTheIncident() throws Exception {
        start(BUILT_IN);
        long actionId = succeededAction();
        Verification failed = new Verification(pending(actionId), incident(), VerificationRule.Outcome.FAILED,
                12.0, 11.0, null, NOW);

        template.sendBody("direct:record-verification", failed.record());

        assertThat(text("SELECT concat_ws(' ', outcome, rate_after, coalesce(time_to_recovery_seconds::text, 'none')) FROM healing_results"))
                .isEqualTo("failed 11 none");
        assertThat(text("SELECT status || ' ' || (resolved_at IS NULL) FROM self_heal_events")).isEqualTo("open true");
    }

    @Test
    void aSucceededExecutionAwaitsVerification() throws Exception {
        start(BUILT_IN);
        long actionId = executingAction();
        HealingRun run = new HealingRun(actionId, incident(), drainQueue, List.of(), null);
        run.sent(ActionRequest.route("drain", "direct:strategy-drain-queue", "{}"), null);

        template.sendBody("direct:record-execution", coordinator.executionRecord(run));

        assertThat(text("SELECT concat_ws(' ', status, result->'requests'->0->>'status', verify_at = '2024-05-01T10:35:00Z', "
                + "settled_at IS NULL) FROM healing_actions WHERE id = " + actionId)).isEqualTo("succeeded delivered t t");
        assertThat(text("SELECT status FROM self_heal_events")).isEqualTo("healing");
    }

    @Test
    void aFailedUndoSettlesTheActionItCompensates() throws Exception {
        start(BUILT_IN);
        long original = succeededAction();
        long undoId = executingAction();
        HealingRun undo = new HealingRun(undoId, incident(), drainQueue, List.of(), original);
        undo.failed(ActionRequest.route("drain", "direct:strategy-drain-queue-undo", "{}"), "target down");

        template.sendBody("direct:record-execution", coordinator.executionRecord(undo));

        assertThat(text("SELECT concat_ws(' ', status, settled_at IS NOT NULL, verify_at IS NULL) FROM healing_actions WHERE id = " + undoId))
                .isEqualTo("failed t t");
        assertThat(text("SELECT concat_ws(' ', status, reason, settled_at IS NOT NULL) FROM healing_actions WHERE id = " + original))
                .isEqualTo("failed routed; compensation " + undoId + " failed t");
        assertThat(text("SELECT status FROM self_heal_events")).isEqualTo("healing");
    }

    @Test
    void anEscalationPageIsRecordedAndReadyToSend() throws Exception {
        start(BUILT_IN);
        PlannedAction page = coordinator.escalate(eventId);

        HealingDecision decision = template.requestBody("direct:record-action", page, HealingDecision.class);

        long actionId = count("SELECT id FROM healing_actions");
        assertThat(decision.run().actionId()).isEqualTo(actionId);
        assertThat(decision.run().requests()).isNotEmpty();
        assertThat(decision.event().type()).isEqualTo("healing.escalated");
        assertThat(decision.event().status()).isEqualTo("executing");
        assertThat(text("SELECT concat_ws(' ', strategy, action_type, status, dry_run, actor, rate_before, "
                + "executed_at = '2024-05-01T10:30:00Z', settled_at IS NULL, params->>'guardrail') FROM healing_actions"))
                .isEqualTo("notify escalate executing f selfheal@route-test 12 t t none");
    }

    @Test
    void theExampleRouteCopiesResultsWithASecondTo() throws Exception {
        start("file:examples/routes/copy-healing-results.yaml");
        TestDatabase.get().execute("""
                CREATE TABLE healing_results_copy (action_id bigint, strategy text, outcome text, rate_before double precision,
                                                   rate_after double precision, verified_at timestamptz)""");
        try {
            long actionId = succeededAction();
            Verification verified = new Verification(pending(actionId), incident(), VerificationRule.Outcome.VERIFIED,
                    12.0, 0.0, 95.0, NOW);

            template.sendBody("direct:record-verification", verified.record());
            template.sendBody("direct:record-verification", verified.record());

            assertThat(count("SELECT count(*) FROM healing_results")).isEqualTo(1);
            assertThat(text("SELECT concat_ws(' ', action_id, strategy, outcome, rate_before, rate_after, "
                    + "verified_at = '2024-05-01T10:30:00Z') FROM healing_results_copy"))
                    .isEqualTo(actionId + " drain-queue verified 12 0 t");
            assertThat(count("SELECT count(*) FROM healing_results_copy")).isEqualTo(1);
        } finally {
            TestDatabase.get().execute("DROP TABLE healing_results_copy");
        }
    }

    private long succeededAction() {
        return count("""
                INSERT INTO healing_actions (event_id, fingerprint_id, strategy, action_type, status, reason, executed_at,
                                             verify_at, rate_before)
                VALUES (%d, '00000000000000f1', 'drain-queue', 'drain-queue', 'succeeded', 'routed', '2024-05-01T10:20:00Z',
                        '2024-05-01T10:25:00Z', 12) RETURNING id""".formatted(eventId));
    }

    private long executingAction() {
        return count("""
                INSERT INTO healing_actions (event_id, fingerprint_id, strategy, action_type, status, reason, executed_at, compensates)
                VALUES (%d, '00000000000000f1', 'drain-queue', 'undo', 'executing', 'routed', '2024-05-01T10:29:00Z',
                        (SELECT max(id) FROM healing_actions)) RETURNING id""".formatted(eventId));
    }

    private PendingAction pending(long actionId) {
        return new PendingAction(actionId, eventId, "00000000000000f1", "drain-queue", "succeeded",
                Instant.parse("2024-05-01T10:20:00Z"), Instant.parse("2024-05-01T10:25:00Z"), 12.0, null, "{}");
    }

    private Incident incident() {
        return new Incident(eventId, "00000000000000f1", "orders", ErrorType.DEPENDENCY, Severity.CRITICAL, "Queue <NUM> is full",
                null, null, 40, 12.0, 0.5, Map.of(), Instant.parse("2024-05-01T10:00:00Z"));
    }
}
