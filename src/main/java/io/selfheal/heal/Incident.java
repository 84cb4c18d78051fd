package io.selfheal.heal;

import io.selfheal.assess.Severity;
import io.selfheal.fingerprint.ErrorType;

import java.time.Instant;
import java.util.Map;

/**
 * An assessed error pattern that may need healing (a row of {@code self_heal_events} with what is known of its
 * fingerprint). Everything a strategy, the router or a diagnoser may look at.
 *
 * @param id              the incident's id in {@code self_heal_events}
 * @param fingerprintId   the error group
 * @param service         the service it happens in
 * @param errorType       coarse category
 * @param severity        assessed severity
 * @param template        the group's message template
 * @param exceptionType   root-cause exception type, or null
 * @param stackExcerpt    the first lines of a sample stack trace, or null
 * @param occurrences     occurrences in the assessment window
 * @param ratePerMinute   current rate
 * @param baselineRate    usual rate before the spike
 * @param labels          labels of the latest events (host, env, deployment…)
 * @param detectedAt      when the incident was opened
 */
public record Incident(
        long id,
        String fingerprintId,
        String service,
        ErrorType errorType,
        Severity severity,
        String template,
        String exceptionType,
        String stackExcerpt,
        long occurrences,
        double ratePerMinute,
        double baselineRate,
        Map<String, String> labels,
        Instant detectedAt) {

    public Incident {
        labels = labels == null ? Map.of() : Map.copyOf(labels);
    }
}
