package io.selfheal.store;

import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.selfheal.observe.SelfhealMetrics;
import io.selfheal.fingerprint.ErrorType;
import io.selfheal.fingerprint.Fingerprint;
import io.selfheal.fingerprint.GroupedEvent;
import io.selfheal.ingest.IngestBatch;
import io.selfheal.ingest.Level;
import io.selfheal.ingest.LogEvent;
import io.selfheal.testing.TestDatabase;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Instant;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

class IngestBatchWriterTest {
    private IngestBatchWriter writer;

    @BeforeEach
    void reset() {
        TestDatabase.get().reset();
        writer = new IngestBatchWriter(new EventStore(TestDatabase.get().dataSource()),
                new SelfhealMetrics(new SimpleMeterRegistry()));
    }

    @Test
    void aRecordTheDatabaseRefusesBecomesADeadLetterAndTheRestIsStored() throws SQLException {
        GroupedEvent good = grouped("orders", "file:app.log@1:0");
        GroupedEvent refused = grouped(null, "file:app.log@1:100"); // a null service violates NOT NULL
        IngestBatch batch = new IngestBatch("file:app.log", List.of(good.event(), refused.event()), List.of(),
                new SourceCheckpoint("file:app.log", "1|200|0"));
        batch.setGrouped(List.of(good, refused), List.of());

        writer.write(batch);

        assertThat(count("SELECT count(*) FROM log_entries")).isEqualTo(1);
        assertThat(count("SELECT count(*) FROM dead_letters WHERE reason LIKE 'refused by the database%'")).isEqualTo(1);
        assertThat(new CheckpointStore(TestDatabase.get().dataSource()).load("file:app.log")).contains("1|200|0");
        // What a source replies is read from the batch afterwards: the refused event is not counted as accepted.
        assertThat(batch.acceptedEvents()).isEqualTo(1);
        assertThat(batch.deadLetters()).singleElement().satisfies(d -> assertThat(d.reason()).contains("service"));
    }

    @Test
    void anEventTheStoreCannotWriteAtAllIsADeadLetterNotAFailedBatch() throws SQLException {
        GroupedEvent good = grouped("orders", "file:app.log@1:0");
        GroupedEvent broken = new GroupedEvent(new LogEvent("orders", Instant.parse("2024-05-01T10:00:00Z"), null,
                null, "no level", null, Map.of(), "file:app.log", "no level", "file:app.log@1:100"),
                good.fingerprint());
        IngestBatch batch = new IngestBatch("file:app.log", List.of(good.event(), broken.event()), List.of(),
                new SourceCheckpoint("file:app.log", "1|200|0"));
        batch.setGrouped(List.of(good, broken), List.of());

        writer.write(batch);

        assertThat(count("SELECT count(*) FROM log_entries")).isEqualTo(1);
        assertThat(count("SELECT count(*) FROM dead_letters WHERE raw = 'no level'")).isEqualTo(1);
        assertThat(batch.acceptedEvents()).isEqualTo(1);
        assertThat(new CheckpointStore(TestDatabase.get().dataSource()).load("file:app.log")).contains("1|200|0");
    }

    private static GroupedEvent grouped(String service, String ref) {
        LogEvent event = new LogEvent(service, Instant.parse("2024-05-01T10:00:00Z"), Level.ERROR, null, "boom", null,
                Map.of(), "file:app.log", "ERROR boom", ref);
        return new GroupedEvent(event, new Fingerprint("00000000000000aa", "orders", ErrorType.UNKNOWN, "boom", null, null));
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
