package io.selfheal.grouping;

import org.junit.jupiter.api.Test;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

class BlockLineReaderTest {

    @Test
    void endsLinesLikeReadLine() throws IOException {
        assertThat(lines("a\nb\r\nc\rd")).containsExactly("a", "b", "c", "d");
        assertThat(lines("a\n\nb\n")).containsExactly("a", "", "b");
        assertThat(lines("")).isEmpty();
        assertThat(lines("\r\n")).containsExactly("");
    }

    @Test
    void findsLineBreaksAcrossBlocksAndInLinesLongerThanABlock() throws IOException {
        StringBuilder text = new StringBuilder();
        List<String> expected = new ArrayList<>();
        for (int i = 0; i < 200_000; i++) {
            String line = "line " + i + " é".repeat(i % 7) + "x".repeat(i % 13);
            expected.add(line);
            text.append(line).append(i % 3 == 0 ? "\r\n" : "\n");
        }
        String huge = "y".repeat(3 << 20);
        expected.add(huge);
        text.append(huge).append('\r');
        expected.add("last");
        text.append("\nlast");
        // A stream handing out few bytes per read puts \r and \n of one break in different reads.
        assertThat(lines(trickle(text.toString().getBytes(StandardCharsets.UTF_8)))).isEqualTo(expected);
    }

    @Test
    void plainMeansEveryByteIsPrintableAscii() throws IOException {
        try (BlockLineReader reader = new BlockLineReader(stream("abc def ghi jkl\nabc\tdef ghi jkl\nabc dé\n"))) {
            List<Boolean> plain = new ArrayList<>();
            while (reader.next()) {
                plain.add(reader.plain());
            }
            assertThat(plain).containsExactly(true, false, false);
        }
    }

    private static List<String> lines(String text) throws IOException {
        return lines(stream(text));
    }

    private static List<String> lines(InputStream in) throws IOException {
        List<String> lines = new ArrayList<>();
        try (BlockLineReader reader = new BlockLineReader(in)) {
            while (reader.next()) {
                lines.add(new String(reader.buffer(), reader.start(), reader.end() - reader.start(),
                        StandardCharsets.UTF_8));
            }
        }
        return lines;
    }

    private static InputStream stream(String text) {
        return new ByteArrayInputStream(text.getBytes(StandardCharsets.UTF_8));
    }

    private static InputStream trickle(byte[] bytes) {
        return new ByteArrayInputStream(bytes) {
            @Override
            public synchronized int read(byte[] b, int off, int len) {
                return super.read(b, off, Math.min(len, 1 + len / 3));
            }
        };
    }
}
