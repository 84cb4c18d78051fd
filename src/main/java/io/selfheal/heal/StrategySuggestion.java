package io.selfheal.heal;

import java.util.Map;

/**
 * A diagnoser's proposal. It is only advice: the router decides, the diagnosis' decision bounds what following it may
 * do ({@link HealingMandate}), and guardrails still apply.
 *
 * @param strategy   a name from the allow-list given to the diagnoser
 * @param parameters strategy parameters (never executed as-is: strategies validate them)
 * @param confidence 0..1
 * @param rationale  why, in a few sentences (shown to operators)
 * @param risk       the risk the diagnoser sees
 * @param source     who suggested it: {@code rule-based}, or the LLM provider and model
 * @param decision   what following it may do; null (a suggestion nobody scored) means APPROVE: a human stays in the loop
 */
public record StrategySuggestion(String strategy, Map<String, String> parameters, double confidence,
                                 String rationale, RiskLevel risk, String source, DiagnosisDecision decision) {

    public StrategySuggestion {
        parameters = parameters == null ? Map.of() : Map.copyOf(parameters);
        if (confidence < 0 || confidence > 1) {
            throw new IllegalArgumentException("confidence must be within 0..1: " + confidence);
        }
        decision = decision == null ? DiagnosisDecision.APPROVE : decision;
    }
}
