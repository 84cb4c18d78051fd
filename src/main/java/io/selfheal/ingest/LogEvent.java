package io.selfheal.ingest;

import java.time.Instant;
import java.util.HashMap;
import java.util.Map;

/**
 * The one normalized log event every source produces before it reaches {@code direct:ingest}'s fingerprinting.
 *
 * @param service    the emitting service (never null; sources fall back to a file's base name or "unknown")
 * @param timestamp  when the event happened, as the log says (ingest time when it says nothing)
 * @param level      severity (INFO when the log names none)
 * @param logger     logger / component name, or null
 * @param message    the message text, without the stack trace
 * @param stackTrace the assembled multi-line stack trace, or null
 * @param labels     free-form labels (host, env, stream labels…), never null
 * @param source     which source produced it, e.g. {@code file:logs/app.log}, {@code http}
 * @param raw        the raw text as received (capped), for audit and re-parsing
 * @param sourceRef  a unique position of the record in its source (file offset, topic/partition/offset) used to
 *                   make redelivery idempotent, or null when the source has none
 */
public record LogEvent(
        String service,
        Instant timestamp,
        Level level,
        String logger,
        String message,
        String stackTrace,
        Map<String, String> labels,
        String source,
        String raw,
        String sourceRef) {

    public LogEvent {
        labels = labels == null ? Map.of() : Map.copyOf(labels);
    }

    public LogEvent withSourceRef(String ref) {
        return new LogEvent(service, timestamp, level, logger, message, stackTrace, labels, source, raw, ref);
    }

    /** This event with {@code name=value} among its labels, unless the record named that label itself. */
    public LogEvent withLabelIfAbsent(String name, String value) {
        if (labels.containsKey(name)) {
            return this;
        }
        Map<String, String> tagged = new HashMap<>(labels);
        tagged.put(name, value);
        return new LogEvent(service, timestamp, level, logger, message, stackTrace, tagged, source, raw, sourceRef);
    }

    public boolean hasStackTrace() {
        return stackTrace != null && !stackTrace.isBlank();
    }
}
