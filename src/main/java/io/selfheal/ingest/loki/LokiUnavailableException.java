package io.selfheal.ingest.loki;

import java.io.IOException;
import java.time.Duration;

/** Loki is overloaded (429), failing (5xx) or unreachable: retry later, after {@link #retryAfter()} if it said so. */
final class LokiUnavailableException extends IOException {
    private final transient Duration retryAfter;

    LokiUnavailableException(String message, Duration retryAfter) {
        super(message);
        this.retryAfter = retryAfter;
    }

    /** The wait Loki asked for, or null. */
    Duration retryAfter() {
        return retryAfter;
    }
}
