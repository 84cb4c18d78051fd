package io.selfheal.store;

import io.selfheal.fingerprint.Fingerprint;
import io.selfheal.fingerprint.GroupedEvent;
import io.selfheal.fingerprint.TemplateParameter;
import io.selfheal.ingest.Level;
import io.selfheal.ingest.LogEvent;

import java.time.Instant;
import java.util.List;

/** What one batch adds to one fingerprint: how many events, the time span, the worst level and a sample. */
final class FingerprintTally {

    final Fingerprint fingerprint;
    final String sampleMessage;
    long count;
    Instant firstSeen;
    Instant lastSeen;
    Level level;
    String sampleStack;
    /** The latest mined template of the batch and its parameters, or null when the group has none. */
    String template;
    List<TemplateParameter> parameters;

    FingerprintTally(GroupedEvent first) {
        this.fingerprint = first.fingerprint();
        this.sampleMessage = first.event().message();
    }

    void add(GroupedEvent grouped) {
        LogEvent event = grouped.event();
        if (grouped.fingerprint().parameters() != null) {
            template = grouped.fingerprint().template();
            parameters = grouped.fingerprint().parameters();
        }
        count++;
        Instant ts = event.timestamp();
        firstSeen = firstSeen == null || ts.isBefore(firstSeen) ? ts : firstSeen;
        lastSeen = lastSeen == null || ts.isAfter(lastSeen) ? ts : lastSeen;
        level = level == null || event.level().atLeast(level) ? event.level() : level;
        if (sampleStack == null && event.hasStackTrace()) {
            sampleStack = event.stackTrace();
        }
    }
}
