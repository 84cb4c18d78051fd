package io.selfheal.llm;

import io.selfheal.heal.DiagnosisDecision;
import io.selfheal.heal.Incident;
import io.selfheal.heal.RiskLevel;

import java.util.Locale;

/**
 * The final confidence of a suggestion, and the decision it leads to. Weighted sum of:
 * <ul>
 *   <li>0.40 — the suggester's own confidence (the model's figure, or the rule-based one),</li>
 *   <li>0.25 — agreement: 1 when the LLM and the rule-based analyzer chose the same strategy, 0 when they differ,
 *       0.5 when there is nothing to compare (rule-based alone, or no rule-based choice),</li>
 *   <li>0.20 — the strategy's past success for this fingerprint (Laplace-smoothed, 0.5 without history),</li>
 *   <li>0.15 — evidence quality: half for a stack trace, half growing with log10 of the occurrences (100 = full).</li>
 * </ul>
 * A HIGH-risk suggestion never gets {@link DiagnosisDecision#ACT}: at most it asks for approval.
 */
final class ConfidenceScorer {
    static final double NEUTRAL = 0.5;

    private final double actThreshold;
    private final double approveThreshold;

    ConfidenceScorer(double actThreshold, double approveThreshold) {
        this.actThreshold = actThreshold;
        this.approveThreshold = approveThreshold;
    }

    Score score(double ownConfidence, double agreement, PastSuccess history, Incident incident) {
        double evidence = evidence(incident);
        double value = 0.40 * ownConfidence + 0.25 * agreement + 0.20 * history.smoothedRate() + 0.15 * evidence;
        value = Math.max(0, Math.min(1, value));
        String explanation = String.format(Locale.ROOT,
                "confidence %.2f = own %.2f, agreement %.2f, past success here %d/%d, evidence %.2f",
                value, ownConfidence, agreement, history.verified(), history.attempts(), evidence);
        return new Score(value, explanation);
    }

    DiagnosisDecision decide(double confidence, RiskLevel risk) {
        if (confidence >= actThreshold && risk != RiskLevel.HIGH) {
            return DiagnosisDecision.ACT;
        }
        return confidence >= approveThreshold ? DiagnosisDecision.APPROVE : DiagnosisDecision.NOTIFY;
    }

    private static double evidence(Incident incident) {
        double stack = incident.stackExcerpt() == null || incident.stackExcerpt().isBlank() ? 0 : 0.5;
        double volume = 0.5 * Math.min(1, Math.log10(1 + Math.max(0, incident.occurrences())) / 2);
        return stack + volume;
    }

    record Score(double value, String explanation) {
    }
}
