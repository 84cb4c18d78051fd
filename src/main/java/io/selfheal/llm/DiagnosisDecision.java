package io.selfheal.llm;

import io.selfheal.heal.StrategySuggestion;

import java.util.Locale;

/**
 * What the router should do with a suggestion, decided from its final confidence and risk against
 * {@code selfheal.llm.act-threshold} and {@code selfheal.llm.approve-threshold}. Carried in the suggestion's
 * parameters under {@value #PARAMETER}; read it with {@link #of(StrategySuggestion)}.
 */
public enum DiagnosisDecision {
    /** Confident enough to run the strategy (guardrails still apply). */
    ACT,
    /** Plausible: propose it and wait for an operator's approval. */
    APPROVE,
    /** Too uncertain to propose: tell the operators, do nothing. */
    NOTIFY;

    /** Parameter key; a model can never set it (the answer parser rejects every {@code selfheal*} key). */
    public static final String PARAMETER = "selfheal.decision";

    public String code() {
        return name().toLowerCase(Locale.ROOT);
    }

    /** The decision carried by a suggestion; APPROVE for a suggestion that was not scored (a human stays in the loop). */
    public static DiagnosisDecision of(StrategySuggestion suggestion) {
        String value = suggestion.parameters().get(PARAMETER);
        return value == null ? APPROVE : valueOf(value.toUpperCase(Locale.ROOT));
    }
}
