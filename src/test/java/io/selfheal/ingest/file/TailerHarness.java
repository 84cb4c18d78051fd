package io.selfheal.ingest.file;

import io.selfheal.fingerprint.ErrorType;
import io.selfheal.fingerprint.Fingerprint;
import io.selfheal.fingerprint.GroupedEvent;
import io.selfheal.ingest.IngestBatch;
import io.selfheal.ingest.LogEvent;
import io.selfheal.ingest.parse.LogParser;
import io.selfheal.store.CheckpointStore;
import io.selfheal.store.EventStore;
import io.selfheal.testing.MutableClock;
import io.selfheal.testing.TestDatabase;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/**
 * Drives a {@link FileTailer} over a directory as the {@code source-files} route does: poll, store each batch with its
 * position in the real PostgreSQL, acknowledge. A new tailer on the same harness is a restarted service.
 */
final class TailerHarness {
    final Path logs;
    final MutableClock clock = new MutableClock(Instant.parse("2024-05-01T10:00:00Z"));
    private final EventStore store = new EventStore(TestDatabase.get().dataSource());
    private final CheckpointStore checkpoints = new CheckpointStore(TestDatabase.get().dataSource());
    private final int maxBatchLines;
    private final int maxLineBytes;

    TailerHarness(Path logs) {
        this(logs, 1000, 1024 * 1024);
    }

    TailerHarness(Path logs, int maxBatchLines, int maxLineBytes) {
        this.logs = logs;
        this.maxBatchLines = maxBatchLines;
        this.maxLineBytes = maxLineBytes;
    }

    FileTailer tailer() {
        return tailer(false);
    }

    FileTailer tailer(boolean startAtEnd) {
        return new FileTailer(new TailSettings(logs, "*.log", startAtEnd, maxBatchLines, maxLineBytes,
                Duration.ofMillis(500)), checkpoints, new LogParser(), clock);
    }

    /** Polls until nothing more comes, letting the files go idle, storing and acknowledging as the route does. */
    List<LogEvent> drain(FileTailer tailer) throws SQLException {
        List<LogEvent> events = new ArrayList<>();
        for (int round = 0; round < 3; round++) {
            events.addAll(pollOnce(tailer));
            clock.advance(Duration.ofSeconds(1));
        }
        return events;
    }

    /** One poll with the clock standing still: a record that may still grow stays pending. */
    List<LogEvent> pollOnce(FileTailer tailer) throws SQLException {
        List<LogEvent> events = new ArrayList<>();
        for (IngestBatch batch : tailer.poll()) {
            List<GroupedEvent> grouped = batch.events().stream()
                    .map(e -> new GroupedEvent(e, new Fingerprint("00000000000000ff", e.service(), ErrorType.UNKNOWN,
                            e.message(), null, null)))
                    .toList();
            store.store(grouped, batch.deadLetters(), batch.checkpoint());
            tailer.acknowledge(batch);
            events.addAll(batch.events());
        }
        return events;
    }

    void append(String file, String text) throws IOException {
        append(file, text.getBytes(StandardCharsets.UTF_8));
    }

    void append(String file, byte[] bytes) throws IOException {
        Files.write(logs.resolve(file), bytes, StandardOpenOption.CREATE, StandardOpenOption.APPEND);
    }

    /** Messages of every stored event, sorted. */
    static List<String> storedMessages() throws SQLException {
        return strings("SELECT message FROM log_entries ORDER BY message");
    }

    /** Raw text of every stored event and dead letter read from this harness's directory. */
    List<String> storedRawOfThisDirectory() throws SQLException {
        String source = "file:" + logs.normalize() + "/%";
        return strings("SELECT raw FROM log_entries WHERE source LIKE ? "
                + "UNION ALL SELECT raw FROM dead_letters WHERE source LIKE ?", source, source);
    }

    /** The stored positions of this harness's directory. */
    List<String> storedPositions() throws SQLException {
        return strings("SELECT position FROM source_offsets WHERE starts_with(source_id, ?)",
                "file:" + logs.normalize() + "#");
    }

    static List<String> strings(String query, String... parameters) throws SQLException {
        try (Connection connection = TestDatabase.get().dataSource().getConnection();
             PreparedStatement select = connection.prepareStatement(query)) {
            for (int i = 0; i < parameters.length; i++) {
                select.setString(i + 1, parameters[i]);
            }
            try (ResultSet rows = select.executeQuery()) {
                List<String> values = new ArrayList<>();
                while (rows.next()) {
                    values.add(rows.getString(1));
                }
                return values;
            }
        }
    }
}
