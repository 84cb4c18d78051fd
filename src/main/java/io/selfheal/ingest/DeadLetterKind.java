package io.selfheal.ingest;

import java.util.Locale;

/**
 * Why input became a dead letter, as a small closed set: the {@code reason} label of
 * {@code selfheal_dead_letters_total}, where the free-text reason would make a series per message.
 */
public enum DeadLetterKind {
    /** A record that is not a log record in the form its source expects: invalid JSON, a blank record, a wrong type. */
    UNPARSEABLE,
    /** Reading the record threw (a parser or multi-line assembler bug, or input it cannot handle). */
    PARSER_ERROR,
    /** A whole push refused for its form (not JSON, not a Loki PushRequest, bad compression). */
    BAD_PAYLOAD,
    /** A whole push over a size or entry limit. */
    TOO_LARGE,
    /** A parsed event whose fingerprinting threw. */
    FINGERPRINT_FAILED,
    /** A parsed event the database refused for its data. */
    STORE_REFUSED;

    /** A whole payload refused with this HTTP status: 413 is too large, anything else a bad payload. */
    public static DeadLetterKind ofPayloadStatus(int status) {
        return status == 413 ? TOO_LARGE : BAD_PAYLOAD;
    }

    /** The metric label: {@code too_large}. */
    public String label() {
        return name().toLowerCase(Locale.ROOT);
    }
}
