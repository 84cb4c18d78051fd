package io.selfheal.bench;

import io.selfheal.grouping.LineReader;
import io.selfheal.grouping.LogFormat;
import io.selfheal.grouping.LogLineSplitter;

import java.io.BufferedWriter;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

/**
 * The two helpers of {@code scripts/group-speed.sh}, which times {@code selfheal.jar group} end to end
 * (docs/grouping.md, "Speed of the group command"):
 * <ul>
 *   <li>{@code generate SOURCE LINES DEST}: writes LINES lines to DEST by repeating the lines of SOURCE, each
 *       repetition with its numbers of five or more digits (ids, block numbers, timestamps) changed, so values vary
 *       as in a real log while the templates stay those of SOURCE;</li>
 *   <li>{@code split FORMAT FILE}: the ceiling of the command: reads FILE and splits every line with FORMAT into the
 *       {@code <Content>} String the miner would get, exactly as {@code group} does, but neither groups nor writes.</li>
 * </ul>
 */
public final class GroupSpeedBenchmark {
    private GroupSpeedBenchmark() {
    }

    public static void main(String[] args) throws IOException {
        if (args.length == 4 && args[0].equals("generate")) {
            generate(Path.of(args[1]), Long.parseLong(args[2]), Path.of(args[3]));
        } else if (args.length == 3 && args[0].equals("split")) {
            split(LogFormat.parse(args[1]), Path.of(args[2]));
        } else {
            System.err.println("usage: GroupSpeedBenchmark generate SOURCE LINES DEST | split FORMAT FILE");
            System.exit(2);
        }
    }

    private static void generate(Path source, long lines, Path dest) throws IOException {
        List<String> sample = Files.readAllLines(source, StandardCharsets.UTF_8);
        Files.createDirectories(dest.toAbsolutePath().getParent());
        try (BufferedWriter out = Files.newBufferedWriter(dest, StandardCharsets.UTF_8)) {
            StringBuilder line = new StringBuilder();
            for (long n = 0; n < lines; n++) {
                perturb(sample.get((int) (n % sample.size())), (int) (n / sample.size()), line);
                out.append(line).append('\n');
            }
        }
    }

    /** Copies {@code text} into {@code out} with the last three digits of every run of 5+ digits shifted by round. */
    private static void perturb(String text, int round, StringBuilder out) {
        out.setLength(0);
        int i = 0;
        while (i < text.length()) {
            int runEnd = i;
            while (runEnd < text.length() && Character.isDigit(text.charAt(runEnd))) {
                runEnd++;
            }
            if (runEnd - i >= 5) {
                int last3 = Integer.parseInt(text, runEnd - 3, runEnd, 10);
                out.append(text, i, runEnd - 3).append(String.format("%03d", (last3 + round * 7919) % 1000));
                i = runEnd;
            } else if (runEnd > i) {
                out.append(text, i, runEnd);
                i = runEnd;
            } else {
                out.append(text.charAt(i++));
            }
        }
    }

    private static void split(LogFormat format, Path file) throws IOException {
        LogLineSplitter splitter = format.splitter();
        int content = format.fieldIndex("Content");
        long lines = 0;
        long chars = 0;
        try (LineReader reader = LineReader.open(file)) {
            while (reader.next()) {
                String message = splitter.split(reader.buffer(), reader.start(), reader.end())
                        ? splitter.field(content) : null;
                if (message == null) {
                    message = splitter.line();
                }
                lines++;
                chars += message.length();
            }
        }
        System.out.println(lines + " lines, " + chars + " content chars");
    }
}
