package io.selfheal.ingest.file;

import io.selfheal.ingest.parse.LogParser;
import io.selfheal.ingest.source.SourceStats;
import io.selfheal.store.CheckpointStore;
import io.selfheal.testing.MutableClock;
import io.selfheal.testing.TestDatabase;
import io.selfheal.testing.YamlRouteTestSupport;
import org.apache.camel.Exchange;
import org.apache.camel.builder.AdviceWith;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.sql.SQLException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The real routes/source-files.yaml with the real FileTailer on a temporary logs directory and the real
 * routes/ingest.yaml storing into the test PostgreSQL; its timer is replaced by a direct endpoint so each test decides
 * when a poll happens. A batch is acknowledged only once stored: a failed store is read again by the next poll.
 */
class FileSourceRouteTest extends YamlRouteTestSupport {
    @TempDir
    Path logs;

    private final AtomicInteger storesToFail = new AtomicInteger();
    private final MutableClock clock = new MutableClock(Instant.parse("2024-05-01T11:00:00Z"));

    @BeforeEach
    void startRoutes() throws Exception {
        TestDatabase.get().reset();
        bindIngest(TestDatabase.get().dataSource(), new SourceStats(Clock.systemUTC(), () -> null));
        context.getRegistry().bind("fileTailer", new FileTailer(new TailSettings(logs, "*.log", false, 1000, 10_000,
                Duration.ofSeconds(1)), new CheckpointStore(TestDatabase.get().dataSource()), new LogParser(), clock));
        useAppProperties(Map.of("selfheal.files.enabled", "true"));
        load("classpath:routes/ingest.yaml", "classpath:routes/source-files.yaml");
        AdviceWith.adviceWith(context, "source-files", route -> {
            route.replaceFromWith("direct:poll-files");
            // A database that refuses a batch, as often as a test asks.
            route.weaveByToUri("direct:ingest").before().process(e -> {
                if (storesToFail.getAndDecrement() > 0) {
                    throw new SQLException("database down");
                }
            });
        });
        context.start();
    }

    @Test
    void eachServicesFileIsStoredWithItsPositionAndReadOnce() throws Exception {
        Files.writeString(logs.resolve("orders.log"), """
                2024-05-01T10:00:00Z ERROR Could not save order 1234: connection reset
                2024-05-01T10:00:01Z ERROR Could not save order 1235: connection reset
                """);
        Files.writeString(logs.resolve("billing.log"), "2024-05-01T10:00:00Z ERROR Invoice 7 failed: timeout\n");

        drain();

        assertThat(text("SELECT string_agg(service || ' ' || n, ', ' ORDER BY service) FROM "
                + "(SELECT service, count(*) AS n FROM log_entries GROUP BY service) s")).isEqualTo("billing 1, orders 2");
        assertThat(text("SELECT count(*) FROM source_offsets")).isEqualTo("2");

        Files.writeString(logs.resolve("orders.log"), "2024-05-01T10:00:02Z ERROR Could not save order 1236: connection reset\n",
                StandardOpenOption.APPEND);
        drain();

        assertThat(text("SELECT count(*) FROM log_entries WHERE service = 'orders'")).isEqualTo("3");
    }

    @Test
    void aBatchThatWasNotStoredIsReadAgainByTheNextPoll() throws Exception {
        Files.writeString(logs.resolve("orders.log"), "2024-05-01T10:00:00Z ERROR Could not save order 1234: connection reset\n");
        storesToFail.set(1);

        Exchange failed = null;
        for (int round = 0; round < 3 && failed == null; round++) {
            Exchange polled = template.send("direct:poll-files", e -> { });
            failed = polled.getException() == null ? null : polled;
            clock.advance(Duration.ofSeconds(2));
        }
        assertThat(failed).as("the store failed").isNotNull();
        assertThat(failed.getException()).hasRootCauseMessage("database down");
        assertThat(text("SELECT count(*) FROM log_entries")).isEqualTo("0");

        drain();

        assertThat(text("SELECT message FROM log_entries")).contains("order 1234");
        assertThat(text("SELECT count(*) FROM log_entries")).isEqualTo("1");
    }

    /** Polls as the timer does until the files have been idle long enough for their last lines to be complete. */
    private void drain() {
        for (int round = 0; round < 2; round++) {
            Exchange polled = template.send("direct:poll-files", e -> { });
            assertThat(polled.getException()).isNull();
            clock.advance(Duration.ofSeconds(2));
        }
    }
}
