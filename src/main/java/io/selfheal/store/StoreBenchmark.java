package io.selfheal.store;

import io.selfheal.fingerprint.ErrorType;
import io.selfheal.fingerprint.Fingerprint;
import io.selfheal.fingerprint.GroupedEvent;
import io.selfheal.ingest.Level;
import io.selfheal.ingest.LogEvent;

import java.nio.file.Path;
import java.sql.SQLException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * Measures {@link EventStore#store} throughput: writes N events over 50 fingerprints in batches of 500 against an
 * embedded PostgreSQL and prints rows per second.
 *
 * <p>Usage: {@code StoreBenchmark [events, default 200000] [data dir, default target/store-benchmark/postgres]}.
 * Source refs are unique per run, so repeated runs on the same directory measure inserts, not duplicate skipping.
 */
public final class StoreBenchmark {

    private static final int BATCH_SIZE = 500;
    private static final int FINGERPRINTS = 50;
    private static final int WARM_UP_BATCHES = 20;

    private StoreBenchmark() {
    }

    public static void main(String[] args) throws SQLException {
        int events = args.length > 0 ? Integer.parseInt(args[0]) : 200_000;
        Path dataDir = Path.of(args.length > 1 ? args[1] : "target/store-benchmark/postgres");
        String run = Long.toString(System.currentTimeMillis(), 36);
        List<Fingerprint> fingerprints = new ArrayList<>();
        for (int i = 0; i < FINGERPRINTS; i++) {
            fingerprints.add(new Fingerprint(String.format("%016x", i), "svc-" + i % 5, ErrorType.values()[i % 9],
                    "request <uuid> failed after <int> ms: upstream " + i + " unavailable",
                    "java.io.IOException", "com.acme.Client.call|com.acme.Api.handle"));
        }
        try (Database database = Database.start(DatabaseSettings.embedded(dataDir))) {
            EventStore store = new EventStore(database.dataSource());
            int batches = Math.max(1, events / BATCH_SIZE);
            for (int b = 0; b < WARM_UP_BATCHES; b++) {
                store.store(batch(fingerprints, run + "-warm", b), List.of(), null);
            }
            long start = System.nanoTime();
            long stored = 0;
            for (int b = 0; b < batches; b++) {
                stored += store.store(batch(fingerprints, run, b), List.of(), new SourceCheckpoint("bench", run + b))
                        .stored();
            }
            double seconds = (System.nanoTime() - start) / 1e9;
            System.out.printf("stored %d events in %d batches of %d in %.2f s: %.0f rows/s%n",
                    stored, batches, BATCH_SIZE, seconds, stored / seconds);
        }
    }

    private static List<GroupedEvent> batch(List<Fingerprint> fingerprints, String run, int batch) {
        List<GroupedEvent> events = new ArrayList<>(BATCH_SIZE);
        Instant now = Instant.now();
        for (int i = 0; i < BATCH_SIZE; i++) {
            Fingerprint fingerprint = fingerprints.get((batch * 7 + i) % fingerprints.size());
            String message = "request 3f2a-" + i + " failed after " + (i * 13 % 997) + " ms: upstream unavailable";
            LogEvent event = new LogEvent(fingerprint.service(), now.plusMillis(i), Level.ERROR, "com.acme.Client",
                    message, null, Map.of("host", "node-" + i % 3, "env", "prod"), "bench",
                    "2026-01-10T12:00:00Z ERROR com.acme.Client " + message, run + ":" + batch + ":" + i);
            events.add(new GroupedEvent(event, fingerprint));
        }
        return events;
    }
}
