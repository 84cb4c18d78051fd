package io.selfheal.assess;

import io.selfheal.fingerprint.ErrorType;
import io.selfheal.ingest.Level;

import java.time.Instant;
import java.util.Map;
import java.util.Set;

/**
 * What the log says about one fingerprint around now: occurrences in the window and in the baseline before it.
 *
 * @param stackSignature   the service-independent stack signature (exception type and frames), or null
 * @param versions         deployment/version labels seen in the window
 * @param baselineVersions deployment/version labels seen before the window
 * @param labels           labels of the latest occurrence
 * @param sinceResolved    occurrences in the window after the fingerprint's last incident was resolved (all of
 *                         them when it never had one): only these can open a new incident
 */
public record FingerprintWindow(String fingerprintId, String service, ErrorType errorType, Level level, String template,
                                String exceptionType, String stackSignature, String sampleStack, Instant firstSeen, long recentCount,
                                long baselineCount, int hosts, Set<String> versions, Set<String> baselineVersions,
                                Map<String, String> labels, long sinceResolved) {
    public FingerprintWindow {
        versions = Set.copyOf(versions);
        baselineVersions = Set.copyOf(baselineVersions);
        labels = labels == null ? Map.of() : Map.copyOf(labels);
    }
}
