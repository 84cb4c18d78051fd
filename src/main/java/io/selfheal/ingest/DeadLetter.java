package io.selfheal.ingest;

import io.selfheal.ingest.parse.TextLimits;

/**
 * Input that could not be turned into a {@link LogEvent}. Nothing is dropped silently: it is stored with the reason.
 *
 * @param source  where it came from (same naming as {@link LogEvent#source()})
 * @param kind    which of a few kinds of failure it is (the label of its metric)
 * @param reason  a human-readable explanation of what is wrong
 * @param raw     the offending input, capped in size by the caller
 * @param rawSize the size in bytes of the input before capping
 */
public record DeadLetter(String source, DeadLetterKind kind, String reason, String raw, long rawSize) {

    /** A parsed event that a later stage refused, kept with its raw text (already capped by the parser). */
    public static DeadLetter of(LogEvent event, DeadLetterKind kind, String reason) {
        String raw = event.raw() == null ? "" : event.raw();
        return new DeadLetter(event.source(), kind, reason, raw, TextLimits.utf8Length(raw));
    }
}
