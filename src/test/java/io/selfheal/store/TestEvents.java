package io.selfheal.store;

import io.selfheal.fingerprint.ErrorType;
import io.selfheal.fingerprint.Fingerprint;
import io.selfheal.fingerprint.GroupedEvent;
import io.selfheal.ingest.Level;
import io.selfheal.ingest.LogEvent;

import java.time.Instant;
import java.util.Map;

/** Builds grouped events for store tests. */
final class TestEvents {

    static final Instant T0 = Instant.parse("2026-01-10T12:00:00Z");

    private TestEvents() {
    }

    /** A 16-hex-char fingerprint id derived from a small number. */
    static String fingerprintId(int n) {
        return String.format("%016x", n);
    }

    static Fingerprint fingerprint(String id) {
        return new Fingerprint(id, "orders", ErrorType.DATABASE, "connection to <host> refused after <int> ms",
                "java.net.ConnectException", "org.postgresql.Driver.connect");
    }

    static GroupedEvent event(String fingerprintId, String sourceRef, Instant ts) {
        return event(fingerprintId, sourceRef, ts, Level.ERROR);
    }

    static GroupedEvent event(String fingerprintId, String sourceRef, Instant ts, Level level) {
        LogEvent event = new LogEvent("orders", ts, level, "db.pool", "connection to db-1 refused after 30 ms",
                null, Map.of("host", "node-1"), "file:logs/orders.log", "raw line", sourceRef);
        return new GroupedEvent(event, fingerprint(fingerprintId));
    }
}
