package io.selfheal.store;

import io.selfheal.fingerprint.GroupedEvent;
import io.selfheal.testing.TestDatabase;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.stream.IntStream;

import static io.selfheal.store.TestEvents.T0;
import static io.selfheal.store.TestEvents.event;
import static io.selfheal.store.TestEvents.fingerprintId;
import static org.assertj.core.api.Assertions.assertThat;

/** Two writers (standing in for two instances) hitting the same fingerprints at the same time. */
class ConcurrentStoreTest {

    private static final int WRITERS = 2;
    private static final int BATCHES = 60;
    private static final int EVENTS_PER_BATCH = 100;
    private static final int FINGERPRINTS = 7;

    private final EventStore store = new EventStore(TestDatabase.get().dataSource());

    @BeforeEach
    void emptyDatabase() {
        TestDatabase.get().reset();
    }

    @Test
    void concurrentUpsertsOfTheSameFingerprintsLoseNoUpdate() throws Exception {
        List<StoreResult> results = runConcurrently(writer -> IntStream.range(0, BATCHES)
                .mapToObj(batch -> batch(writer, batch))
                .toList());

        int total = WRITERS * BATCHES * EVENTS_PER_BATCH;
        assertThat(results).extracting(StoreResult::stored).containsOnly(EVENTS_PER_BATCH);
        assertThat(Sql.count("SELECT sum(occurrence_count) FROM error_fingerprints")).isEqualTo(total);
        assertThat(Sql.count("SELECT count(*) FROM log_entries")).isEqualTo(total);
        assertThat(Sql.count("""
                SELECT count(*) FROM error_fingerprints f
                WHERE f.occurrence_count <> (SELECT count(*) FROM log_entries l WHERE l.fingerprint_id = f.id)
                """)).isZero();
        // Every fingerprint is reported as new exactly once, by whichever writer created it.
        assertThat(results.stream().flatMap(r -> r.newFingerprintIds().stream()).sorted().toList())
                .containsExactlyElementsOf(IntStream.range(0, FINGERPRINTS).mapToObj(TestEvents::fingerprintId).toList());
    }

    @Test
    void theSameBatchDeliveredToBothWritersIsStoredOnce() throws Exception {
        List<List<GroupedEvent>> batches = IntStream.range(0, BATCHES).mapToObj(batch -> batch(0, batch)).toList();

        List<StoreResult> results = runConcurrently(writer -> batches);

        int total = BATCHES * EVENTS_PER_BATCH;
        assertThat(results.stream().mapToInt(StoreResult::stored).sum()).isEqualTo(total);
        assertThat(results.stream().mapToInt(StoreResult::duplicates).sum()).isEqualTo(total);
        assertThat(Sql.count("SELECT sum(occurrence_count) FROM error_fingerprints")).isEqualTo(total);
        assertThat(Sql.count("SELECT count(*) FROM log_entries")).isEqualTo(total);
    }

    private static List<GroupedEvent> batch(int writer, int batch) {
        List<GroupedEvent> events = new ArrayList<>(EVENTS_PER_BATCH);
        for (int i = 0; i < EVENTS_PER_BATCH; i++) {
            // Each writer walks the fingerprints in a different order, the worst case for lock ordering.
            int fingerprint = writer == 0 ? i % FINGERPRINTS : FINGERPRINTS - 1 - i % FINGERPRINTS;
            events.add(event(fingerprintId(fingerprint), "w" + writer + ":b" + batch + ":e" + i, T0.plusMillis(i)));
        }
        return events;
    }

    private interface BatchesOfWriter {
        List<List<GroupedEvent>> batches(int writer);
    }

    private List<StoreResult> runConcurrently(BatchesOfWriter batchesOfWriter) throws Exception {
        ExecutorService pool = Executors.newFixedThreadPool(WRITERS);
        try {
            List<Callable<List<StoreResult>>> writers = new ArrayList<>();
            for (int w = 0; w < WRITERS; w++) {
                List<List<GroupedEvent>> batches = batchesOfWriter.batches(w);
                writers.add(() -> {
                    List<StoreResult> results = new ArrayList<>();
                    for (List<GroupedEvent> batch : batches) {
                        results.add(store.store(batch, List.of(), null));
                    }
                    return results;
                });
            }
            List<StoreResult> all = new ArrayList<>();
            for (Future<List<StoreResult>> writer : pool.invokeAll(writers)) {
                all.addAll(writer.get());
            }
            return all;
        } finally {
            pool.shutdownNow();
        }
    }
}
