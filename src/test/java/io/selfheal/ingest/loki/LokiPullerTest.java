package io.selfheal.ingest.loki;

import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.selfheal.observe.SelfhealMetrics;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.selfheal.fingerprint.Fingerprinter;
import io.selfheal.ingest.IngestBatch;
import io.selfheal.ingest.Level;
import io.selfheal.ingest.LogEvent;
import io.selfheal.ingest.parse.LogParser;
import io.selfheal.ingest.source.SourceStats;
import io.selfheal.store.CheckpointStore;
import io.selfheal.store.EventStore;
import io.selfheal.store.IngestBatchWriter;
import io.selfheal.testing.MutableClock;
import io.selfheal.testing.TestDatabase;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/** The Loki puller against a protocol-faithful query_range server and a real PostgreSQL holding its cursors. */
class LokiPullerTest {
    private static final long T0 = Instant.parse("2024-05-01T10:00:00Z").getEpochSecond() * 1_000_000_000L;
    private static final Map<String, String> API = Map.of("service_name", "api", "env", "prod");
    private static final Map<String, String> WORKER = Map.of("app", "worker", "env", "prod", "level", "error");

    private final Fingerprinter fingerprinter = Fingerprinter.withDefaults(Level.WARN);
    private final SourceStats stats = new SourceStats(Clock.systemUTC(), () -> null);
    private FakeLoki loki;
    private IngestBatchWriter writer;
    private final MutableClock clock = new MutableClock(Instant.parse("2024-05-01T11:00:00Z"));

    @BeforeEach
    void start() throws Exception {
        TestDatabase.get().reset();
        loki = new FakeLoki();
        writer = new IngestBatchWriter(new EventStore(TestDatabase.get().dataSource()),
                new SelfhealMetrics(new SimpleMeterRegistry()));
    }

    @AfterEach
    void stop() {
        loki.close();
    }

    @Test
    void pagesThroughSeveralStreamsAndSharedNanosecondsWithoutGapsOrRepeats() throws Exception {
        // Entries 1-3 share one nanosecond and a page holds 3: the first page ends between them.
        for (int i = 0; i < 10; i++) {
            long ts = i == 0 ? T0 : i <= 3 ? T0 + 5 : T0 + 5 + i;
            loki.add(i % 2 == 0 ? API : WORKER, ts, "ERROR payment " + i + " failed", Map.of("trace_id", "t" + i));
        }
        LokiPuller puller = puller(3, 100);
        List<LogEvent> events = drain(puller);
        assertThat(events).extracting(LogEvent::message).containsExactlyInAnyOrder(
                "payment 0 failed", "payment 1 failed", "payment 2 failed", "payment 3 failed", "payment 4 failed",
                "payment 5 failed", "payment 6 failed", "payment 7 failed", "payment 8 failed", "payment 9 failed");
        assertThat(loki.requests).hasSizeGreaterThan(3);
        assertThat(count("SELECT count(*) FROM log_entries")).isEqualTo(10);
        assertThat(count("SELECT count(*) FROM log_entries WHERE service = 'api'")).isEqualTo(5);
        assertThat(count("SELECT count(*) FROM log_entries WHERE service = 'worker'")).isEqualTo(5);
        assertThat(count("SELECT count(*) FROM log_entries WHERE labels->>'trace_id' = 't3' AND labels->>'env' = 'prod'"))
                .isEqualTo(1);
        assertThat(loki.requests).allSatisfy(r -> assertThat(r.get("direction")).isEqualTo("forward"));
        assertThat(drain(puller)).isEmpty();
    }

    @Test
    void aRestartResumesFromTheStoredCursor() throws Exception {
        for (int i = 0; i < 6; i++) {
            loki.add(API, T0 + i, "ERROR order " + i + " rejected", Map.of());
        }
        drain(puller(4, 100));
        long restartedAt = clock.instant().getEpochSecond() * 1_000_000_000L;
        clock.advance(Duration.ofMinutes(1)); // a minute later, with lines written while Selfheal was down
        for (int i = 6; i < 12; i++) {
            loki.add(API, restartedAt + i, "ERROR order " + i + " rejected", Map.of());
        }
        // A new puller, as after a restart: it knows only what PostgreSQL holds.
        List<LogEvent> afterRestart = drain(puller(4, 100));
        assertThat(afterRestart).extracting(LogEvent::message)
                .containsExactly("order 6 rejected", "order 7 rejected", "order 8 rejected", "order 9 rejected",
                        "order 10 rejected", "order 11 rejected");
        assertThat(count("SELECT sum(occurrence_count) FROM error_fingerprints")).isEqualTo(12);
        assertThat(count("SELECT count(*) FROM log_entries")).isEqualTo(12);
    }

    @Test
    void aFailedStoreIsReadAgainFromTheAcknowledgedCursor() throws Exception {
        for (int i = 0; i < 4; i++) {
            loki.add(WORKER, T0 + i, "job " + i + " crashed", Map.of());
        }
        LokiPuller puller = puller(2, 100);
        List<IngestBatch> unstored = puller.poll();
        assertThat(unstored).isNotEmpty(); // read, but never stored nor acknowledged (the store failed)
        List<LogEvent> events = drain(puller);
        assertThat(events).extracting(LogEvent::message)
                .containsExactly("job 0 crashed", "job 1 crashed", "job 2 crashed", "job 3 crashed");
        assertThat(events).allSatisfy(e -> assertThat(e.level()).isEqualTo(Level.ERROR)); // from the level label
    }

    @Test
    void backsOffOn429And500AndRecoversWithoutLosingAnything() throws Exception {
        for (int i = 0; i < 5; i++) {
            loki.add(API, T0 + i, "ERROR upstream " + i + " timed out", Map.of());
        }
        LokiPuller puller = puller(100, 100);
        loki.failNext(500);
        assertThat(puller.poll()).isEmpty();
        assertThat(stats.snapshot()).singleElement().satisfies(p -> {
            assertThat(p.errors()).isEqualTo(1);
            assertThat(p.lastError()).contains("500");
        });
        int requests = loki.requests.size();
        assertThat(puller.poll()).isEmpty(); // still backing off: Loki is not asked again at once
        assertThat(loki.requests).hasSize(requests);

        clock.advance(Duration.ofMillis(500)); // past the backoff
        loki.failNext(429);
        assertThat(drain(puller)).isEmpty();
        assertThat(loki.requests).hasSize(requests + 1);
        assertThat(drain(puller)).isEmpty(); // backing off again, honouring Retry-After up to the maximum

        clock.advance(Duration.ofMillis(500));
        assertThat(drain(puller)).hasSize(5);
        assertThat(stats.snapshot()).singleElement().satisfies(p -> assertThat(p.errors()).isEqualTo(2));
        assertThat(count("SELECT sum(occurrence_count) FROM error_fingerprints")).isEqualTo(5);
    }

    @Test
    void sendsTenantAndCredentials() throws Exception {
        loki.add(API, T0, "ERROR x", Map.of());
        LokiSettings settings = new LokiSettings(loki.url(), List.of("{service_name=\"api\"}"), "team-a", "reader",
                "s3cret", null, 10, Duration.ofHours(2), Duration.ZERO, 5, Duration.ofSeconds(5),
                Duration.ofMillis(50), Duration.ofMillis(200));
        drain(new LokiPuller(settings, new ObjectMapper(), new LogParser(),
                new CheckpointStore(TestDatabase.get().dataSource()), stats, clock));
        assertThat(loki.requests.get(0).get("X-Scope-OrgID")).isEqualTo("team-a");
        assertThat(loki.requests.get(0).get("Authorization")).isEqualTo("Basic cmVhZGVyOnMzY3JldA==");
    }

    private LokiPuller puller(int limit, int maxPages) {
        LokiSettings settings = new LokiSettings(loki.url(), List.of("{env=\"prod\"}"), null, null, null, null,
                limit, Duration.ofHours(2), Duration.ZERO, maxPages, Duration.ofSeconds(5), Duration.ofMillis(50),
                Duration.ofMillis(400));
        return new LokiPuller(settings, new ObjectMapper(), new LogParser(),
                new CheckpointStore(TestDatabase.get().dataSource()), stats, clock);
    }

    /** What the route does: poll, then store and acknowledge each batch in order. */
    private List<LogEvent> drain(LokiPuller puller) throws Exception {
        List<LogEvent> events = new ArrayList<>();
        for (IngestBatch batch : puller.poll()) {
            store(batch);
            events.addAll(batch.events());
            puller.acknowledge(batch);
        }
        return events;
    }

    private void store(IngestBatch batch) {
        fingerprinter.fingerprint(batch);
        try {
            writer.write(batch);
        } catch (SQLException e) {
            throw new IllegalStateException(e);
        }
    }

    private static long count(String sql) throws SQLException {
        try (Connection c = TestDatabase.get().dataSource().getConnection();
             Statement s = c.createStatement();
             ResultSet rs = s.executeQuery(sql)) {
            rs.next();
            return rs.getLong(1);
        }
    }
}
