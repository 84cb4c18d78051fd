package io.selfheal.store;

import io.selfheal.fingerprint.GroupedEvent;
import io.selfheal.ingest.DeadLetter;
import io.selfheal.ingest.DeadLetterKind;
import io.selfheal.ingest.Level;
import io.selfheal.testing.TestDatabase;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.sql.SQLException;
import java.util.List;
import java.util.Map;

import static io.selfheal.store.TestEvents.T0;
import static io.selfheal.store.TestEvents.event;
import static io.selfheal.store.TestEvents.fingerprintId;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class EventStoreTest {

    private static final String A = fingerprintId(1);
    private static final String B = fingerprintId(2);

    private final EventStore store = new EventStore(TestDatabase.get().dataSource());
    private final CheckpointStore checkpoints = new CheckpointStore(TestDatabase.get().dataSource());

    @BeforeEach
    void emptyDatabase() {
        TestDatabase.get().reset();
    }

    @Test
    void writesEntriesAggregatedFingerprintsDeadLettersAndCheckpoint() throws SQLException {
        StoreResult result = store.store(
                List.of(event(A, "f:1", T0.plusSeconds(5)), event(A, "f:2", T0, Level.WARN),
                        event(B, "f:3", T0.plusSeconds(9), Level.FATAL), event(A, null, T0.plusSeconds(1))),
                List.of(new DeadLetter("file:logs/orders.log", DeadLetterKind.UNPARSEABLE, "not JSON", "{oops", 5)),
                new SourceCheckpoint("file:logs/orders.log", "offset=1234"));

        assertThat(result).isEqualTo(new StoreResult(4, 0, 1, List.of(A, B)));
        assertThat(Sql.rows("SELECT id, occurrence_count, first_seen, last_seen, level, status, error_type"
                + " FROM error_fingerprints ORDER BY id")).containsExactly(
                Map.of("id", A, "occurrence_count", 3L, "first_seen", T0.plusSeconds(0), "last_seen", T0.plusSeconds(5),
                        "level", "ERROR", "status", "active", "error_type", "database"),
                Map.of("id", B, "occurrence_count", 1L, "first_seen", T0.plusSeconds(9), "last_seen", T0.plusSeconds(9),
                        "level", "FATAL", "status", "active", "error_type", "database"));
        assertThat(Sql.rows("SELECT fingerprint_id, source_ref, level, labels::text AS labels FROM log_entries ORDER BY id"))
                .extracting(row -> row.get("fingerprint_id") + " " + row.get("source_ref") + " " + row.get("level")
                        + " " + row.get("labels"))
                .containsExactly(A + " f:1 ERROR {\"host\": \"node-1\"}", A + " f:2 WARN {\"host\": \"node-1\"}",
                        B + " f:3 FATAL {\"host\": \"node-1\"}", A + " null ERROR {\"host\": \"node-1\"}");
        assertThat(Sql.rows("SELECT source, reason, raw, raw_size FROM dead_letters")).containsExactly(
                Map.of("source", "file:logs/orders.log", "reason", "not JSON", "raw", "{oops", "raw_size", 5L));
        assertThat(checkpoints.load("file:logs/orders.log")).contains("offset=1234");
        assertThat(checkpoints.load("file:logs/other.log")).isEmpty();
    }

    @Test
    void laterBatchesAddToCountsWidenTheTimeSpanAndReportOnlyNewFingerprints() throws SQLException {
        store.store(List.of(event(A, "f:1", T0)), List.of(), null);

        StoreResult second = store.store(
                List.of(event(A, "f:2", T0.minusSeconds(60)), event(A, "f:3", T0.plusSeconds(60)),
                        event(B, "f:4", T0)), List.of(), null);

        assertThat(second.newFingerprintIds()).containsExactly(B);
        assertThat(Sql.rows("SELECT occurrence_count, first_seen, last_seen FROM error_fingerprints WHERE id = '" + A + "'"))
                .containsExactly(Map.of("occurrence_count", 3L, "first_seen", T0.plusSeconds(-60), "last_seen", T0.plusSeconds(60)));
    }

    @Test
    void redeliveredBatchChangesNothing() throws SQLException {
        List<GroupedEvent> batch = List.of(event(A, "f:1", T0), event(B, "f:2", T0));
        store.store(batch, List.of(), new SourceCheckpoint("f", "2"));
        List<Map<String, Object>> fingerprintsBefore = Sql.rows("SELECT * FROM error_fingerprints ORDER BY id");

        StoreResult again = store.store(batch, List.of(), new SourceCheckpoint("f", "2"));

        assertThat(again).isEqualTo(new StoreResult(0, 2, 0, List.of()));
        assertThat(Sql.count("SELECT count(*) FROM log_entries")).isEqualTo(2);
        assertThat(Sql.rows("SELECT * FROM error_fingerprints ORDER BY id")).isEqualTo(fingerprintsBefore);
    }

    @Test
    void duplicateSourceRefsWithinOneBatchAreStoredOnce() throws SQLException {
        StoreResult result = store.store(
                List.of(event(A, "f:1", T0), event(A, "f:1", T0), event(A, "f:2", T0)), List.of(), null);

        assertThat(result.stored()).isEqualTo(2);
        assertThat(result.duplicates()).isEqualTo(1);
        assertThat(Sql.count("SELECT occurrence_count FROM error_fingerprints")).isEqualTo(2);
    }

    @Test
    void failingBatchSavesNeitherEventsNorCheckpoint() throws SQLException {
        store.store(List.of(event(A, "f:1", T0)), List.of(), new SourceCheckpoint("f", "1"));
        DeadLetter withoutReason = new DeadLetter("f", DeadLetterKind.UNPARSEABLE, null, "x", 1);

        assertThatThrownBy(() -> store.store(List.of(event(A, "f:2", T0), event(B, "f:3", T0)),
                List.of(withoutReason), new SourceCheckpoint("f", "3")))
                .isInstanceOf(SQLException.class);

        assertThat(checkpoints.load("f")).contains("1");
        assertThat(Sql.count("SELECT count(*) FROM log_entries")).isEqualTo(1);
        assertThat(Sql.count("SELECT count(*) FROM error_fingerprints")).isEqualTo(1);
        assertThat(Sql.count("SELECT occurrence_count FROM error_fingerprints")).isEqualTo(1);
    }

    @Test
    void checkpointAloneAdvancesThePosition() throws SQLException {
        store.store(List.of(), List.of(), new SourceCheckpoint("f", "1"));
        store.store(List.of(), List.of(), new SourceCheckpoint("f", "2"));

        assertThat(checkpoints.load("f")).contains("2");
    }

    @Test
    void nulCharactersAndOversizedDeadLettersAreStorable() throws SQLException {
        String huge = "x".repeat(EventStore.MAX_DEAD_LETTER_RAW_CHARS + 10);
        store.store(List.of(), List.of(new DeadLetter("f", DeadLetterKind.UNPARSEABLE, "binary\0junk", huge, huge.length())), null);

        assertThat(Sql.rows("SELECT reason, length(raw) AS len, raw_size FROM dead_letters")).containsExactly(
                Map.of("reason", "binary\uFFFDjunk", "len", EventStore.MAX_DEAD_LETTER_RAW_CHARS,
                        "raw_size", (long) huge.length()));
    }
}
