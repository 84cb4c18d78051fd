package io.selfheal.ingest.file;

import io.selfheal.ingest.IngestBatch;
import io.selfheal.ingest.LogEvent;
import io.selfheal.ingest.parse.LogParser;
import io.selfheal.ingest.parse.LogSamples;
import io.selfheal.ingest.parse.ParseResult;
import io.selfheal.ingest.parse.SourceContext;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.nio.channels.FileChannel;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.sql.SQLException;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.BiFunction;

import static org.assertj.core.api.Assertions.assertThat;

/** Input that used to block its file forever: now each record is stored or dead-lettered and the file moves on. */
class FilePoisonPillTest extends TailedDirectoryTest {
    private static final String BEFORE = "2024-05-01 10:00:00.000 INFO  [main] c.a.App - before\n";
    private static final String AFTER = "2024-05-01 10:00:05.000 INFO  [main] c.a.App - after\n";


    @Test
    void aLineStartingWithA38DigitNumberIsStoredWithTheLinesAroundIt() throws IOException, SQLException {
        harness.append("app.log", BEFORE + "12345678901234567890123456789012345678 things happened\n" + AFTER);
        List<LogEvent> events = harness.drain(harness.tailer());
        assertThat(events).extracting(LogEvent::message)
                .containsExactly("before", "12345678901234567890123456789012345678 things happened", "after");
        assertThat(events.get(1).timestamp()).isEqualTo(harness.clock.instant().minusSeconds(3)); // when it was read
    }

    @Test
    void outOfRangeEpochsInJsonEventsAreKeptAsLabels() throws IOException, SQLException {
        harness.append("app.log", """
                {"timestamp": 9e24, "level": "error", "message": "far future"}
                {"ts": 1e40, "level": "error", "message": "farther"}
                {"time": -99999999999999999999999999, "level": "error", "message": "far past"}
                """);
        List<LogEvent> events = harness.drain(harness.tailer());
        assertThat(events).extracting(LogEvent::message).containsExactly("far future", "farther", "far past");
        assertThat(events.get(0).labels()).containsEntry("timestamp", "9E+24");
        assertThat(TailerHarness.storedMessages()).hasSize(3);
    }

    @Test
    void aChainedPythonTracebackWithBlankLinesIsOneEvent() throws IOException, SQLException {
        harness.append("app.log", BEFORE + LogSamples.PYTHON_LOGGED_CHAIN + "\n" + AFTER);
        List<LogEvent> events = harness.drain(harness.tailer());
        assertThat(events).extracting(LogEvent::message)
                .containsExactly("before", "Charge failed for invoice 5531", "after");
        assertThat(events.get(1).stackTrace())
                .contains("During handling of the above exception, another exception occurred:")
                .endsWith("PaymentGatewayError: gateway unreachable for 5531");
    }

    @Test
    void aGoPanicDumpWithBlankLinesAfterAnErrorLineIsStoredAndTheFileMovesOn() throws IOException, SQLException {
        FileTailer tailer = harness.tailer();
        harness.append("app.log", "2024-05-01 10:00:00.000 ERROR [main] c.a.App - handler crashed\n"
                + LogSamples.GO_PANIC + "\n\n");
        List<LogEvent> events = new ArrayList<>(harness.pollOnce(tailer)); // the dump may still grow: held back
        harness.append("app.log", AFTER);
        events.addAll(harness.drain(tailer));
        assertThat(events).extracting(LogEvent::message).containsExactly("handler crashed",
                "panic: runtime error: invalid memory address or nil pointer dereference", "after");
        assertThat(events.get(1).stackTrace()).contains("goroutine 1 [IO wait]:").endsWith("exit status 2");
    }

    @Test
    void aRecordWhoseParsingThrowsEvenAnErrorBecomesADeadLetterAndThePositionMovesPastIt() throws IOException {
        harness.append("app.log", BEFORE + "poison runtime\n" + "poison error\n" + AFTER);
        LogParser real = new LogParser();
        BiFunction<String, SourceContext, ParseResult> parser = (record, context) -> {
            if (record.equals("poison runtime")) {
                throw new IllegalStateException("parser bug");
            }
            if (record.equals("poison error")) {
                throw new StackOverflowError();
            }
            return real.parse(record, context);
        };
        TailSettings settings = new TailSettings(logs, "*.log", false, 1000, 1024, Duration.ofSeconds(1));
        SourceContext context = new SourceContext("file:app.log", "app", Map.of(), Instant.EPOCH);
        try (FileChannel channel = FileChannel.open(logs.resolve("app.log"), StandardOpenOption.READ)) {
            FileBatchReader reader = new FileBatchReader(channel, new TailPosition("g", 0, 0, 0), context, parser,
                    settings, "file:x#1", "file:x#");
            IngestBatch batch = reader.read(true);
            assertThat(batch.events()).extracting(LogEvent::message).containsExactly("before", "after");
            assertThat(batch.deadLetters()).extracting(d -> d.raw() + " / " + d.reason()).containsExactly(
                    "poison runtime / cannot parse: java.lang.IllegalStateException: parser bug",
                    "poison error / cannot parse: java.lang.StackOverflowError");
            assertThat(TailPosition.decode(batch.checkpoint().position()).offset()).isEqualTo(channel.size());
        }
    }
}
