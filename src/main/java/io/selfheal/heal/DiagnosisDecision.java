package io.selfheal.heal;

import java.util.Locale;

/**
 * The diagnosis' own verdict on its suggestion, from the suggestion's final confidence and risk against
 * {@code selfheal.llm.act-threshold} and {@code selfheal.llm.approve-threshold}. It is the suggestion's mandate: when
 * the router follows the diagnosis, {@link HealingMandate} lets it act only on ACT.
 */
public enum DiagnosisDecision {
    /** Confident enough to run the strategy (guardrails still apply). */
    ACT,
    /** Plausible: propose it and wait for an operator's approval, whatever the strategy's risk. */
    APPROVE,
    /** Too uncertain to propose: tell the operators, do nothing. */
    NOTIFY;

    public String code() {
        return name().toLowerCase(Locale.ROOT);
    }
}
