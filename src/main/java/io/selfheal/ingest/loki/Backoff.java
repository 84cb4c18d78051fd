package io.selfheal.ingest.loki;

import java.time.Duration;

/** Exponential backoff between failing attempts (doubling from a minimum up to a maximum), reset by a success. */
final class Backoff {
    private final Duration min;
    private final Duration max;
    private int failures;
    private long notBeforeMillis;

    Backoff(Duration min, Duration max) {
        this.min = min;
        this.max = max;
    }

    boolean ready(long nowMillis) {
        return nowMillis >= notBeforeMillis;
    }

    /** Records a failure; the server's own wait ({@code retryAfter}, may be null) wins when longer. */
    Duration failed(long nowMillis, Duration retryAfter) {
        failures++;
        long wait = min.toMillis() << Math.min(failures - 1, 20);
        wait = Math.min(wait, max.toMillis());
        if (retryAfter != null) {
            wait = Math.max(wait, Math.min(retryAfter.toMillis(), max.toMillis()));
        }
        notBeforeMillis = nowMillis + wait;
        return Duration.ofMillis(wait);
    }

    void succeeded() {
        failures = 0;
        notBeforeMillis = 0;
    }
}
