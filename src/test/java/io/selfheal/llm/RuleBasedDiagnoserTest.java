package io.selfheal.llm;

import io.selfheal.assess.Severity;
import io.selfheal.fingerprint.ErrorType;
import io.selfheal.heal.Incident;
import io.selfheal.heal.RiskLevel;
import io.selfheal.heal.StrategyOption;
import io.selfheal.heal.StrategySuggestion;
import org.junit.jupiter.api.Test;

import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Set;

import static org.assertj.core.api.Assertions.assertThat;

class RuleBasedDiagnoserTest {
    private final RuleBasedDiagnoser diagnoser = new RuleBasedDiagnoser();

    private final List<StrategyOption> allowed = List.of(
            option("restart-service", Set.of(), RiskLevel.MEDIUM, 50, 0, 0),
            option("scale-out", Set.of(ErrorType.RESOURCE, ErrorType.DATABASE), RiskLevel.MEDIUM, 40, 0, 0),
            option("rollback-deployment", Set.of(ErrorType.DEPENDENCY, ErrorType.CONFIGURATION), RiskLevel.HIGH, 30, 0, 0),
            option("open-circuit-breaker", Set.of(ErrorType.NETWORK, ErrorType.HTTP_5XX), RiskLevel.LOW, 60, 0.9, 20),
            option("notify", Set.of(), RiskLevel.LOW, 10, 0, 0));

    @Test
    void aKnownSymptomNamesItsCure() {
        assertThat(suggest(ErrorType.RESOURCE, "java.lang.OutOfMemoryError: Java heap space").strategy())
                .isEqualTo("restart-service");
        assertThat(suggest(ErrorType.DATABASE, "HikariPool-1 - Connection is not available, request timed out").strategy())
                .isEqualTo("scale-out");
        assertThat(suggest(ErrorType.DEPENDENCY, "java.lang.NoSuchMethodError: 'void com.acme.Client.send()'").strategy())
                .isEqualTo("rollback-deployment");
    }

    @Test
    void withoutASymptomTheBestTrackRecordForTheErrorTypeWins() {
        StrategySuggestion suggestion = suggest(ErrorType.NETWORK, "upstream said no");
        assertThat(suggestion.strategy()).isEqualTo("open-circuit-breaker");
        assertThat(suggestion.rationale()).contains("90% of 20 attempts");
        assertThat(suggestion.source()).isEqualTo(RuleBasedDiagnoser.SOURCE);
    }

    @Test
    void aCureThatIsNotAllowedForTheErrorTypeIsNotSuggested() {
        // The OOM symptom names restart-service, but only notify is allowed here.
        List<StrategyOption> onlyNotify = List.of(option("notify", Set.of(), RiskLevel.LOW, 10, 0, 0));
        assertThat(diagnoser.diagnose(incident(ErrorType.RESOURCE, "OutOfMemoryError"), onlyNotify))
                .get().extracting(StrategySuggestion::strategy).isEqualTo("notify");
        assertThat(diagnoser.diagnose(incident(ErrorType.AUTH, "denied"), List.of(
                option("scale-out", Set.of(ErrorType.RESOURCE), RiskLevel.MEDIUM, 40, 0, 0)))).isEmpty();
    }

    private StrategySuggestion suggest(ErrorType type, String template) {
        return diagnoser.diagnose(incident(type, template), allowed).orElseThrow();
    }

    private static Incident incident(ErrorType type, String template) {
        return new Incident(1, "00000000000000aa", "orders", type, Severity.HIGH, template, null, null, 120, 12, 0.5,
                Map.of(), Instant.parse("2024-05-01T10:00:00Z"));
    }

    private static StrategyOption option(String name, Set<ErrorType> types, RiskLevel risk, int priority, double rate,
                                         long attempts) {
        return new StrategyOption(name, name, types, risk, priority, rate, attempts);
    }
}
