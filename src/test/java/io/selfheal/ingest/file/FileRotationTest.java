package io.selfheal.ingest.file;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.io.IOException;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.StandardOpenOption;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.IntStream;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Every way log files get rotated, against real files and the real PostgreSQL: each line written is stored exactly
 * once. Lines have equal length, so a content that restarts at offset 0 reuses every old offset.
 */
class FileRotationTest extends TailedDirectoryTest {

    @Test
    void filesCreatedWhileTailingAreReadWhole() throws IOException, SQLException {
        FileTailer tailer = harness.tailer();
        harness.drain(tailer);
        append("app.log", 1, 500);
        append("other.log", 501, 600);
        harness.drain(tailer);
        assertStoredExactly(1, 600);
    }

    /** Renamed to a name the pattern ignores, or to a dated name it still matches (logback, log4j). */
    @ParameterizedTest
    @ValueSource(strings = {"app.log.1", "app.2026-12-02.log"})
    void aRenamedFileIsReadToItsEndUnderItsNewNameAndNeverAgain(String newName) throws IOException, SQLException {
        FileTailer tailer = harness.tailer();
        append("app.log", 1, 2000);
        harness.drain(tailer);
        append("app.log", 2001, 2100); // written just before rotation, not yet read
        Files.move(logs.resolve("app.log"), logs.resolve(newName));
        append(newName, 2101, 2120); // the writer had the file open and wrote on before reopening
        append("app.log", 2121, 2200);
        harness.drain(tailer);
        harness.drain(harness.tailer()); // and a restart reads nothing again
        assertStoredExactly(1, 2200);
    }

    /** logrotate's copytruncate, to a name the pattern ignores or to one it matches (dateext with extension). */
    @ParameterizedTest
    @ValueSource(strings = {"app.log.1", "app-20261202.log"})
    void copytruncateKeepsEveryLineIncludingThoseOnlyInTheCopy(String copy) throws IOException, SQLException {
        FileTailer tailer = harness.tailer();
        append("app.log", 1, 1000);
        harness.drain(tailer);
        append("app.log", 1001, 1010); // never read from app.log: after the truncation only the copy holds them
        copyTruncate("app.log", copy);
        append("app.log", 1011, 2010); // the same number of equal-length lines: every offset used again
        harness.drain(tailer);
        harness.drain(harness.tailer());
        assertStoredExactly(1, 2010);
    }

    @Test
    void aTruncatedFileRewrittenWithTheSameLinesIsReadAgain() throws IOException, SQLException {
        FileTailer tailer = harness.tailer();
        append("app.log", 1, 100);
        harness.drain(tailer);
        truncate("app.log");
        harness.pollOnce(tailer); // sees the file shrink
        append("app.log", 1, 100); // same bytes as before: only the shrinking tells it is new
        harness.drain(tailer);
        List<String> twice = new ArrayList<>();
        IntStream.rangeClosed(1, 100).forEach(n -> {
            twice.add(message(n));
            twice.add(message(n));
        });
        assertThat(TailerHarness.storedMessages()).isEqualTo(twice);
    }

    @Test
    void aDeletedAndRecreatedFileIsReadFromTheStartAndTheOldPositionForgotten() throws IOException, SQLException {
        FileTailer tailer = harness.tailer();
        append("app.log", 1, 1000);
        harness.drain(tailer);
        Files.delete(logs.resolve("app.log"));
        harness.pollOnce(tailer);
        append("app.log", 1001, 2000); // the file system may well reuse the inode
        harness.drain(tailer);
        assertStoredExactly(1, 2000);
        assertThat(TailerHarness.strings("SELECT source_id FROM source_offsets")).hasSize(1);
    }

    @Test
    void aDeletedFileRecreatedBetweenTwoPollsIsReadFromTheStart() throws IOException, SQLException {
        FileTailer tailer = harness.tailer();
        append("app.log", 1, 1000);
        harness.drain(tailer);
        Files.delete(logs.resolve("app.log"));
        append("app.log", 1001, 3000); // longer than before, so only the changed head tells
        harness.drain(tailer);
        assertStoredExactly(1, 3000);
    }

    @Test
    void rotationsWhileTheServiceIsDownLoseNothingAndRepeatNothing() throws IOException, SQLException {
        FileTailer before = harness.tailer();
        append("app.log", 1, 1000);
        append("api.log", 2001, 2100);
        append("web.log", 3001, 3100);
        harness.drain(before);
        // Down: each file rotated another way, with lines written before and after.
        append("app.log", 1001, 1050);
        Files.move(logs.resolve("app.log"), logs.resolve("app.log.1"));
        append("app.log", 1051, 1100);
        append("api.log", 2101, 2110);
        copyTruncate("api.log", "api.log.1");
        append("api.log", 2111, 2200);
        append("web.log", 3101, 3150);
        Files.move(logs.resolve("web.log"), logs.resolve("web.2026-12-02.log"));
        append("web.log", 3151, 3200);

        harness.drain(harness.tailer());
        List<String> expected = new ArrayList<>();
        expected.addAll(messages(1, 1100));
        expected.addAll(messages(2001, 2200));
        expected.addAll(messages(3001, 3200));
        assertThat(TailerHarness.storedMessages()).isEqualTo(expected);
    }

    private void assertStoredExactly(int from, int to) throws SQLException {
        assertThat(TailerHarness.storedMessages()).isEqualTo(messages(from, to));
    }

    private void append(String file, int from, int to) throws IOException {
        StringBuilder text = new StringBuilder();
        for (int n = from; n <= to; n++) {
            text.append("2024-05-01 10:00:00.000 ERROR [main] c.a.App - ").append(message(n)).append('\n');
        }
        harness.append(file, text.toString());
    }

    /** logrotate's copytruncate: copy the file, then cut the original to zero length in place (same inode). */
    private void copyTruncate(String file, String copy) throws IOException {
        Files.copy(logs.resolve(file), logs.resolve(copy));
        truncate(file);
    }

    private void truncate(String file) throws IOException {
        try (FileChannel channel = FileChannel.open(logs.resolve(file), StandardOpenOption.WRITE)) {
            channel.truncate(0);
        }
    }

    private static List<String> messages(int from, int to) {
        return IntStream.rangeClosed(from, to).mapToObj(FileRotationTest::message).toList();
    }

    private static String message(int n) {
        return String.format("event %06d", n);
    }
}
