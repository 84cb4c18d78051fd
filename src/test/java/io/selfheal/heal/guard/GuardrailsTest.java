package io.selfheal.heal.guard;

import io.selfheal.heal.RiskLevel;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.time.Instant;
import java.util.Set;

import static io.selfheal.heal.guard.GuardrailDecision.Verdict.AWAIT_APPROVAL;
import static io.selfheal.heal.guard.GuardrailDecision.Verdict.DRY_RUN;
import static io.selfheal.heal.guard.GuardrailDecision.Verdict.EXECUTE;
import static io.selfheal.heal.guard.GuardrailDecision.Verdict.REFUSE;
import static org.assertj.core.api.Assertions.assertThat;

class GuardrailsTest {
    private static final Instant NOW = Instant.parse("2024-05-01T10:00:00Z");
    private static final GuardrailSettings LIVE = new GuardrailSettings(false, Duration.ofMinutes(15), 3, 2,
            RiskLevel.HIGH, Duration.ofMinutes(30), 2);
    private static final GuardrailState QUIET = new GuardrailState(false, null, false, null, 0, 0, Set.of());
    private final Guardrails guardrails = new Guardrails(LIVE);

    @Test
    void aQuietSystemExecutesLowAndMediumRisk() {
        assertThat(guardrails.evaluate("orders", RiskLevel.LOW, Approval.BY_RISK, QUIET, NOW).verdict()).isEqualTo(EXECUTE);
        assertThat(guardrails.evaluate("orders", RiskLevel.MEDIUM, Approval.BY_RISK, QUIET, NOW).verdict()).isEqualTo(EXECUTE);
    }

    @Test
    void killSwitchRefusesEverythingEvenApprovedActions() {
        GuardrailState paused = new GuardrailState(true, "operator", false, null, 0, 0, Set.of());
        GuardrailDecision d = guardrails.evaluate("orders", RiskLevel.LOW, Approval.GRANTED, paused, NOW);
        assertThat(d.verdict()).isEqualTo(REFUSE);
        assertThat(d.guardrail()).isEqualTo("kill-switch");
        assertThat(d.reason()).contains("paused by operator");
    }

    @Test
    void cooldownRefusesUntilItHasPassed() {
        GuardrailState recent = new GuardrailState(false, null, false, NOW.minus(Duration.ofMinutes(14)), 0, 0, Set.of());
        assertThat(guardrails.evaluate("orders", RiskLevel.LOW, Approval.BY_RISK, recent, NOW).guardrail()).isEqualTo("cooldown");
        GuardrailState older = new GuardrailState(false, null, false, NOW.minus(Duration.ofMinutes(15)), 0, 0, Set.of());
        assertThat(guardrails.evaluate("orders", RiskLevel.LOW, Approval.BY_RISK, older, NOW).verdict()).isEqualTo(EXECUTE);
    }

    @Test
    void oneActionInFlightPerFingerprint() {
        GuardrailState inFlight = new GuardrailState(false, null, true, null, 0, 1, Set.of("orders"));
        assertThat(guardrails.evaluate("orders", RiskLevel.LOW, Approval.BY_RISK, inFlight, NOW).guardrail()).isEqualTo("in-flight");
    }

    @Test
    void concurrencyCap() {
        GuardrailState busy = new GuardrailState(false, null, false, null, 0, 2, Set.of("a", "b"));
        GuardrailDecision d = guardrails.evaluate("a", RiskLevel.LOW, Approval.BY_RISK, busy, NOW);
        assertThat(d.guardrail()).isEqualTo("max-concurrent");
        assertThat(d.reason()).contains("2 healings in flight; limit is 2");
    }

    @Test
    void perServiceHourlyCap() {
        GuardrailState capped = new GuardrailState(false, null, false, null, 3, 0, Set.of("orders"));
        assertThat(guardrails.evaluate("orders", RiskLevel.LOW, Approval.BY_RISK, capped, NOW).guardrail()).isEqualTo("service-rate");
    }

    @Test
    void blastRadiusStopsNewServicesButNotOnesAlreadyActedOn() {
        GuardrailState wide = new GuardrailState(false, null, false, null, 1, 0, Set.of("orders", "billing"));
        assertThat(guardrails.evaluate("search", RiskLevel.LOW, Approval.BY_RISK, wide, NOW).guardrail()).isEqualTo("blast-radius");
        assertThat(guardrails.evaluate("orders", RiskLevel.LOW, Approval.BY_RISK, wide, NOW).verdict()).isEqualTo(EXECUTE);
    }

    @Test
    void highRiskWaitsForApprovalAndAnApprovedOneExecutesDespiteCooldown() {
        assertThat(guardrails.evaluate("orders", RiskLevel.HIGH, Approval.BY_RISK, QUIET, NOW).verdict()).isEqualTo(AWAIT_APPROVAL);
        GuardrailState justAsked = new GuardrailState(false, null, true, NOW.minusSeconds(5), 0, 0, Set.of());
        assertThat(guardrails.evaluate("orders", RiskLevel.HIGH, Approval.GRANTED, justAsked, NOW).verdict()).isEqualTo(EXECUTE);
    }

    @Test
    void aDiagnosisAskingForApprovalIsParkedWhateverTheRisk() {
        GuardrailDecision d = guardrails.evaluate("orders", RiskLevel.LOW, Approval.REQUIRED, QUIET, NOW);
        assertThat(d.verdict()).isEqualTo(AWAIT_APPROVAL);
        assertThat(d.reason()).startsWith("the diagnosis needs an operator's approval");
        Guardrails dry = new Guardrails(new GuardrailSettings(true, Duration.ofMinutes(15), 3, 2, RiskLevel.HIGH, Duration.ofMinutes(30), 2));
        assertThat(dry.evaluate("orders", RiskLevel.LOW, Approval.REQUIRED, QUIET, NOW).reason())
                .isEqualTo("dry run: would ask for approval (the diagnosis)");
    }

    @Test
    void dryRunRecordsWhatWouldHappenAfterTheLimits() {
        Guardrails dry = new Guardrails(new GuardrailSettings(true, Duration.ofMinutes(15), 3, 2, RiskLevel.HIGH, Duration.ofMinutes(30), 2));
        GuardrailDecision low = dry.evaluate("orders", RiskLevel.LOW, Approval.BY_RISK, QUIET, NOW);
        assertThat(low.verdict()).isEqualTo(DRY_RUN);
        assertThat(low.reason()).contains("would execute");
        assertThat(dry.evaluate("orders", RiskLevel.HIGH, Approval.BY_RISK, QUIET, NOW).reason()).contains("would ask for approval");
        GuardrailState capped = new GuardrailState(false, null, false, null, 3, 0, Set.of("orders"));
        assertThat(dry.evaluate("orders", RiskLevel.LOW, Approval.BY_RISK, capped, NOW).verdict()).isEqualTo(REFUSE);
    }
}
