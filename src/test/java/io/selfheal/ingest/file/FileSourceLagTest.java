package io.selfheal.ingest.file;

import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.selfheal.ingest.IngestBatch;
import io.selfheal.ingest.source.SourceProgress;
import io.selfheal.ingest.source.SourceStats;
import io.selfheal.store.SourceCheckpoint;
import io.selfheal.testing.MutableClock;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Duration;
import java.time.Instant;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/** A tailed file that grows while its stored position stands still is stalled; one that is idle or moving is not. */
class FileSourceLagTest {
    private final MutableClock clock = new MutableClock(Instant.parse("2026-12-02T10:00:00Z"));
    private final SimpleMeterRegistry meters = new SimpleMeterRegistry();
    private final SourceStats stats = new SourceStats(clock, () -> meters);

    @TempDir
    Path logs;

    @Test
    void aGrowingFileWhosePositionStandsStillIsStalledUntilItMovesAgain() throws IOException {
        Path file = write(logs.resolve("app.log"), 100);
        String source = "file:" + file.normalize();
        FileSourceLag lag = lag();
        stored(source, 100);
        assertThat(lag.measure()).containsExactly(new FileSourceLag.Lag(source, 0, false, null));

        write(file, 50);
        clock.advance(Duration.ofSeconds(2));
        assertThat(lag.measure()).singleElement().satisfies(l -> assertThat(l.stalled()).isFalse());
        clock.advance(Duration.ofSeconds(2));
        assertThat(lag.measure()).containsExactly(new FileSourceLag.Lag(source, 50, true, "2026-12-02T10:00:00Z"));
        assertThat(lag.stalled()).singleElement().asString().contains(source).contains("50 bytes behind");
        assertThat(meters.get("selfheal_source_lag_bytes").tag("source", source).gauge().value()).isEqualTo(50.0);
        assertThat(progress(source).stalledSince()).isEqualTo("2026-12-02T10:00:00Z");
        assertThat(progress(source).lagBytes()).isEqualTo(50L);

        stored(source, 150);
        assertThat(lag.measure()).containsExactly(new FileSourceLag.Lag(source, 0, false, null));
        assertThat(progress(source).stalledSince()).isNull();
    }

    @Test
    void aFileNeverStoredIsSeenAndStalledOnceItGrows() throws IOException {
        Path file = write(logs.resolve("poison.log"), 80);
        FileSourceLag lag = lag();
        assertThat(lag.measure()).singleElement().satisfies(l -> assertThat(l.lagBytes()).isEqualTo(80));

        write(file, 10);
        clock.advance(Duration.ofSeconds(4));
        assertThat(lag.stalled()).singleElement().asString().contains("poison.log");
    }

    @Test
    void anIdleFileBehindItsPositionIsNotStalled() throws IOException {
        Path file = write(logs.resolve("idle.log"), 100);
        String source = "file:" + file.normalize();
        stored(source, 60); // e.g. an unfinished record kept back
        FileSourceLag lag = lag();
        lag.measure();
        clock.advance(Duration.ofMinutes(5));
        assertThat(lag.measure()).containsExactly(new FileSourceLag.Lag(source, 40, false, null));
    }

    private FileSourceLag lag() {
        return new FileSourceLag(new TailSettings(logs, "*.log", false, 100, 10_000, Duration.ofMillis(500)), stats,
                clock, () -> meters);
    }

    private void stored(String source, long offset) {
        stats.stored(new IngestBatch(source, List.of(), List.of(),
                new SourceCheckpoint(source, new TailPosition("g1", offset, 0, 0L).encode())));
    }

    private SourceProgress progress(String source) {
        return stats.snapshot().stream().filter(p -> p.source().equals(source)).findFirst().orElseThrow();
    }

    private static Path write(Path file, int bytes) throws IOException {
        Files.write(file, "x".repeat(bytes).getBytes(), StandardOpenOption.CREATE, StandardOpenOption.APPEND);
        return file;
    }
}
