package io.selfheal.assess;

import java.time.Duration;

/**
 * @param window               the recent window rates are measured over
 * @param baselineWindow       how far back the baseline reaches (includes the window; the baseline is the part before it)
 * @param minOccurrences       fewer occurrences in the window never open an incident
 * @param spikeFactor          the window's rate must be at least this multiple of the baseline rate
 * @param newFingerprintAge    a fingerprint first seen this recently counts as new since deploy
 * @param escalateAfterFailures an incident whose healing failed verification this many times is escalated
 * @param escalateCriticalAfter a critical incident still unhealed this long after detection is escalated
 */
public record AssessmentSettings(Duration window, Duration baselineWindow, int minOccurrences, double spikeFactor,
                                 Duration newFingerprintAge, int escalateAfterFailures, Duration escalateCriticalAfter) {
    public AssessmentSettings {
        if (baselineWindow.compareTo(window) <= 0) {
            throw new IllegalArgumentException("selfheal.assess.baseline-window must be longer than selfheal.assess.window");
        }
    }
}
