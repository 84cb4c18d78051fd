package io.selfheal.assess;

import io.selfheal.fingerprint.ErrorType;
import io.selfheal.ingest.Level;

import java.util.ArrayList;
import java.util.List;
import java.util.Set;

/**
 * Scores an error pattern and maps the score to a severity. Each signal adds points, so no single one decides alone
 * (except FATAL, which is serious by itself): a fast-growing database error across several services is critical,
 * a steady trickle of warnings on one host is low.
 *
 * <pre>
 * level      FATAL +4, ERROR +1
 * rate/min   >= 60 +3, >= 10 +2, >= 1 +1
 * trend      new or >= 10x baseline +2, >= 3x +1
 * type       database, resource, dependency +2 (they take a service down); network, http_5xx, auth +1
 * spread     same fingerprint in >= 3 services +2, in 2 services +1; >= 3 hosts +1
 * deploy     new since a deployment +1
 * score      >= 9 critical, >= 6 high, >= 3 medium, else low
 * </pre>
 */
public final class SeverityClassifier {
    private static final Set<ErrorType> OUTAGE_TYPES = Set.of(ErrorType.DATABASE, ErrorType.RESOURCE, ErrorType.DEPENDENCY);
    private static final Set<ErrorType> DEGRADATION_TYPES = Set.of(ErrorType.NETWORK, ErrorType.HTTP_5XX, ErrorType.AUTH);

    public SeverityAssessment classify(SeveritySignals s) {
        int score = 0;
        List<String> reasons = new ArrayList<>();
        if (s.level() == Level.FATAL) {
            score += 4;
            reasons.add("fatal level +4");
        } else if (s.level() == Level.ERROR) {
            score += 1;
            reasons.add("error level +1");
        }

        int rate = s.ratePerMinute() >= 60 ? 3 : s.ratePerMinute() >= 10 ? 2 : s.ratePerMinute() >= 1 ? 1 : 0;
        if (rate > 0) {
            score += rate;
            reasons.add(String.format("%.1f/min +%d", s.ratePerMinute(), rate));
        }

        if (s.baselineRate() <= 0 || s.ratePerMinute() >= 10 * s.baselineRate()) {
            score += 2;
            reasons.add(s.baselineRate() <= 0 ? "no baseline (new) +2" : "rising >= 10x baseline +2");
        } else if (s.ratePerMinute() >= 3 * s.baselineRate()) {
            score += 1;
            reasons.add("rising >= 3x baseline +1");
        }

        if (OUTAGE_TYPES.contains(s.errorType())) {
            score += 2;
            reasons.add(s.errorType().code() + " error +2");
        } else if (DEGRADATION_TYPES.contains(s.errorType())) {
            score += 1;
            reasons.add(s.errorType().code() + " error +1");
        }

        if (s.servicesAffected() >= 3) {
            score += 2;
            reasons.add("same failure in " + s.servicesAffected() + " services +2");
        } else if (s.servicesAffected() == 2) {
            score += 1;
            reasons.add("same failure in 2 services +1");
        }
        if (s.hostsAffected() >= 3) {
            score += 1;
            reasons.add(s.hostsAffected() + " hosts +1");
        }
        if (s.newSinceDeploy()) {
            score += 1;
            reasons.add("new since deploy +1");
        }

        Severity severity = score >= 9 ? Severity.CRITICAL : score >= 6 ? Severity.HIGH : score >= 3 ? Severity.MEDIUM : Severity.LOW;
        return new SeverityAssessment(severity, score, reasons);
    }
}
