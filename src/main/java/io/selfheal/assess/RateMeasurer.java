package io.selfheal.assess;

import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Turns window counts into rates, decides whether a fingerprint spiked, whether it is new since a deploy, and how
 * far it spread, then classifies its severity. Pure: the counts come from {@link AssessmentStore}.
 */
public final class RateMeasurer {
    private final AssessmentSettings settings;
    private final SeverityClassifier classifier;

    public RateMeasurer(AssessmentSettings settings, SeverityClassifier classifier) {
        this.settings = settings;
        this.classifier = classifier;
    }

    public List<Measurement> measure(List<FingerprintWindow> windows, Instant now) {
        // Spread: the same failure active in several services at once.
        Map<String, Long> servicesByFailure = new HashMap<>();
        windows.stream()
                .map(w -> failureKey(w) + "\u0000" + w.service()).distinct()
                .forEach(key -> servicesByFailure.merge(key.substring(0, key.indexOf('\u0000')), 1L, Long::sum));
        return windows.stream().map(w -> measure(w, (int) (long) servicesByFailure.get(failureKey(w)), now)).toList();
    }

    Measurement measure(FingerprintWindow w, int servicesAffected, Instant now) {
        double rate = w.recentCount() / minutes(settings.window());
        double baseline = w.baselineCount() / minutes(settings.baselineWindow().minus(settings.window()));
        boolean spike = w.sinceResolved() >= settings.minOccurrences()
                && (baseline == 0 || rate >= settings.spikeFactor() * baseline);
        boolean newSinceDeploy = !w.firstSeen().isBefore(now.minus(settings.newFingerprintAge()))
                || (!w.baselineVersions().isEmpty() && !w.baselineVersions().containsAll(w.versions()));
        SeverityAssessment severity = classifier.classify(new SeveritySignals(
                w.level(), rate, baseline, w.errorType(), servicesAffected, w.hosts(), newSinceDeploy));
        return new Measurement(w, rate, baseline, spike, newSinceDeploy, servicesAffected, severity);
    }

    /**
     * What makes two services' fingerprints the same failure: their fingerprint without the service, i.e. the stack
     * signature (exception type and frames) when there is a stack, otherwise the message template. Never the error
     * type alone: unrelated errors that share a type (or have none, {@code unknown}) are not one spreading failure.
     */
    static String failureKey(FingerprintWindow w) {
        return w.stackSignature() != null ? "stack\n" + w.stackSignature() : "template\n" + w.template();
    }

    private static double minutes(Duration d) {
        return d.toMillis() / 60_000.0;
    }
}
