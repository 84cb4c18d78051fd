package io.selfheal.ingest.file;

import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.selfheal.ingest.source.SourceProgress;
import io.selfheal.ingest.source.SourceStats;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.IOException;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;
import java.util.stream.Collectors;

/**
 * How far each tailed file's stored position is behind the file's end, and which files are stalled: their file grew
 * while their stored position did not move for {@link #STALL_AFTER}. Looks at the directory itself, so a file whose
 * first batch never got stored (a poison record, a database down) is seen too. Exported as
 * {@code selfheal_source_lag_bytes{source}}.
 */
public final class FileSourceLag implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(FileSourceLag.class);
    static final Duration STALL_AFTER = Duration.ofSeconds(3);
    private static final Duration MEASURE_EVERY = Duration.ofSeconds(1);

    private final TailSettings settings;
    private final SourceStats stats;
    private final Clock clock;
    private final Supplier<MeterRegistry> meters;
    private final Map<String, Watched> files = new ConcurrentHashMap<>();
    private ScheduledExecutorService measuring;

    public FileSourceLag(TailSettings settings, SourceStats stats, Clock clock, Supplier<MeterRegistry> meters) {
        this.settings = settings;
        this.stats = stats;
        this.clock = clock;
        this.meters = meters;
    }

    /** Measures every second, so a stall shows within seconds whoever asks. */
    public synchronized FileSourceLag start() {
        measuring = Executors.newSingleThreadScheduledExecutor(runnable -> {
            Thread thread = new Thread(runnable, "file-source-lag");
            thread.setDaemon(true);
            return thread;
        });
        measuring.scheduleWithFixedDelay(() -> {
            try {
                measure();
            } catch (RuntimeException e) {
                LOG.warn("Cannot measure the lag of {}: {}", settings.directory(), e.toString());
            }
        }, 0, MEASURE_EVERY.toMillis(), TimeUnit.MILLISECONDS);
        return this;
    }

    @Override
    public synchronized void close() {
        if (measuring != null) {
            measuring.shutdownNow();
        }
    }

    /** One tailed file's lag. */
    public record Lag(String source, long lagBytes, boolean stalled, String stalledSince) {
    }

    /** Measures every matching file now; stalled ones first. */
    public synchronized List<Lag> measure() {
        Map<String, String> positions = stats.snapshot().stream().filter(p -> p.lastPosition() != null)
                .collect(Collectors.toMap(SourceProgress::source, SourceProgress::lastPosition, (a, b) -> b));
        Instant now = clock.instant();
        List<Lag> lags = new ArrayList<>();
        if (!Files.isDirectory(settings.directory())) {
            return lags;
        }
        try (DirectoryStream<Path> stream = Files.newDirectoryStream(settings.directory(), settings.pattern())) {
            for (Path path : stream) {
                if (Files.isRegularFile(path)) {
                    lags.add(measure("file:" + path.normalize(), Files.size(path), positions, now));
                }
            }
        } catch (IOException e) {
            // A file that vanished while listed is measured again next time.
        }
        lags.sort((a, b) -> Boolean.compare(b.stalled(), a.stalled()));
        return lags;
    }

    private Lag measure(String source, long size, Map<String, String> positions, Instant now) {
        String position = positions.get(source);
        Watched watched = files.computeIfAbsent(source, name -> register(new Watched(name)));
        if (watched.changedAt == null || !Objects.equals(position, watched.position)) {
            watched.position = position;
            watched.changedAt = now;
            watched.sizeAtChange = size;
        }
        long offset = position == null ? 0 : offset(position);
        watched.lagBytes = Math.max(0, size - offset);
        boolean stalled = watched.lagBytes > 0 && size > watched.sizeAtChange
                && Duration.between(watched.changedAt, now).compareTo(STALL_AFTER) >= 0;
        Lag lag = new Lag(source, watched.lagBytes, stalled, stalled ? watched.changedAt.toString() : null);
        stats.fileLag(source, lag.lagBytes(), lag.stalledSince());
        return lag;
    }

    private static long offset(String position) {
        try {
            return TailPosition.decode(position).offset();
        } catch (RuntimeException unreadable) {
            return 0;
        }
    }

    private Watched register(Watched watched) {
        MeterRegistry registry = meters.get();
        if (registry != null) {
            Gauge.builder("selfheal_source_lag_bytes", watched, w -> w.lagBytes)
                    .description("Bytes of a tailed file past its stored position").tag("source", watched.name)
                    .register(registry);
        }
        return watched;
    }

    /** The stalled files, one line each, for the health check. */
    public List<String> stalled() {
        return measure().stream().filter(Lag::stalled)
                .map(lag -> lag.source() + " is stalled: " + lag.lagBytes() + " bytes behind, no progress since "
                        + lag.stalledSince())
                .toList();
    }

    private static final class Watched {
        final String name;
        volatile String position;
        volatile Instant changedAt;
        volatile long sizeAtChange;
        volatile long lagBytes;

        Watched(String name) {
            this.name = name;
        }
    }
}
