package io.selfheal.store;

import io.selfheal.fingerprint.GroupedEvent;
import io.selfheal.ingest.Level;
import io.selfheal.ingest.LogEvent;
import io.selfheal.testing.TestDatabase;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.IntRange;
import net.jqwik.api.constraints.Size;

import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import static io.selfheal.store.TestEvents.T0;
import static io.selfheal.store.TestEvents.fingerprint;
import static io.selfheal.store.TestEvents.fingerprintId;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * However a stream of lines is cut into batches, and whichever batches are delivered twice (a source retrying after a
 * lost acknowledgement), the stored rows, fingerprint counts and line counts are those of storing the stream once in
 * one batch.
 */
class BatchSplitProperties {
    private static final int LINES = 300;

    private final EventStore store = new EventStore(TestDatabase.get().dataSource());

    @Property(tries = 15)
    void randomBatchSplitsStoreTheSameRows(@ForAll @Size(min = 0, max = 12) List<@IntRange(min = 1, max = LINES - 1) Integer> cuts,
                                           @ForAll @Size(max = 4) List<@IntRange(min = 0, max = 12) Integer> redelivered)
            throws SQLException {
        List<LogEvent> lines = lines();
        TestDatabase.get().reset();
        storeIn(lines, List.of(), List.of());
        Snapshot once = snapshot();

        TestDatabase.get().reset();
        storeIn(lines, cuts, redelivered);

        assertThat(snapshot()).isEqualTo(once);
    }

    /** Stores {@code lines} cut before each index of {@code cuts}; batches numbered in {@code again} are sent twice. */
    private void storeIn(List<LogEvent> lines, List<Integer> cuts, List<Integer> again) throws SQLException {
        List<Integer> bounds = new ArrayList<>(cuts.stream().distinct().sorted().toList());
        bounds.add(0, 0);
        bounds.add(lines.size());
        for (int b = 0; b + 1 < bounds.size(); b++) {
            List<LogEvent> batch = lines.subList(bounds.get(b), bounds.get(b + 1));
            int deliveries = again.contains(b) ? 2 : 1;
            for (int d = 0; d < deliveries; d++) {
                // Below WARN is counted, not stored; a redelivered batch's lines below WARN have no reference to
                // recognise them by, so a source resends only what it never had acknowledged: the counts go once.
                store.store(grouped(batch), List.of(), d == 0 ? LineCounts.of(batch, T0) : LineCounts.NONE,
                        new SourceCheckpoint("f", String.valueOf(bounds.get(b + 1))));
            }
        }
    }

    private static List<GroupedEvent> grouped(List<LogEvent> batch) {
        List<GroupedEvent> grouped = new ArrayList<>();
        for (LogEvent event : batch) {
            if (event.level().atLeast(Level.WARN)) {
                grouped.add(new GroupedEvent(event, fingerprint(fingerprintId(event.message().length() % 5))));
            }
        }
        return grouped;
    }

    private static List<LogEvent> lines() {
        List<LogEvent> lines = new ArrayList<>();
        Level[] levels = Level.values();
        for (int i = 0; i < LINES; i++) {
            lines.add(new LogEvent("svc-" + i % 3, T0.plusSeconds(i * 7L), levels[i * 31 % levels.length], "app",
                    "message " + "x".repeat(i % 11) + " " + i, i % 4 == 0 ? "trace\n\tat a.b(C.java:" + i + ")" : null,
                    Map.of("n", String.valueOf(i % 2)), "file:x", "raw " + i, "ref:" + i));
        }
        return lines;
    }

    private static Snapshot snapshot() throws SQLException {
        return new Snapshot(
                Sql.rows("SELECT fingerprint_id, service, ts, level, logger, message, stack_trace, labels::text AS labels,"
                        + " source, raw, source_ref FROM log_entries ORDER BY source_ref"),
                Sql.rows("SELECT id, occurrence_count, first_seen, last_seen, level FROM error_fingerprints ORDER BY id"),
                Sql.rows("SELECT minute, service, level, lines FROM log_line_counts ORDER BY 1, 2, 3"),
                Sql.rows("SELECT source_id, position FROM source_offsets"));
    }

    private record Snapshot(List<Map<String, Object>> entries, List<Map<String, Object>> fingerprints,
                            List<Map<String, Object>> counts, List<Map<String, Object>> positions) {
    }
}
