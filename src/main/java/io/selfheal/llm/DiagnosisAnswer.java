package io.selfheal.llm;

import io.selfheal.heal.RiskLevel;

import java.util.Map;

/**
 * A model's answer after validation.
 *
 * @param strategy   an allow-listed name, or null when the model answered "none"
 * @param parameters scalar parameters (already checked for size and reserved keys)
 * @param rationale  the model's reasons
 * @param confidence the model's own confidence, 0..1
 * @param risk       the risk the model sees
 */
record DiagnosisAnswer(String strategy, Map<String, String> parameters, String rationale, double confidence,
                       RiskLevel risk) {
    DiagnosisAnswer {
        parameters = Map.copyOf(parameters);
    }
}
