package io.selfheal.routes;

import io.selfheal.assess.Severity;
import io.selfheal.fingerprint.ErrorType;
import io.selfheal.heal.DiagnosisDecision;
import io.selfheal.heal.Incident;
import io.selfheal.heal.IncidentLabels;
import io.selfheal.heal.RiskLevel;
import io.selfheal.heal.RoutingFacts;
import io.selfheal.heal.StrategyDemotion;
import io.selfheal.heal.StrategyOption;
import io.selfheal.heal.StrategySuggestion;
import io.selfheal.testing.YamlRouteTestSupport;
import org.apache.camel.Exchange;
import org.apache.camel.builder.AdviceWith;
import org.apache.camel.component.mock.MockEndpoint;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The real routes/healing-router.yaml, one test per branch. The headers come from the real {@link RoutingFacts}, as in
 * the heal-incident route; AdviceWith adds a mock at the end of the router to see what it chose.
 */
class HealingRouterRouteTest extends YamlRouteTestSupport {
    private static final Optional<StrategySuggestion> NO_SUGGESTION = Optional.empty();
    private static final List<StrategyOption> NOTHING_PROVEN = List.of();

    private MockEndpoint routed;

    @BeforeEach
    void loadRouter() throws Exception {
        load("classpath:routes/healing-router.yaml");
        AdviceWith.adviceWith(context, "healing-router", route -> route.weaveAddLast().to("mock:routed"));
        context.start();
        routed = getMockEndpoint("mock:routed");
    }

    @Test
    void aDiagnosisThatSaysActIsFollowed() {
        Exchange chosen = route(incident(ErrorType.DATABASE, Severity.HIGH, Map.of()),
                suggestion("clear-cache", DiagnosisDecision.ACT), NOTHING_PROVEN);
        assertChose(chosen, "suggested", "router: openai suggested clear-cache with confidence 0.9");
    }

    @Test
    void aProvenStrategyWinsOverTheRules() {
        StrategyOption restart = new StrategyOption("restart-service", "Restart", Set.of(ErrorType.DATABASE),
                RiskLevel.MEDIUM, 5, 0.8, 4);
        Exchange chosen = route(incident(ErrorType.DATABASE, Severity.HIGH, Map.of()), NO_SUGGESTION, List.of(restart));
        assertChose(chosen, "restart-service", "router: proven strategy (success rate 0.8)");
    }

    @Test
    void aStrategyTriedTooFewTimesIsNotProven() {
        StrategyOption restart = new StrategyOption("restart-service", "Restart", Set.of(ErrorType.DATABASE),
                RiskLevel.MEDIUM, 5, 1.0, 2);
        Exchange chosen = route(incident(ErrorType.DATABASE, Severity.HIGH, Map.of()), NO_SUGGESTION, List.of(restart));
        assertChose(chosen, "open-circuit-breaker", "router: database errors");
    }

    @Test
    void aSeriousErrorNewSinceADeployIsRolledBack() {
        Map<String, String> labels = IncidentLabels.withNewSinceDeploy(Map.of("version", "1.4.2"), true);
        Exchange chosen = route(incident(ErrorType.DATABASE, Severity.HIGH, labels), NO_SUGGESTION, NOTHING_PROVEN);
        assertChose(chosen, "rollback-deployment", "router: new since deploy and high severity");
    }

    @Test
    void aNewErrorOfLowSeverityIsNotRolledBack() {
        Map<String, String> labels = IncidentLabels.withNewSinceDeploy(Map.of("version", "1.4.2"), true);
        Exchange chosen = route(incident(ErrorType.DATABASE, Severity.MEDIUM, labels), NO_SUGGESTION, NOTHING_PROVEN);
        assertChose(chosen, "open-circuit-breaker", "router: database errors");
    }

    @Test
    void databaseErrorsOpenTheCircuitBreaker() {
        Exchange chosen = route(incident(ErrorType.DATABASE, Severity.HIGH, Map.of()), NO_SUGGESTION, NOTHING_PROVEN);
        assertChose(chosen, "open-circuit-breaker", "router: database errors");
    }

    @Test
    void criticalResourceExhaustionScalesOut() {
        Exchange chosen = route(incident(ErrorType.RESOURCE, Severity.CRITICAL, Map.of()), NO_SUGGESTION, NOTHING_PROVEN);
        assertChose(chosen, "scale-out", "router: critical resource exhaustion");
    }

    @Test
    void resourceExhaustionRestartsTheService() {
        Exchange chosen = route(incident(ErrorType.RESOURCE, Severity.HIGH, Map.of()), NO_SUGGESTION, NOTHING_PROVEN);
        assertChose(chosen, "restart-service", "router: resource exhaustion");
    }

    @Test
    void aFailedJobIsRetried() {
        Exchange chosen = route(incident(ErrorType.CONFIGURATION, Severity.HIGH, Map.of("job", "nightly-export")),
                NO_SUGGESTION, NOTHING_PROVEN);
        assertChose(chosen, "retry-failed-job", "router: a job failed");
    }

    @Test
    void errorsBehindAFeatureFlagDisableIt() {
        Exchange chosen = route(incident(ErrorType.NULL_REFERENCE, Severity.HIGH, Map.of("feature", "new-checkout")),
                NO_SUGGESTION, NOTHING_PROVEN);
        assertChose(chosen, "disable-feature-flag", "router: errors behind a feature flag");
    }

    @Test
    void aFailingDependencyOpensTheCircuitBreaker() {
        Exchange chosen = route(incident(ErrorType.NETWORK, Severity.HIGH, Map.of()), NO_SUGGESTION, NOTHING_PROVEN);
        assertChose(chosen, "open-circuit-breaker", "router: failing dependency");
    }

    @Test
    void withNoRuleMatchingTheDiagnosisIsFollowedWithinItsDecision() {
        Exchange chosen = route(incident(ErrorType.AUTH, Severity.HIGH, Map.of()),
                suggestion("clear-cache", DiagnosisDecision.APPROVE), NOTHING_PROVEN);
        assertChose(chosen, "suggested", "router: no rule matched; openai suggested clear-cache");
    }

    @Test
    void withNoRuleAndNoSuggestionHumansAreTold() {
        Exchange chosen = route(incident(ErrorType.AUTH, Severity.HIGH, Map.of()), NO_SUGGESTION, NOTHING_PROVEN);
        assertChose(chosen, "notify", "router: no rule and no suggestion; tell humans");
    }

    private Exchange route(Incident incident, Optional<StrategySuggestion> suggestion, List<StrategyOption> options) {
        Map<String, Object> headers = new HashMap<>();
        new RoutingFacts(new StrategyDemotion(3)).apply(incident, suggestion, options, headers);
        routed.reset();
        routed.expectedMessageCount(1);
        template.sendBodyAndHeaders("direct:healing-router", incident, headers);
        try {
            routed.assertIsSatisfied();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new AssertionError(e);
        }
        return routed.getReceivedExchanges().get(0);
    }

    private static void assertChose(Exchange exchange, String strategy, String routedBy) {
        assertThat(exchange.getMessage().getHeader("selfheal.strategy", String.class)).isEqualTo(strategy);
        assertThat(exchange.getMessage().getHeader("selfheal.routedBy", String.class)).isEqualTo(routedBy);
    }

    private static Incident incident(ErrorType type, Severity severity, Map<String, String> labels) {
        return new Incident(7, "fp-7", "orders", type, severity, "Something failed for <NUM>", "com.acme.Failure", null,
                40, 8.0, 0.5, labels, Instant.parse("2024-05-01T10:00:00Z"));
    }

    private static Optional<StrategySuggestion> suggestion(String strategy, DiagnosisDecision decision) {
        return Optional.of(new StrategySuggestion(strategy, Map.of(), 0.9, "cache poisoned", RiskLevel.LOW, "openai", decision));
    }
}
