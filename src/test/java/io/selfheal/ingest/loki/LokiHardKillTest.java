package io.selfheal.ingest.loki;

import io.selfheal.testing.ChildApp;
import io.selfheal.testing.MixedLogLines;
import io.selfheal.testing.TestDatabase;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.time.Duration;
import java.util.HashMap;
import java.util.Map;

import static io.selfheal.testing.RunningApp.await;
import static io.selfheal.testing.RunningApp.count;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * A crash while the Loki puller works through a large multi-page backlog: the service (a child JVM) is SIGKILLed, a
 * new one resumes from the cursor stored in PostgreSQL, and every error line is stored and counted exactly once.
 * Entries come in threes at the same nanosecond and pages do not divide them evenly, so pages end inside a
 * nanosecond and the cursor's "already seen at this nanosecond" part is exercised across the kill.
 */
@Tag("reliability")
class LokiHardKillTest {
    private static final int LINES = 30_000;
    private static final int ERRORS = LINES / 10;

    @TempDir
    Path logs;

    private FakeLoki loki;

    @BeforeEach
    void start() throws Exception {
        TestDatabase.get().reset();
        loki = new FakeLoki();
    }

    @AfterEach
    void stop() {
        loki.close();
    }

    @Test
    void everyErrorIsStoredAndCountedOnceAcrossAHardKill() throws Exception {
        long base = (System.currentTimeMillis() - Duration.ofMinutes(30).toMillis()) * 1_000_000L;
        long last = 0;
        for (int i = 0; i < LINES; i++) {
            last = base + (i / 3) * 1_000L;
            loki.add(Map.of("service_name", MixedLogLines.service(i), "env", "prod"), last, MixedLogLines.line(i),
                    Map.of());
        }
        Map<String, String> properties = new HashMap<>();
        properties.put("selfheal.files.enabled", "false");
        properties.put("selfheal.loki.enabled", "true");
        properties.put("selfheal.loki.url", loki.url().toString());
        properties.put("selfheal.loki.queries", "{env=\"prod\"}");
        properties.put("selfheal.loki.limit", "1000");
        properties.put("selfheal.loki.poll-interval-ms", "200");

        long storedAtKill;
        try (ChildApp first = ChildApp.start(logs, properties, Path.of("target", "hard-kill", "loki-first.log"))) {
            await(() -> !first.isAlive() || count("SELECT count(*) FROM log_entries") > 0, Duration.ofSeconds(120),
                    "the first instance storing");
            first.kill();
            storedAtKill = count("SELECT count(*) FROM log_entries");
        }
        assertThat(storedAtKill).as("killed in the middle of the backlog").isBetween(1L, ERRORS - 1L);

        loki.requests.clear();
        long lastNanos = last;
        try (ChildApp second = ChildApp.start(logs, properties, Path.of("target", "hard-kill", "loki-second.log"))) {
            // Asking for entries after the last one means the cursor of everything up to it is stored.
            await(() -> !second.isAlive() || loki.requests.stream()
                            .anyMatch(r -> Long.parseLong(r.get("start")) > lastNanos),
                    Duration.ofSeconds(150), "the second instance caught up");
            assertThat(second.isAlive()).as("second instance alive, see " + second.output()).isTrue();
        }
        assertThat(loki.requests).as("resumed from the stored cursor, not from the look-back")
                .allSatisfy(r -> assertThat(Long.parseLong(r.get("start"))).isGreaterThan(base));
        assertThat(count("SELECT count(*) FROM log_entries")).isEqualTo(ERRORS);
        assertThat(count("SELECT count(DISTINCT source_ref) FROM log_entries")).isEqualTo(ERRORS);
        assertThat(count("SELECT count(*) FROM log_entries WHERE stack_trace IS NOT NULL")).isEqualTo(ERRORS / 2);
        assertThat(count("SELECT sum(occurrence_count) FROM error_fingerprints WHERE service IN ("
                + MixedLogLines.SERVICES_SQL + ")")).isEqualTo(ERRORS);
    }
}
