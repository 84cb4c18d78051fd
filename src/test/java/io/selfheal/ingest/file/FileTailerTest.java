package io.selfheal.ingest.file;

import io.selfheal.ingest.LogEvent;
import io.selfheal.store.EventStore;
import io.selfheal.store.SourceCheckpoint;
import io.selfheal.testing.TestDatabase;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.BasicFileAttributes;
import java.sql.SQLException;
import java.time.Duration;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/** The tailer against real files and a real PostgreSQL holding its positions. */
class FileTailerTest extends TailedDirectoryTest {

    @Test
    void readsNewLinesOnceAndNamesTheServiceAfterTheFile() throws IOException, SQLException {
        FileTailer tailer = tailer();
        append("orders.log", "2024-05-01 10:00:00.000 ERROR [main] c.a.Orders - payment declined for order 1\n");
        assertThat(messages(drain(tailer))).containsExactly("payment declined for order 1");

        append("orders.log", "2024-05-01 10:00:01.000 WARN  [main] c.a.Orders - slow order 2\n");
        List<LogEvent> events = drain(tailer);
        assertThat(messages(events)).containsExactly("slow order 2");
        assertThat(events.get(0).service()).isEqualTo("orders");
        assertThat(events.get(0).source()).isEqualTo("file:" + logs.resolve("orders.log"));
        assertThat(events.get(0).sourceRef()).startsWith("file:" + logs + "#");
        assertThat(drain(tailer)).isEmpty();
    }

    @Test
    void waitsForAStackTraceToBeCompleteBeforeEmittingIt() throws IOException, SQLException {
        FileTailer tailer = tailer();
        append("app.log", "2024-05-01 10:00:00.000 ERROR [main] c.a.Orders - failed\n"
                + "java.lang.IllegalStateException: boom\n"
                + "\tat com.acme.Orders.place(Orders.java:10)\n");
        assertThat(pollOnce(tailer)).isEmpty();
        append("app.log", "\tat com.acme.Main.main(Main.java:5)\n");
        assertThat(pollOnce(tailer)).isEmpty();

        harness.clock.advance(Duration.ofSeconds(1));
        List<LogEvent> events = pollOnce(tailer);
        assertThat(events).hasSize(1);
        assertThat(events.get(0).stackTrace()).contains("Orders.place").contains("Main.main");
    }

    @Test
    void restartResumesFromTheStoredPosition() throws IOException, SQLException {
        append("app.log", line(1) + line(2));
        assertThat(drain(tailer())).hasSize(2);
        append("app.log", line(3));
        // A new tailer, as after a restart, only knows what the database holds.
        assertThat(messages(drain(tailer()))).containsExactly("event 3");
    }

    @Test
    void anUnstoredBatchIsReadAgain() throws IOException, SQLException {
        FileTailer tailer = tailer();
        append("app.log", line(1));
        harness.clock.advance(Duration.ofSeconds(1));
        tailer.poll();
        harness.clock.advance(Duration.ofSeconds(1));
        assertThat(tailer.poll()).hasSize(1); // polled but never acknowledged: as if the store had failed
        assertThat(messages(drain(tailer))).containsExactly("event 1");
    }

    @Test
    void drainsARotatedFileBeforeTheNewOne() throws IOException, SQLException {
        FileTailer tailer = tailer();
        append("app.log", line(1));
        assertThat(drain(tailer)).hasSize(1);
        append("app.log", line(2)); // written just before rotation, not yet read
        Files.move(logs.resolve("app.log"), logs.resolve("app.log.1"));
        append("app.log", line(3));
        assertThat(messages(drain(tailer))).containsExactly("event 2", "event 3");
        assertThat(drain(tailer)).isEmpty();
    }

    @Test
    void readsATruncatedFileFromTheStart() throws IOException, SQLException {
        FileTailer tailer = tailer();
        append("app.log", line(1) + line(2));
        assertThat(drain(tailer)).hasSize(2);
        Files.writeString(logs.resolve("app.log"), line(3));
        assertThat(messages(drain(tailer))).containsExactly("event 3");
    }

    @Test
    void capsAHugeLineAndReplacesInvalidUtf8() throws IOException, SQLException {
        FileTailer tailer = tailer();
        String huge = "2024-05-01 10:00:00.000 ERROR [main] c.a.X - " + "x".repeat(10 * 1024 * 1024) + "\n";
        append("app.log", huge);
        Files.write(logs.resolve("app.log"), concat("2024-05-01 10:00:01.000 ERROR [main] c.a.X - caf".getBytes(StandardCharsets.UTF_8),
                new byte[]{(byte) 0xC3, (byte) 0x28}, "\n".getBytes(StandardCharsets.UTF_8)), StandardOpenOption.APPEND);
        List<LogEvent> events = drain(tailer);
        assertThat(events).hasSize(2);
        assertThat(events.get(0).message().length()).isLessThan(1024 * 1024 + 100);
        assertThat(events.get(0).message().substring(events.get(0).message().length() - 40)).contains("…[truncated ");
        assertThat(events.get(1).message()).isEqualTo("caf\uFFFD(");
    }

    @Test
    void aPositionSavedPerFileNameByAnEarlierVersionIsAdoptedNotReadAgain() throws IOException, SQLException {
        append("app.log", line(1) + line(2));
        long read = Files.size(logs.resolve("app.log"));
        append("app.log", line(3));
        Object key = Files.readAttributes(logs.resolve("app.log"), BasicFileAttributes.class).fileKey();
        new EventStore(TestDatabase.get().dataSource()).store(List.of(), List.of(),
                new SourceCheckpoint("file:" + logs.resolve("app.log"), key + "|" + read + "|0"));
        assertThat(messages(drain(tailer()))).containsExactly("event 3");
    }

    @Test
    void startsAtTheEndOfFilesWhenConfiguredSo() throws IOException, SQLException {
        append("app.log", line(1));
        FileTailer tailer = harness.tailer(true);
        assertThat(drain(tailer)).isEmpty();
        append("app.log", line(2));
        assertThat(messages(drain(tailer))).containsExactly("event 2");
    }

    private FileTailer tailer() {
        return harness.tailer();
    }

    private List<LogEvent> drain(FileTailer tailer) throws SQLException {
        return harness.drain(tailer);
    }

    private List<LogEvent> pollOnce(FileTailer tailer) throws SQLException {
        return harness.pollOnce(tailer);
    }

    private void append(String file, String text) throws IOException {
        harness.append(file, text);
    }

    private static List<String> messages(List<LogEvent> events) {
        return events.stream().map(LogEvent::message).toList();
    }

    private static String line(int n) {
        return "2024-05-01 10:00:0" + (n % 10) + ".000 ERROR [main] c.a.App - event " + n + "\n";
    }

    private static byte[] concat(byte[]... parts) {
        int length = 0;
        for (byte[] part : parts) {
            length += part.length;
        }
        byte[] all = new byte[length];
        int at = 0;
        for (byte[] part : parts) {
            System.arraycopy(part, 0, all, at, part.length);
            at += part.length;
        }
        return all;
    }
}
