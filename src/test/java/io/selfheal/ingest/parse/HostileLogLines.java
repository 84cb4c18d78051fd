package io.selfheal.ingest.parse;

import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.Tuple;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * Generators of the log input real systems and hostile writers produce: every trace format cut anywhere, blank lines,
 * NULs and control characters, invalid UTF-8, giant words and lines, huge numbers, and the keywords the multi-line
 * assembler reacts to, in random interleavings.
 */
public final class HostileLogLines {

    private HostileLogLines() {
    }

    /** Physical lines (no terminators), a few segments of different kinds one after another. */
    public static Arbitrary<List<String>> lines() {
        return segment().list().ofMinSize(1).ofMaxSize(8).map(segments -> {
            List<String> lines = new ArrayList<>();
            segments.forEach(lines::addAll);
            return lines;
        });
    }

    /** Whole records as a source may hand them to the parser, including JSON events with absurd numbers. */
    public static Arbitrary<String> records() {
        return Arbitraries.oneOf(
                lines().map(lines -> String.join("\n", lines)),
                jsonEvent(),
                Arbitraries.strings().all().ofMaxLength(200));
    }

    /**
     * File content: lines terminated by LF or CRLF, some carrying bytes that are not UTF-8, the last one possibly
     * without terminator.
     */
    public static Arbitrary<byte[]> fileContent() {
        Arbitrary<byte[]> line = Combinators.combine(
                Arbitraries.oneOf(lines(), jsonEvent().map(List::of)),
                Arbitraries.of("\n", "\r\n"),
                Arbitraries.of(new byte[0], new byte[0], new byte[]{(byte) 0xC3, 0x28}, new byte[]{(byte) 0xFF},
                        new byte[]{(byte) 0x80, (byte) 0xBF}, new byte[]{(byte) 0xE2, (byte) 0x82}))
                .as((lines, terminator, invalid) -> {
                    ByteArrayOutputStream bytes = new ByteArrayOutputStream();
                    for (String text : lines) {
                        bytes.writeBytes(text.getBytes(StandardCharsets.UTF_8));
                        bytes.writeBytes(invalid);
                        bytes.writeBytes(terminator.getBytes(StandardCharsets.UTF_8));
                    }
                    return bytes.toByteArray();
                });
        return Combinators.combine(line.list().ofMinSize(1).ofMaxSize(4), Arbitraries.of(true, true, false))
                .as((parts, terminated) -> {
                    ByteArrayOutputStream content = new ByteArrayOutputStream();
                    parts.forEach(content::writeBytes);
                    byte[] all = content.toByteArray();
                    // A last line still being written has no terminator yet.
                    return terminated || all.length == 0 ? all : Arrays.copyOf(all, all.length - 1);
                });
    }

    private static Arbitrary<List<String>> segment() {
        return Arbitraries.frequencyOf(
                Tuple.of(4, cutTrace()),
                Tuple.of(3, logLine().map(List::of)),
                Tuple.of(2, blankLines()),
                Tuple.of(2, assemblerKeyword().map(List::of)),
                Tuple.of(1, controlCharacters().map(List::of)),
                Tuple.of(1, giantWord().map(List::of)),
                Tuple.of(1, hugeNumberLine().map(List::of)));
    }

    /** A sample trace of any format, cut at any line and within its last line. */
    private static Arbitrary<List<String>> cutTrace() {
        return Arbitraries.of(LogSamples.TRACES).flatMap(trace -> {
            List<String> lines = List.of(trace.split("\n", -1));
            return Combinators.combine(
                    Arbitraries.integers().between(0, lines.size() - 1),
                    Arbitraries.integers().between(1, lines.size()),
                    Arbitraries.integers().between(0, 400))
                    .as((from, length, cut) -> {
                        List<String> part = new ArrayList<>(lines.subList(from, Math.min(lines.size(), from + length)));
                        String last = part.get(part.size() - 1);
                        part.set(part.size() - 1, last.substring(0, Math.min(last.length(), cut)));
                        return part;
                    });
        });
    }

    private static Arbitrary<String> logLine() {
        return Combinators.combine(
                Arbitraries.of("2024-05-01 10:00:00.000 ", "2024-05-01T10:00:00Z ", "Mar 12 14:02:11 host app: ",
                        "<13>1 2024-05-01T10:00:00Z host app - - - ", "level=error msg=", "[ERR] ", ""),
                Arbitraries.of("ERROR ", "WARN ", "INFO ", ""),
                Arbitraries.strings().withCharRange(' ', '~').ofMaxLength(80))
                .as((prefix, level, text) -> prefix + level + text);
    }

    private static Arbitrary<List<String>> blankLines() {
        return Arbitraries.of("", " ", "\t", "   \t ", "\u000B", "\r").list().ofMinSize(1).ofMaxSize(3);
    }

    private static Arbitrary<String> assemblerKeyword() {
        return Arbitraries.of(StackTraceLines.PYTHON_TRACEBACK, StackTraceLines.PYTHON_DURING_HANDLING,
                StackTraceLines.PYTHON_DIRECT_CAUSE, "ValueError: bad", "KeyboardInterrupt", "panic: boom",
                "fatal error: all goroutines are asleep", "goroutine 7 [running]:", "main.main()", "\tat x.Y.z(Y.java:1)",
                "Caused by: java.io.IOException", "    at f (/a.js:1:1) {", "  code: 'E1',", "}", "{", "{\"a\":",
                "--- End of stack trace from previous location ---", "   ... 3 more", " ---> System.Exception: x",
                "Exception in thread \"main\" java.lang.Error", "Unhandled exception. System.Exception: y");
    }

    private static Arbitrary<String> controlCharacters() {
        return Arbitraries.strings().withCharRange('\u0000', '\u001F').withChars('\u007F', '\u0085', '\u2028', 'a')
                .excludeChars('\n').ofMinLength(1).ofMaxLength(40);
    }

    private static Arbitrary<String> giantWord() {
        return Combinators.combine(Arbitraries.of("ERROR dump ", "", "2024-05-01 10:00:00 ERROR "),
                Arbitraries.integers().between(1_000, 20_000), Arbitraries.of('x', 'é', '0', '{'))
                .as((prefix, length, c) -> prefix + String.valueOf(c).repeat(length));
    }

    private static Arbitrary<String> hugeNumberLine() {
        return Combinators.combine(Arbitraries.strings().numeric().ofMinLength(10).ofMaxLength(400),
                Arbitraries.of("", " things happened", ".5 x", ":"))
                .as((digits, rest) -> digits + rest);
    }

    /** A JSON event whose timestamp field holds any number: huge, tiny, negative, with exponents. */
    private static Arbitrary<String> jsonEvent() {
        Arbitrary<String> number = Arbitraries.oneOf(
                Arbitraries.strings().numeric().ofMinLength(1).ofMaxLength(300),
                Combinators.combine(Arbitraries.integers().between(-9, 9), Arbitraries.integers().between(-400, 400))
                        .as((mantissa, exponent) -> mantissa + "e" + exponent),
                Arbitraries.of("9e24", "1e40", "-1e30", "1710252131.4821234", "0", "-0.0", "1e-400"));
        return Combinators.combine(Arbitraries.of("timestamp", "ts", "time", "@timestamp", "t"), number,
                        Arbitraries.strings().withCharRange(' ', '~').ofMaxLength(30))
                .as((key, value, message) -> "{\"" + key + "\": " + value + ", \"level\": \"error\", \"message\": "
                        + "\"" + message.replace("\\", "").replace("\"", "") + "\"}");
    }
}
