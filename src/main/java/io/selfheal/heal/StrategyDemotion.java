package io.selfheal.heal;

import io.selfheal.fingerprint.ErrorType;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * Learning to stop: a strategy whose verifications for this error type (in this service, when it was tried there)
 * failed at least {@code afterFailures} times, and at least as often as not, is demoted. The router's headers show
 * it ({@link RoutingFacts}) and the {@link HealingMandate} never runs a demoted strategy: the next best strategy
 * meant for the error type runs instead, or humans are told. Successes later bring it back.
 */
public final class StrategyDemotion {
    private final int afterFailures;

    /** @param afterFailures failed verifications before a strategy can be demoted; 0 = never demote */
    public StrategyDemotion(int afterFailures) {
        if (afterFailures < 0) {
            throw new IllegalArgumentException("selfheal.healing.demote-after-failures must be >= 0, not " + afterFailures);
        }
        this.afterFailures = afterFailures;
    }

    /** The demoted strategies among {@code options} (their track records for this incident), each with why. */
    public Map<String, String> demoted(List<StrategyOption> options, ErrorType errorType) {
        Map<String, String> demoted = new LinkedHashMap<>();
        if (afterFailures == 0) {
            return demoted;
        }
        for (StrategyOption o : options) {
            if (o.failures() >= afterFailures && 2 * o.failures() >= o.attempts()) {
                demoted.put(o.name(), String.format(Locale.ROOT, "demoted: %d of %d verifications failed for %s errors",
                        o.failures(), o.attempts(), errorType.code()));
            }
        }
        return demoted;
    }
}
