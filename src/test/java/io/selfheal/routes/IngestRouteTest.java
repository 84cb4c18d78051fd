package io.selfheal.routes;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.selfheal.fingerprint.Fingerprinter;
import io.selfheal.ingest.IngestNormalizer;
import io.selfheal.ingest.Level;
import io.selfheal.ingest.parse.LogParser;
import io.selfheal.ingest.source.SourceProgress;
import io.selfheal.ingest.source.SourceStats;
import io.selfheal.observe.SelfhealMetrics;
import io.selfheal.store.EventStore;
import io.selfheal.store.IngestBatchWriter;
import io.selfheal.testing.TestDatabase;
import io.selfheal.testing.YamlRouteTestSupport;
import org.apache.camel.Exchange;
import org.apache.camel.builder.AdviceWith;
import org.apache.camel.component.mock.MockEndpoint;
import org.junit.jupiter.api.Test;
import org.postgresql.ds.PGSimpleDataSource;

import javax.sql.DataSource;
import java.io.IOException;
import java.net.ServerSocket;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Clock;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The real routes/ingest.yaml with the real normalizer, fingerprinter and batch writer: a stored batch is counted for
 * its source; a batch the database cannot take is counted as a failure by the route's error handler (sourceStats)
 * and the failure still reaches the source, which retries it.
 */
class IngestRouteTest extends YamlRouteTestSupport {
    private static final String LINE = "2024-05-01T10:00:00Z ERROR [orders] Could not save order 1234: connection reset";

    private final SourceStats stats = new SourceStats(Clock.systemUTC(), () -> null);

    @Test
    void aStoredBatchIsCountedForItsSource() throws Exception {
        TestDatabase.get().reset();
        start(TestDatabase.get().dataSource());
        MockEndpoint done = getMockEndpoint("mock:ingested");
        done.expectedMessageCount(1);

        Exchange sent = template.send("direct:ingest", e -> {
            e.getMessage().setBody(LINE);
            e.getMessage().setHeader("selfheal.source", "orders-feed");
        });

        assertThat(sent.getException()).isNull();
        done.assertIsSatisfied();
        assertThat(count("SELECT count(*) FROM log_entries WHERE source = 'orders-feed'")).isEqualTo(1);
        SourceProgress progress = progress("orders-feed");
        assertThat(progress.linesRead()).isEqualTo(1);
        assertThat(progress.errors()).isZero();
    }

    @Test
    void aBatchTheDatabaseRefusesIsCountedAndReachesTheSource() throws Exception {
        start(unreachableDatabase());
        MockEndpoint done = getMockEndpoint("mock:ingested");
        done.expectedMessageCount(0);

        Exchange sent = template.send("direct:ingest", e -> {
            e.getMessage().setBody(LINE);
            e.getMessage().setHeader("selfheal.source", "orders-feed");
        });

        assertThat(sent.getException()).as("the failure reaches the caller (the source)").isInstanceOf(SQLException.class);
        done.assertIsSatisfied();
        SourceProgress progress = progress("orders-feed");
        assertThat(progress.errors()).isEqualTo(1);
        assertThat(progress.linesRead()).isZero();
        assertThat(progress.lastError()).isEqualTo(sent.getException().getMessage());
    }

    private void start(DataSource database) throws Exception {
        ObjectMapper json = new ObjectMapper();
        context.getRegistry().bind("ingestNormalizer", new IngestNormalizer(new LogParser(), json, Clock.systemUTC(),
                Level.WARN));
        context.getRegistry().bind("fingerprinter", Fingerprinter.withDefaults(Level.WARN));
        context.getRegistry().bind("batchWriter", new IngestBatchWriter(new EventStore(database),
                new SelfhealMetrics(new SimpleMeterRegistry())));
        context.getRegistry().bind("sourceStats", stats);
        load("classpath:routes/ingest.yaml");
        AdviceWith.adviceWith(context, "ingest", route -> route.weaveAddLast().to("mock:ingested"));
        context.start();
    }

    private SourceProgress progress(String source) {
        return stats.snapshot().stream().filter(p -> p.source().equals(source)).findFirst().orElseThrow();
    }

    /** A PostgreSQL address nothing listens on: every connection is refused at once. */
    private static DataSource unreachableDatabase() throws IOException {
        int port;
        try (ServerSocket socket = new ServerSocket(0)) {
            port = socket.getLocalPort();
        }
        PGSimpleDataSource dataSource = new PGSimpleDataSource();
        dataSource.setServerNames(new String[] {"127.0.0.1"});
        dataSource.setPortNumbers(new int[] {port});
        dataSource.setDatabaseName("selfheal");
        return dataSource;
    }

    private static long count(String sql) throws SQLException {
        try (Connection c = TestDatabase.get().dataSource().getConnection(); Statement s = c.createStatement();
             ResultSet rs = s.executeQuery(sql)) {
            rs.next();
            return rs.getLong(1);
        }
    }
}
