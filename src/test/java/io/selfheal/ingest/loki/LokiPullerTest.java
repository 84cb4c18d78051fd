package io.selfheal.ingest.loki;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.selfheal.fingerprint.Fingerprinter;
import io.selfheal.ingest.IngestBatch;
import io.selfheal.ingest.Level;
import io.selfheal.ingest.LogEvent;
import io.selfheal.ingest.parse.LogParser;
import io.selfheal.ingest.source.SourceStats;
import io.selfheal.observe.SelfhealMetrics;
import io.selfheal.store.CheckpointStore;
import io.selfheal.store.EventStore;
import io.selfheal.store.IngestBatchWriter;
import io.selfheal.testing.MutableClock;
import io.selfheal.testing.TestDatabase;
import org.apache.camel.Exchange;
import org.apache.camel.RoutesBuilder;
import org.apache.camel.builder.AdviceWith;
import org.apache.camel.builder.RouteBuilder;
import org.apache.camel.component.http.HttpComponent;
import org.apache.camel.component.mock.MockEndpoint;
import org.apache.camel.support.PluginHelper;
import org.apache.camel.support.ResourceHelper;
import org.apache.camel.test.junit5.CamelTestSupport;
import org.apache.camel.test.junit5.TestExecutionConfiguration;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.net.ServerSocket;
import java.net.URI;
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
import java.util.Properties;
import java.util.concurrent.atomic.AtomicInteger;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The {@code source-loki} route, loaded from the real YAML, against a protocol-faithful query_range server over HTTP
 * and a real PostgreSQL holding the events and cursors. {@code direct:ingest} is a small stand-in that fingerprints
 * and stores each batch like the ingest route (and can be told to fail); the timer is replaced by
 * {@code direct:poll} with AdviceWith so that each test decides when a poll happens.
 */
class LokiPullerTest extends CamelTestSupport {
    private static final long T0 = Instant.parse("2024-05-01T10:00:00Z").getEpochSecond() * 1_000_000_000L;
    private static final Map<String, String> API = Map.of("service_name", "api", "env", "prod");
    private static final Map<String, String> WORKER = Map.of("app", "worker", "env", "prod", "level", "error");

    private final Fingerprinter fingerprinter = Fingerprinter.withDefaults(Level.WARN);
    private final SourceStats stats = new SourceStats(Clock.systemUTC(), () -> null);
    private final MutableClock clock = new MutableClock(Instant.parse("2024-05-01T11:00:00Z"));
    private final AtomicInteger storesToFail = new AtomicInteger();
    private FakeLoki loki;
    private IngestBatchWriter writer;

    @Override
    public void configureTest(TestExecutionConfiguration configuration) {
        super.configureTest(configuration);
        configuration.withUseAdviceWith(true); // each test binds its puller, loads the YAML, then starts Camel
    }

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

    @Override
    protected RoutesBuilder createRouteBuilder() {
        return new RouteBuilder() {
            @Override
            public void configure() {
                from("direct:ingest").routeId("ingest-stand-in")
                        .process(this::store)
                        .to("mock:stored");
            }

            private void store(Exchange exchange) throws SQLException {
                if (storesToFail.getAndUpdate(n -> Math.max(0, n - 1)) > 0) {
                    throw new SQLException("the database refused the batch");
                }
                IngestBatch batch = exchange.getMessage().getBody(IngestBatch.class);
                fingerprinter.fingerprint(batch);
                writer.write(batch);
            }
        };
    }

    @Test
    void pagesThroughSeveralStreamsAndSharedNanosecondsWithoutGapsOrRepeats() throws Exception {
        // Entries 1-3 share one nanosecond and a page holds 3: the first page ends between them.
        for (int i = 0; i < 10; i++) {
            long ts = i == 0 ? T0 : i <= 3 ? T0 + 5 : T0 + 5 + i;
            loki.add(i % 2 == 0 ? API : WORKER, ts, "ERROR payment " + i + " failed", Map.of("trace_id", "t" + i));
        }
        startRoute(settings(3, 100));
        List<LogEvent> events = poll();
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
        assertThat(loki.requests).allSatisfy(r -> assertThat(r.get("Authorization")).isNull());
        assertThat(poll()).isEmpty();
    }

    @Test
    void aRestartResumesFromTheStoredCursor() throws Exception {
        for (int i = 0; i < 6; i++) {
            loki.add(API, T0 + i, "ERROR order " + i + " rejected", Map.of());
        }
        startRoute(settings(4, 100));
        poll();
        long restartedAt = clock.instant().getEpochSecond() * 1_000_000_000L;
        clock.advance(Duration.ofMinutes(1)); // a minute later, with lines written while Selfheal was down
        for (int i = 6; i < 12; i++) {
            loki.add(API, restartedAt + i, "ERROR order " + i + " rejected", Map.of());
        }
        // A new puller, as after a restart: it knows only what PostgreSQL holds.
        context.getRouteController().stopRoute("source-loki");
        context.removeRoute("source-loki");
        startRoute(settings(4, 100));
        List<LogEvent> afterRestart = poll();
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
        startRoute(settings(2, 100));
        storesToFail.set(1);
        Exchange failed = template.send("direct:poll", e -> { });
        assertThat(failed.getException()).hasMessageContaining("refused the batch"); // read, never stored nor acknowledged
        assertThat(count("SELECT count(*) FROM log_entries")).isZero();
        List<LogEvent> events = poll();
        assertThat(events).extracting(LogEvent::message)
                .containsExactly("job 0 crashed", "job 1 crashed", "job 2 crashed", "job 3 crashed");
        assertThat(events).allSatisfy(e -> assertThat(e.level()).isEqualTo(Level.ERROR)); // from the level label
    }

    @Test
    void backsOffOn429And500AndRecoversWithoutLosingAnything() throws Exception {
        for (int i = 0; i < 5; i++) {
            loki.add(API, T0 + i, "ERROR upstream " + i + " timed out", Map.of());
        }
        startRoute(settings(100, 100));
        loki.failNext(500);
        assertThat(poll()).isEmpty();
        assertThat(stats.snapshot()).singleElement().satisfies(p -> {
            assertThat(p.errors()).isEqualTo(1);
            assertThat(p.lastError()).contains("500");
        });
        int requests = loki.requests.size();
        assertThat(poll()).isEmpty(); // still backing off: Loki is not asked again at once
        assertThat(loki.requests).hasSize(requests);

        clock.advance(Duration.ofMillis(500)); // past the backoff
        loki.failNext(429);
        assertThat(poll()).isEmpty();
        assertThat(loki.requests).hasSize(requests + 1);
        assertThat(poll()).isEmpty(); // backing off again, honouring Retry-After up to the maximum

        clock.advance(Duration.ofMillis(500));
        assertThat(poll()).hasSize(5);
        assertThat(stats.snapshot()).singleElement().satisfies(p -> assertThat(p.errors()).isEqualTo(2));
        assertThat(count("SELECT sum(occurrence_count) FROM error_fingerprints")).isEqualTo(5);
    }

    @Test
    void anUnreachableLokiIsCountedAndBackedOffAndTheRouteGoesOn() throws Exception {
        LokiSettings nowhere = new LokiSettings(URI.create("http://127.0.0.1:" + closedPort()),
                List.of("{env=\"prod\"}"), null, null, null, null, 10, Duration.ofHours(2), Duration.ZERO, 5,
                Duration.ofMillis(50), Duration.ofMillis(400));
        startRoute(nowhere);
        assertThat(poll()).isEmpty();
        assertThat(stats.snapshot()).singleElement().satisfies(p -> {
            assertThat(p.errors()).isEqualTo(1);
            assertThat(p.lastError()).contains("unreachable");
        });
        assertThat(context.getRouteController().getRouteStatus("source-loki").isStarted()).isTrue();
    }

    @Test
    void sendsTenantAndCredentials() throws Exception {
        loki.add(API, T0, "ERROR x", Map.of());
        startRoute(new LokiSettings(loki.url(), List.of("{service_name=\"api\"}"), "team-a", "reader",
                "s3cret", null, 10, Duration.ofHours(2), Duration.ZERO, 5, Duration.ofMillis(50),
                Duration.ofMillis(200)));
        assertThat(poll()).hasSize(1);
        assertThat(loki.requests.get(0).get("X-Scope-OrgID")).isEqualTo("team-a");
        assertThat(loki.requests.get(0).get("Authorization")).isEqualTo("Basic cmVhZGVyOnMzY3JldA==");
    }

    @Test
    void theTimerDrivenRouteFollowsLokiUnchanged() throws Exception {
        loki.add(API, T0, "ERROR card declined", Map.of());
        MockEndpoint stored = getMockEndpoint("mock:stored");
        stored.expectedMessageCount(1);
        load(settings(10, 5), true); // no AdviceWith: the YAML's own timer drives the polls
        context.start();
        stored.assertIsSatisfied(10_000);
        assertThat(stored.getReceivedExchanges().get(0).getMessage().getBody(IngestBatch.class).events())
                .extracting(LogEvent::message).containsExactly("card declined");
    }

    private LokiSettings settings(int limit, int maxPages) {
        return new LokiSettings(loki.url(), List.of("{env=\"prod\"}"), null, null, null, null,
                limit, Duration.ofHours(2), Duration.ZERO, maxPages, Duration.ofMillis(50), Duration.ofMillis(400));
    }

    private LokiPuller puller(LokiSettings settings) {
        return new LokiPuller(settings, new ObjectMapper(), new LogParser(),
                new CheckpointStore(TestDatabase.get().dataSource()), stats, clock);
    }

    /**
     * The real routes/source-loki.yaml with a new puller and the properties it reads, its timer replaced. Loaded with
     * auto-startup off so that, in a started Camel, the timer cannot fire before AdviceWith replaced it.
     */
    private void startRoute(LokiSettings settings) throws Exception {
        load(settings);
        AdviceWith.adviceWith(context, "source-loki", route -> route.replaceFromWith("direct:poll"));
        context.start();
        context.getRouteController().startRoute("source-loki");
    }

    private void load(LokiSettings settings) throws Exception {
        load(settings, false);
    }

    private void load(LokiSettings settings, boolean autoStartup) throws Exception {
        Properties properties = new Properties();
        properties.put("selfheal.loki.enabled", Boolean.toString(autoStartup));
        properties.put("selfheal.loki.url", settings.url().toString());
        properties.put("selfheal.loki.poll-interval-ms", "100");
        properties.put("selfheal.loki.timeout-ms", "5000");
        properties.put("selfheal.loki.endpoint-options", "");
        context.getPropertiesComponent().setOverrideProperties(properties);
        // as application.properties sets it: the route backs off on 429/503, not HttpClient
        context.getComponent("http", HttpComponent.class).setAutomaticRetriesDisabled(true);
        context.getRegistry().bind("lokiPuller", puller(settings));
        PluginHelper.getRoutesLoader(context).loadRoutes(
                ResourceHelper.resolveMandatoryResource(context, "classpath:routes/source-loki.yaml"));
    }

    /** One poll through the route; the events of the batches it stored. */
    private List<LogEvent> poll() throws InterruptedException {
        MockEndpoint stored = getMockEndpoint("mock:stored");
        int before = stored.getReceivedCounter();
        Exchange done = template.send("direct:poll", e -> { });
        assertThat(done.getException()).isNull();
        List<LogEvent> events = new ArrayList<>();
        List<Exchange> received = stored.getReceivedExchanges();
        for (Exchange exchange : received.subList(before, received.size())) {
            events.addAll(exchange.getMessage().getBody(IngestBatch.class).events());
        }
        return events;
    }

    private static int closedPort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
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
