package io.selfheal.ingest.file;

import io.selfheal.ingest.parse.HostileLogLines;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.constraints.IntRange;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.SQLException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Hostile files written in random pieces (lines cut mid-way and completed later), read by the tailer between the
 * writes and stored in the real PostgreSQL: every line written ends up in exactly one stored event or dead letter, and
 * the stored position never moves back and ends at the end of the file.
 */
class FileTailerProperties {
    private static final int MAX_LINE_BYTES = 512;

    @Property(tries = 25)
    void everyLineWrittenIsStoredExactlyOnceAndThePositionOnlyMovesForward(
            @ForAll("writes") List<Write> writes, @ForAll @IntRange(min = 2, max = 40) int maxBatchLines)
            throws IOException, SQLException {
        Path logs = Files.createTempDirectory(Files.createDirectories(Path.of("target")), "tail-property-");
        try {
            TailerHarness harness = new TailerHarness(logs, maxBatchLines, MAX_LINE_BYTES);
            FileTailer tailer = harness.tailer();
            ByteArrayOutputStream written = new ByteArrayOutputStream();
            long offset = 0;
            for (Write write : writes) {
                harness.append("app.log", write.bytes());
                written.writeBytes(write.bytes());
                harness.pollOnce(tailer);
                // Going idle flushes an unterminated last line; only a writer that stopped mid-line does that.
                if (write.thenIdle() && endsWithNewline(written)) {
                    harness.clock.advance(Duration.ofSeconds(1));
                    harness.pollOnce(tailer);
                }
                assertThat(storedOffset(harness)).isGreaterThanOrEqualTo(offset);
                offset = storedOffset(harness);
            }
            harness.drain(tailer);

            assertThat(storedOffset(harness)).isEqualTo(written.size());
            List<String> stored = new ArrayList<>();
            for (String raw : harness.storedRawOfThisDirectory()) {
                stored.addAll(nonBlank(Arrays.asList(raw.split("\n", -1))));
            }
            assertThat(stored).containsExactlyInAnyOrderElementsOf(expectedLines(written.toByteArray()));
        } finally {
            try (Stream<Path> files = Files.walk(logs)) {
                files.sorted(Comparator.reverseOrder()).forEach(path -> path.toFile().delete());
            }
        }
    }

    @Provide
    Arbitrary<List<Write>> writes() {
        return HostileLogLines.fileContent().flatMap(content -> Combinators.combine(
                Arbitraries.integers().between(0, content.length).list().ofMaxSize(6),
                Arbitraries.of(true, false).list().ofSize(7))
                .as((cuts, idle) -> {
                    List<Integer> bounds = new ArrayList<>(cuts);
                    bounds.add(0);
                    bounds.add(content.length);
                    bounds.sort(null);
                    List<Write> writes = new ArrayList<>();
                    for (int i = 0; i + 1 < bounds.size(); i++) {
                        writes.add(new Write(Arrays.copyOfRange(content, bounds.get(i), bounds.get(i + 1)), idle.get(i)));
                    }
                    return writes;
                }));
    }

    /** One append by the writer, and whether the file then stays unchanged long enough to count as idle. */
    record Write(byte[] bytes, boolean thenIdle) {
    }

    /**
     * The lines as they must come out: cut to {@value #MAX_LINE_BYTES} bytes with a marker, invalid UTF-8 replaced, a
     * CR before the LF (and one more, as the assembler drops) removed, blank lines skipped, NUL as U+FFFD (PostgreSQL
     * text cannot hold NUL).
     */
    private static List<String> expectedLines(byte[] content) {
        List<String> lines = new ArrayList<>();
        int start = 0;
        for (int i = 0; i <= content.length; i++) {
            if (i == content.length && start == i) {
                break;
            }
            if (i == content.length || content[i] == '\n') {
                byte[] line = Arrays.copyOfRange(content, start, i);
                String text;
                if (line.length > MAX_LINE_BYTES) {
                    text = new String(line, 0, MAX_LINE_BYTES, StandardCharsets.UTF_8)
                            + "…[truncated " + (line.length - MAX_LINE_BYTES) + " bytes]";
                } else {
                    int end = line.length > 0 && line[line.length - 1] == '\r' ? line.length - 1 : line.length;
                    text = new String(line, 0, end, StandardCharsets.UTF_8);
                }
                lines.add(text.endsWith("\r") ? text.substring(0, text.length() - 1) : text);
                start = i + 1;
            }
        }
        return nonBlank(lines).stream().map(line -> line.replace('\0', '\uFFFD')).toList();
    }

    private static List<String> nonBlank(List<String> lines) {
        return lines.stream().filter(line -> !line.isBlank()).toList();
    }

    private static boolean endsWithNewline(ByteArrayOutputStream written) {
        byte[] bytes = written.toByteArray();
        return bytes.length > 0 && bytes[bytes.length - 1] == '\n';
    }

    private static long storedOffset(TailerHarness harness) throws SQLException {
        List<String> positions = harness.storedPositions();
        assertThat(positions).hasSizeLessThanOrEqualTo(1);
        return positions.isEmpty() ? 0 : TailPosition.decode(positions.get(0)).offset();
    }
}
