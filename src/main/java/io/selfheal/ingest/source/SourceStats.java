package io.selfheal.ingest.source;

import io.micrometer.core.instrument.FunctionCounter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.selfheal.ingest.IngestBatch;
import io.selfheal.ingest.LogEvent;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Supplier;

/**
 * Progress of every source (lines read, dead letters, errors, last position, lag), fed by the ingest route for each
 * stored batch and each failed one, so a source added as one YAML file is counted like the built-in ones.
 *
 * <p>Each source is exported as {@code selfheal_source_lines_read_total}, {@code selfheal_source_dead_letters_total},
 * {@code selfheal_source_errors_total}, {@code selfheal_source_lag_seconds} and
 * {@code selfheal_source_last_read_timestamp_seconds}, tagged {@code source}. The meter registry is looked up
 * lazily because the metrics registry is created after the beans are bound.
 */
public final class SourceStats {
    private static final int MAX_POSITION_CHARS = 512;

    private final Clock clock;
    private final Supplier<MeterRegistry> meters;
    private final Map<String, Tracked> sources = new ConcurrentHashMap<>();

    public SourceStats(Clock clock, Supplier<MeterRegistry> meters) {
        this.clock = clock;
        this.meters = meters;
    }

    /** Called once a batch is stored: counts its records and moves the source's position and lag. */
    public void stored(IngestBatch batch) {
        Tracked tracked = tracked(batch.source());
        Instant now = clock.instant();
        tracked.linesRead.addAndGet(batch.events().size());
        tracked.deadLetters.addAndGet(batch.deadLetters().size());
        if (batch.checkpoint() != null) {
            tracked.lastPosition = cap(batch.checkpoint().position());
        }
        Instant newest = null;
        for (LogEvent event : batch.events()) {
            Instant at = event.timestamp();
            if (at != null && (newest == null || at.isAfter(newest))) {
                newest = at;
            }
        }
        if (newest != null) {
            tracked.lagMillis = Math.max(0, Duration.between(newest, now).toMillis());
        }
        tracked.lastReadAt = now;
    }

    /** Records a position that is not carried by a checkpoint (a Kafka offset, for one). */
    public void position(String source, String position) {
        tracked(source).lastPosition = cap(position);
    }

    /** Called by the ingest route when a batch could not be stored; its source retries it. */
    public void batchFailed(Object body, String reason) {
        failed(body instanceof IngestBatch batch ? batch.source() : "route", reason);
    }

    /** Called when reading or storing failed; the source retries, this only makes the failure visible. */
    public void failed(String source, String reason) {
        Tracked tracked = tracked(source == null || source.isBlank() ? "route" : source);
        tracked.errors.incrementAndGet();
        tracked.lastError = reason;
        tracked.lastErrorAt = clock.instant();
    }

    /** A tailed file's distance to its end and, when stalled, since when its position has not moved. */
    public void fileLag(String source, long lagBytes, String stalledSince) {
        Tracked tracked = tracked(source);
        tracked.lagBytes = lagBytes;
        tracked.stalledSince = stalledSince;
    }

    /** Every source seen since start, by name. */
    public List<SourceProgress> snapshot() {
        return sources.values().stream()
                .sorted(Comparator.comparing(t -> t.name))
                .map(t -> new SourceProgress(t.name, t.linesRead.get(), t.deadLetters.get(), t.errors.get(),
                        t.lastPosition, text(t.lastReadAt), t.lagMillis < 0 ? null : t.lagMillis / 1000.0,
                        t.lastError, text(t.lastErrorAt), t.lagBytes, t.stalledSince))
                .toList();
    }

    private Tracked tracked(String source) {
        Tracked tracked = sources.computeIfAbsent(source, Tracked::new);
        if (!tracked.metered) {
            register(tracked);
        }
        return tracked;
    }

    private synchronized void register(Tracked tracked) {
        if (tracked.metered) {
            return;
        }
        MeterRegistry registry = meters.get();
        if (registry == null) {
            return;
        }
        FunctionCounter.builder("selfheal_source_lines_read", tracked.linesRead, AtomicLong::get)
                .description("Records read and stored").tag("source", tracked.name).register(registry);
        FunctionCounter.builder("selfheal_source_dead_letters", tracked.deadLetters, AtomicLong::get)
                .description("Records kept as dead letters").tag("source", tracked.name).register(registry);
        FunctionCounter.builder("selfheal_source_errors", tracked.errors, AtomicLong::get)
                .description("Failed reads or stores, retried").tag("source", tracked.name).register(registry);
        Gauge.builder("selfheal_source_lag_seconds", tracked, t -> t.lagMillis < 0 ? Double.NaN : t.lagMillis / 1000.0)
                .description("Age of the newest record of the last stored batch").tag("source", tracked.name)
                .register(registry);
        Gauge.builder("selfheal_source_last_read_timestamp_seconds", tracked,
                        t -> t.lastReadAt == null ? Double.NaN : t.lastReadAt.toEpochMilli() / 1000.0)
                .description("When the source last stored a batch").tag("source", tracked.name).register(registry);
        tracked.metered = true;
    }

    private static String text(Instant instant) {
        return instant == null ? null : instant.toString();
    }

    private static String cap(String position) {
        return position == null || position.length() <= MAX_POSITION_CHARS ? position
                : position.substring(0, MAX_POSITION_CHARS) + "…";
    }

    private static final class Tracked {
        final String name;
        final AtomicLong linesRead = new AtomicLong();
        final AtomicLong deadLetters = new AtomicLong();
        final AtomicLong errors = new AtomicLong();
        volatile String lastPosition;
        volatile Instant lastReadAt;
        volatile long lagMillis = -1;
        volatile String lastError;
        volatile Instant lastErrorAt;
        volatile Long lagBytes;
        volatile String stalledSince;
        volatile boolean metered;

        Tracked(String name) {
            this.name = name;
        }
    }
}
