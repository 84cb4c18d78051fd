package io.selfheal.llm;

import io.selfheal.heal.Incident;
import io.selfheal.heal.IncidentDiagnoser;
import io.selfheal.heal.StrategyOption;
import io.selfheal.heal.StrategySuggestion;

import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The deterministic diagnoser used when no LLM is configured, and the fallback of every LLM: among the allow-listed
 * strategies meant for the incident's error type, the one that has worked best so far (then the higher priority,
 * then the lower risk, then the name, so the answer never depends on list order).
 */
public final class RuleBasedDiagnoser implements IncidentDiagnoser {
    public static final String SOURCE = "rule-based";

    @Override
    public Optional<StrategySuggestion> diagnose(Incident incident, List<StrategyOption> allowed) {
        StrategyOption best = allowed.stream()
                .filter(option -> option.appliesTo(incident.errorType()))
                .min(Comparator.comparingDouble(StrategyOption::successRate).reversed()
                        .thenComparing(Comparator.comparingInt(StrategyOption::priority).reversed())
                        .thenComparing(StrategyOption::risk)
                        .thenComparing(StrategyOption::name))
                .orElse(null);
        if (best == null) {
            return Optional.empty();
        }
        String rationale = "Rule-based: " + best.name() + " is meant for " + incident.errorType().code()
                + " errors" + (best.attempts() > 0
                ? String.format(" and succeeded in %.0f%% of %d attempts", best.successRate() * 100, best.attempts())
                : "");
        // Without a model, confidence grows with the strategy's track record and stays modest when it has none.
        double confidence = best.attempts() == 0 ? 0.5 : 0.5 + 0.4 * best.successRate() * Math.min(1, best.attempts() / 10.0);
        return Optional.of(new StrategySuggestion(best.name(), Map.of(), confidence, rationale, best.risk(), SOURCE));
    }
}
