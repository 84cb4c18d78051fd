package io.selfheal.fingerprint;

import io.selfheal.ingest.LogEvent;

/** A log event together with the group it was assigned to. */
public record GroupedEvent(LogEvent event, Fingerprint fingerprint) {
}
