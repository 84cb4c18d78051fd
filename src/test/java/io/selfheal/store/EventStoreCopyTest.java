package io.selfheal.store;

import io.selfheal.fingerprint.GroupedEvent;
import io.selfheal.ingest.DeadLetter;
import io.selfheal.ingest.DeadLetterKind;
import io.selfheal.ingest.Level;
import io.selfheal.ingest.LogEvent;
import io.selfheal.testing.TestDatabase;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.sql.SQLException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import static io.selfheal.store.TestEvents.T0;
import static io.selfheal.store.TestEvents.event;
import static io.selfheal.store.TestEvents.fingerprint;
import static io.selfheal.store.TestEvents.fingerprintId;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** The COPY path of {@link EventStore} and the line counts stored with each batch, on the real PostgreSQL. */
class EventStoreCopyTest {
    private static final String A = fingerprintId(1);

    private final EventStore store = new EventStore(TestDatabase.get().dataSource());

    @BeforeEach
    void emptyDatabase() {
        TestDatabase.get().reset();
    }

    @Test
    void textWithEveryCopyEscapeIsStoredAsWritten() throws SQLException {
        String message = "tab\there, newline\nthere, cr\r, backslash \\ and \\N and \\t literally, é, 😀, end\\";
        String stack = "java.lang.IllegalStateException: x\n\tat a.B.c(B.java:1)\n\t... 4 more";
        LogEvent event = new LogEvent("orders\tsvc", T0, Level.ERROR, null, message, stack,
                Map.of("quote\"key", "back\\slash\nline", "nul", "a\0b"), "file:x", "raw\0line\u0000", "ref:1");
        store.store(List.of(new GroupedEvent(event, fingerprint(A))), List.of(), null);

        assertThat(Sql.rows("SELECT service, logger, message, stack_trace, raw, labels->>'quote\"key' AS q,"
                + " labels->>'nul' AS nul, ts FROM log_entries")).containsExactly(map(
                "service", "orders\tsvc", "logger", null, "message", message, "stack_trace", stack,
                "raw", "raw\uFFFDline\uFFFD", "q", "back\\slash\nline", "nul", "a\uFFFDb", "ts", T0));
    }

    @Test
    void aLoneSurrogateBecomesAReplacementCharacter() throws SQLException {
        LogEvent event = new LogEvent("orders", T0, Level.ERROR, null, "half \uD83D of an emoji", null, Map.of(),
                "file:x", "raw", "ref:1");
        store.store(List.of(new GroupedEvent(event, fingerprint(A))), List.of(), null);

        assertThat(Sql.rows("SELECT message FROM log_entries")).containsExactly(Map.of("message", "half \uFFFD of an emoji"));
    }

    @Test
    void batchesLargerThanOneCopyChunkAreStoredExactly() throws SQLException {
        List<GroupedEvent> events = new ArrayList<>();
        for (int i = 0; i < 3000; i++) {
            events.add(event(fingerprintId(i % 7), "big:" + i, T0.plusMillis(i)));
        }
        StoreResult result = store.store(events, List.of(), null);

        assertThat(result.stored()).isEqualTo(3000);
        assertThat(Sql.count("SELECT count(DISTINCT source_ref) FROM log_entries")).isEqualTo(3000);
        assertThat(Sql.count("SELECT sum(occurrence_count) FROM error_fingerprints")).isEqualTo(3000);
        assertThat(store.store(events, List.of(), null)).isEqualTo(new StoreResult(0, 3000, 0, List.of()));
        assertThat(Sql.count("SELECT count(*) FROM log_entries")).isEqualTo(3000);
    }

    @Test
    void everyLineIsCountedPerMinuteServiceAndLevelAndCountsAddUp() throws SQLException {
        List<LogEvent> read = List.of(line("orders", 0, Level.INFO), line("orders", 59, Level.INFO),
                line("orders", 60, Level.INFO), line("orders", 61, Level.DEBUG), line("billing", 1, Level.ERROR));
        store.store(List.of(), List.of(), LineCounts.of(read, T0), new SourceCheckpoint("f", "1"));
        store.store(List.of(), List.of(), LineCounts.of(List.of(line("orders", 2, Level.INFO)), T0),
                new SourceCheckpoint("f", "2"));

        assertThat(Sql.rows("SELECT minute, service, level, lines FROM log_line_counts ORDER BY 1, 2, 3"))
                .containsExactly(
                        map("minute", T0, "service", "billing", "level", "ERROR", "lines", 1L),
                        map("minute", T0, "service", "orders", "level", "INFO", "lines", 3L),
                        map("minute", T0.plusSeconds(60), "service", "orders", "level", "DEBUG", "lines", 1L),
                        map("minute", T0.plusSeconds(60), "service", "orders", "level", "INFO", "lines", 1L));
    }

    @Test
    void countsOfAFailedBatchAreRolledBackWithIt() throws SQLException {
        LineCounts counts = LineCounts.of(List.of(line("orders", 0, Level.INFO)), T0);
        DeadLetter withoutReason = new DeadLetter("f", DeadLetterKind.UNPARSEABLE, null, "x", 1);

        assertThatThrownBy(() -> store.store(List.of(), List.of(withoutReason), counts, new SourceCheckpoint("f", "1")))
                .isInstanceOf(SQLException.class);

        assertThat(Sql.count("SELECT count(*) FROM log_line_counts")).isZero();
    }

    private static LogEvent line(String service, int second, Level level) {
        return new LogEvent(service, T0.plusSeconds(second), level, null, "m", null, Map.of(), "file:x", "m", null);
    }

    private static Map<String, Object> map(Object... keysAndValues) {
        Map<String, Object> map = new LinkedHashMap<>();
        for (int i = 0; i < keysAndValues.length; i += 2) {
            map.put((String) keysAndValues[i], keysAndValues[i + 1]);
        }
        return map;
    }
}
