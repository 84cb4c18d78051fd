package io.selfheal.ingest;

import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Makes input storable before anything else sees it: PostgreSQL text (and jsonb) cannot hold NUL, and a lone UTF-16
 * surrogate has no UTF-8 form. Both become U+FFFD, visibly, the way invalid UTF-8 is already decoded.
 *
 * <p>This runs where every source enters {@code direct:ingest}, before fingerprinting: a NUL that reached the template
 * miner would end up in a group's template or parameter samples, and PostgreSQL would then refuse every later event
 * of that group. Timestamps PostgreSQL cannot hold (before 4713 BC, after 294276 AD) are replaced by the receive time,
 * the original kept in the {@value #ORIGINAL_TIMESTAMP_LABEL} label, so the event is stored rather than refused.
 */
public final class StorableText {
    public static final char REPLACEMENT = '\uFFFD';
    public static final String ORIGINAL_TIMESTAMP_LABEL = "selfheal_original_timestamp";

    // timestamptz range: 4713-01-01 BC .. 294276-12-31 AD; one day of margin either side for time zones.
    private static final Instant EARLIEST = Instant.parse("-4712-01-02T00:00:00Z");
    private static final Instant LATEST = Instant.parse("+294276-12-30T00:00:00Z");

    private StorableText() {
    }

    /** The text with NUL characters and lone surrogates replaced by U+FFFD; the same instance when it has none. */
    public static String of(String text) {
        if (text == null || isStorable(text)) {
            return text;
        }
        StringBuilder out = new StringBuilder(text.length());
        int n = text.length();
        for (int i = 0; i < n; i++) {
            char c = text.charAt(i);
            if (Character.isHighSurrogate(c) && i + 1 < n && Character.isLowSurrogate(text.charAt(i + 1))) {
                out.append(c).append(text.charAt(++i));
            } else if (c == '\0' || Character.isSurrogate(c)) {
                out.append(REPLACEMENT);
            } else {
                out.append(c);
            }
        }
        return out.toString();
    }

    static boolean isStorable(String text) {
        int n = text.length();
        for (int i = 0; i < n; i++) {
            char c = text.charAt(i);
            if (c == '\0') {
                return false;
            }
            if (Character.isSurrogate(c)) {
                if (!Character.isHighSurrogate(c) || i + 1 >= n || !Character.isLowSurrogate(text.charAt(i + 1))) {
                    return false;
                }
                i++;
            }
        }
        return true;
    }

    /**
     * The batch with every event and dead letter storable; the same instance when nothing needed a change. Of an
     * event below {@code minStored} only its service and timestamp are ever written (as a line count), so only they
     * are checked: scanning every character of the 90% of lines that are INFO chatter was 15% of the pipeline's CPU.
     */
    public static IngestBatch batch(IngestBatch batch, Instant receivedAt, Level minStored) {
        List<LogEvent> events = new ArrayList<>(batch.events().size());
        boolean changed = false;
        for (LogEvent event : batch.events()) {
            LogEvent storable = onlyCounted(event, minStored) ? event : event(event, receivedAt);
            changed |= storable != event;
            events.add(storable);
        }
        List<DeadLetter> deadLetters = new ArrayList<>(batch.deadLetters().size());
        for (DeadLetter deadLetter : batch.deadLetters()) {
            DeadLetter storable = deadLetter(deadLetter);
            changed |= storable != deadLetter;
            deadLetters.add(storable);
        }
        return changed ? new IngestBatch(batch.source(), events, deadLetters, batch.checkpoint()) : batch;
    }

    static LogEvent event(LogEvent e, Instant receivedAt) {
        boolean inRange = inRange(e.timestamp());
        if (inRange && storable(e.service(), e.logger(), e.message(), e.stackTrace(), e.source(), e.raw(), e.sourceRef())
                && storable(e.labels())) {
            return e;
        }
        Map<String, String> labels = new LinkedHashMap<>();
        e.labels().forEach((key, value) -> labels.put(of(key), of(value)));
        if (!inRange) {
            labels.put(ORIGINAL_TIMESTAMP_LABEL, e.timestamp().toString());
        }
        return new LogEvent(of(e.service()), inRange ? e.timestamp() : receivedAt, e.level(), of(e.logger()),
                of(e.message()), of(e.stackTrace()), labels, of(e.source()), of(e.raw()), of(e.sourceRef()));
    }

    /** An event below the stored level whose counted parts (service, timestamp) are storable as they are. */
    private static boolean onlyCounted(LogEvent event, Level minStored) {
        return event.level() != null && !event.level().atLeast(minStored) && inRange(event.timestamp())
                && (event.service() == null || isStorable(event.service()));
    }

    private static boolean inRange(Instant timestamp) {
        return timestamp == null || (!timestamp.isBefore(EARLIEST) && !timestamp.isAfter(LATEST));
    }

    static DeadLetter deadLetter(DeadLetter d) {
        return storable(d.source(), d.reason(), d.raw()) ? d
                : new DeadLetter(of(d.source()), d.kind(), of(d.reason()), of(d.raw()), d.rawSize());
    }

    private static boolean storable(String... texts) {
        for (String text : texts) {
            if (text != null && !isStorable(text)) {
                return false;
            }
        }
        return true;
    }

    private static boolean storable(Map<String, String> labels) {
        for (Map.Entry<String, String> label : labels.entrySet()) {
            if (!storable(label.getKey(), label.getValue())) {
                return false;
            }
        }
        return true;
    }
}
