package io.selfheal.heal;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.selfheal.assess.Severity;
import io.selfheal.fingerprint.ErrorType;
import io.selfheal.heal.action.ActionSettings;
import io.selfheal.heal.strategy.BuiltInStrategies;
import org.junit.jupiter.api.Test;

import java.time.Clock;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

import static org.assertj.core.api.Assertions.assertThat;

/** The diagnosis' decision, the effective risk and plannability, on the built-in strategies. */
class HealingMandateTest {
    private static final Map<String, String> TEMPLATES = Map.of(
            "clear-cache", "{\"service\":\"${service}\"}",
            "disable-feature-flag", "{\"flag\":\"${label.feature}\"}",
            "retry-failed-job", "{\"job\":\"${label.job}\"}");
    private final HealingMandate mandate = mandate("http://ops.internal/hooks");

    @Test
    void aFollowedSuggestionActsOnlyOnAct() {
        HealingChoice act = mandate.choose(incident(Map.of()), HealingMandate.SUGGESTED, "router: confident",
                suggestion("clear-cache", RiskLevel.LOW, DiagnosisDecision.ACT));
        assertThat(act.strategy()).isEqualTo("clear-cache");
        assertThat(act.approvalRequired()).isFalse();
        assertThat(act.fallThrough()).isNull();
        assertThat(act.routedBy()).isEqualTo("router: confident; diagnosis decided act");

        HealingChoice approve = mandate.choose(incident(Map.of()), HealingMandate.SUGGESTED, "router: no rule matched",
                suggestion("clear-cache", RiskLevel.LOW, DiagnosisDecision.APPROVE));
        assertThat(approve.strategy()).isEqualTo("clear-cache");
        assertThat(approve.approvalRequired()).isTrue();

        HealingChoice notify = mandate.choose(incident(Map.of()), HealingMandate.SUGGESTED, "router: no rule matched",
                suggestion("clear-cache", RiskLevel.LOW, DiagnosisDecision.NOTIFY));
        assertThat(notify.strategy()).isEqualTo("notify");
        assertThat(notify.fallThrough()).isEqualTo("the diagnosis only allows notifying (decision notify, confidence 0.42)");
        assertThat(notify.routedBy()).startsWith("router: no rule matched; not clear-cache: the diagnosis only allows notifying")
                .endsWith("; notify instead");
        assertThat(notify.params()).containsEntry("reason", notify.fallThrough());
    }

    @Test
    void theEffectiveRiskIsTheHigherOfTheStrategysAndTheDiagnosis() {
        HealingChoice raised = mandate.choose(incident(Map.of()), HealingMandate.SUGGESTED, "router",
                suggestion("clear-cache", RiskLevel.HIGH, DiagnosisDecision.ACT));
        assertThat(raised.risk()).isEqualTo(RiskLevel.HIGH);
        assertThat(raised.routedBy()).contains("risk raised to HIGH by the diagnosis");
        // A model can never lower a strategy's own risk.
        HealingChoice kept = mandate.choose(incident(Map.of("feature", "new-checkout")), HealingMandate.SUGGESTED, "router",
                suggestion("disable-feature-flag", RiskLevel.LOW, DiagnosisDecision.ACT));
        assertThat(kept.risk()).isEqualTo(RiskLevel.MEDIUM);
        // An operator's rule choosing what the diagnosis also suggested keeps the rule's mandate but not a lower risk.
        HealingChoice byRule = mandate.choose(incident(Map.of()), "clear-cache", "router: stale cache",
                suggestion("clear-cache", RiskLevel.MEDIUM, DiagnosisDecision.NOTIFY));
        assertThat(byRule.strategy()).isEqualTo("clear-cache");
        assertThat(byRule.risk()).isEqualTo(RiskLevel.MEDIUM);
        assertThat(byRule.approvalRequired()).isFalse();
    }

    @Test
    void aStrategyMissingItsLabelFallsThroughToNotify() {
        HealingChoice noFeature = mandate.choose(incident(Map.of()), "disable-feature-flag", "router: feature flag", Optional.empty());
        assertThat(noFeature.strategy()).isEqualTo("notify");
        assertThat(noFeature.fallThrough()).startsWith("disable-feature-flag cannot be planned").contains("${label.feature}");
        HealingChoice noJob = mandate.choose(incident(Map.of()), HealingMandate.SUGGESTED, "router",
                suggestion("retry-failed-job", RiskLevel.LOW, DiagnosisDecision.ACT));
        assertThat(noJob.strategy()).isEqualTo("notify");
        assertThat(noJob.fallThrough()).contains("${label.job}");

        HealingChoice withJob = mandate.choose(incident(Map.of("job", "nightly-export")), HealingMandate.SUGGESTED, "router",
                suggestion("retry-failed-job", RiskLevel.LOW, DiagnosisDecision.ACT));
        assertThat(withJob.strategy()).isEqualTo("retry-failed-job");
    }

    @Test
    void aMissingSettingAnUnknownNameOrNoSuggestionFallsThroughToo() {
        HealingChoice noWebhook = mandate(null).choose(incident(Map.of()), "clear-cache", "router", Optional.empty());
        assertThat(noWebhook.fallThrough()).isEqualTo("clear-cache cannot be planned: clear-cache needs selfheal.actions.webhook.url");
        HealingChoice noKubernetes = mandate.choose(incident(Map.of()), "restart-service", "router", Optional.empty());
        assertThat(noKubernetes.fallThrough()).contains("selfheal.actions.kubernetes.url");
        HealingChoice unknown = mandate.choose(incident(Map.of()), "drop-database", "router", Optional.empty());
        assertThat(unknown.strategy()).isEqualTo("notify");
        assertThat(unknown.fallThrough()).isEqualTo("unknown strategy 'drop-database'");
        HealingChoice nothing = mandate.choose(incident(Map.of()), HealingMandate.SUGGESTED, "router", Optional.empty());
        assertThat(nothing.fallThrough()).contains("there is no suggestion");
    }

    @Test
    void anUnplannableNotifyIsKeptForTheCoordinatorToRecordAsFailed() {
        HealingMandate silent = new HealingMandate(catalog(new ActionSettings("http://ops.internal/hooks", null, TEMPLATES,
                null, null, null, "default", 3, 1, "https://events.pagerduty.com", null, null, null, "commands", "{}")), new StrategyDemotion(3));
        HealingChoice choice = silent.choose(incident(Map.of()), "notify", "router: tell humans", Optional.empty());
        assertThat(choice.strategy()).isEqualTo("notify");
        assertThat(choice.fallThrough()).isNull();
    }

    @Test
    void theHeadersShowWhatWillHappen() {
        Map<String, Object> headers = new HashMap<>();
        mandate.enforce(incident(Map.of()), "retry-failed-job", "router: a job failed", Optional.empty(), List.of(), headers);
        assertThat(headers).containsEntry("selfheal.strategy", "notify").containsEntry("selfheal.risk", "LOW")
                .containsEntry("selfheal.approvalRequired", false);
        assertThat((String) headers.get("selfheal.fallThrough")).startsWith("retry-failed-job cannot be planned");
        assertThat((String) headers.get("selfheal.routedBy")).startsWith("router: a job failed; not retry-failed-job:");
    }

    @Test
    void aDemotedStrategyGivesWayToTheNextBestForTheErrorType() {
        List<StrategyOption> history = List.of(
                option("clear-cache", Set.of(ErrorType.NULL_REFERENCE), 0.25, 4, 3),
                option("disable-feature-flag", Set.of(ErrorType.NULL_REFERENCE), 0, 0, 0),
                option("rollback-deployment", Set.of(), 0, 0, 0));
        Map<String, Object> headers = new HashMap<>();
        HealingChoice next = mandate.enforce(incident(Map.of("feature", "new-cart")), "clear-cache", "router: stale cache",
                Optional.empty(), history, headers);
        assertThat(next.strategy()).isEqualTo("disable-feature-flag");
        assertThat(next.routedBy()).isEqualTo("router: stale cache; not clear-cache: demoted: 3 of 4 verifications failed for "
                + "null_reference errors; next best: disable-feature-flag");

        // Without the label the flag cannot be planned; a strategy meant for any error is no replacement: humans are told.
        HealingChoice none = mandate.enforce(incident(Map.of()), "clear-cache", "router: stale cache", Optional.empty(), history,
                new HashMap<>());
        assertThat(none.strategy()).isEqualTo("notify");
        assertThat(none.fallThrough()).startsWith("clear-cache demoted: 3 of 4 verifications failed");
    }

    @Test
    void aFewFailuresAmongManySuccessesDemoteNothing() {
        StrategyDemotion demotion = new StrategyDemotion(3);
        assertThat(demotion.demoted(List.of(option("clear-cache", Set.of(), 0.7, 10, 3)), ErrorType.UNKNOWN)).isEmpty();
        assertThat(demotion.demoted(List.of(option("clear-cache", Set.of(), 0, 2, 2)), ErrorType.UNKNOWN)).isEmpty();
        assertThat(new StrategyDemotion(0).demoted(List.of(option("clear-cache", Set.of(), 0, 9, 9)), ErrorType.UNKNOWN)).isEmpty();
    }

    @Test
    void theRouterSeesDemotedStrategiesAndNeverCallsThemProven() {
        Map<String, Object> headers = new HashMap<>();
        new RoutingFacts(new StrategyDemotion(3)).apply(incident(Map.of()), Optional.empty(), List.of(
                option("clear-cache", Set.of(ErrorType.NULL_REFERENCE), 0.4, 5, 3),
                option("disable-feature-flag", Set.of(ErrorType.NULL_REFERENCE), 0.5, 4, 2)), headers);
        assertThat(headers).containsEntry("selfheal.demoted", "clear-cache")
                .containsEntry("selfheal.demotedReason", "clear-cache demoted: 3 of 5 verifications failed for null_reference errors")
                .containsEntry("selfheal.proven.strategy", "disable-feature-flag");
    }

    private static StrategyOption option(String name, Set<ErrorType> types, double rate, long attempts, long failures) {
        return new StrategyOption(name, name, types, RiskLevel.LOW, 20, rate, attempts, failures);
    }

    private static HealingMandate mandate(String webhookUrl) {
        return new HealingMandate(catalog(new ActionSettings(webhookUrl, null, TEMPLATES, null, null, null, "default", 3, 1,
                "https://events.pagerduty.com", null, "http://chat.internal/hook", null, "commands", "{}")), new StrategyDemotion(3));
    }

    private static StrategyCatalog catalog(ActionSettings settings) {
        var strategies = BuiltInStrategies.create(settings, new ObjectMapper(), Clock.systemUTC());
        return new StrategyCatalog(() -> strategies, new SuccessRates(null));
    }

    private static Optional<StrategySuggestion> suggestion(String strategy, RiskLevel risk, DiagnosisDecision decision) {
        return Optional.of(new StrategySuggestion(strategy, Map.of(), 0.42, "because", risk, "ollama:llama3.1", decision));
    }

    private static Incident incident(Map<String, String> labels) {
        return new Incident(7, "0123456789abcdef", "orders", ErrorType.NULL_REFERENCE, Severity.HIGH,
                "Cannot render cart <NUM>", "java.lang.NullPointerException", null, 20, 4.0, 0.1, labels,
                Instant.parse("2024-05-01T10:00:00Z"));
    }
}
