package io.selfheal.bench;

import io.selfheal.grouping.BlockLineReader;
import io.selfheal.grouping.LogFileGrouper;
import io.selfheal.grouping.LogFormat;
import io.selfheal.grouping.LogLineSplitter;

import java.io.BufferedWriter;
import java.io.IOException;
import java.io.OutputStream;
import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;

/**
 * The helpers of {@code scripts/group-speed.sh}, which times {@code selfheal.jar group} end to end
 * (docs/grouping.md, "Speed of the group command"); {@code split} and {@code group} take a number of passes in one
 * JVM and print lines/s by wall-clock and by this thread's CPU time for each:
 * <ul>
 *   <li>{@code generate SOURCE LINES DEST}: writes LINES lines to DEST by repeating the lines of SOURCE, each
 *       repetition with its numbers of five or more digits (ids, block numbers, timestamps) changed, so values vary
 *       as in a real log while the templates stay those of SOURCE;</li>
 *   <li>{@code split FORMAT FILE}: the ceiling of the command: reads FILE and splits every line with FORMAT into the
 *       {@code <Content>} String the miner would get, exactly as {@code group} does, but neither groups nor
 *       writes;</li>
 *   <li>{@code group FORMAT FILE}: what {@code group} does once the JVM runs ({@code LogFileGrouper}: read, split,
 *       mine, write FILE.csv), for the steady state once everything is compiled.</li>
 * </ul>
 */
public final class GroupSpeedBenchmark {
    private static final ThreadMXBean THREADS = ManagementFactory.getThreadMXBean();

    private GroupSpeedBenchmark() {
    }

    public static void main(String[] args) throws IOException {
        if (args.length == 4 && args[0].equals("generate")) {
            generate(Path.of(args[1]), Long.parseLong(args[2]), Path.of(args[3]));
        } else if ((args.length == 3 || args.length == 4) && (args[0].equals("split") || args[0].equals("group"))) {
            LogFormat format = LogFormat.parse(args[1]);
            Path file = Path.of(args[2]);
            int passes = args.length == 4 ? Integer.parseInt(args[3]) : 1;
            for (int pass = 1; pass <= passes; pass++) {
                long wall = System.nanoTime();
                long cpu = THREADS.getCurrentThreadCpuTime();
                long lines = args[0].equals("split") ? split(format, file) : group(format, file);
                System.out.printf(Locale.ROOT, "%s pass %d: %,d lines/s wall, %,d lines/s this thread's cpu%n",
                        args[0], pass, Math.round(lines / ((System.nanoTime() - wall) / 1e9)),
                        Math.round(lines / ((THREADS.getCurrentThreadCpuTime() - cpu) / 1e9)));
            }
        } else {
            System.err.println(
                    "usage: GroupSpeedBenchmark generate SOURCE LINES DEST | (split|group) FORMAT FILE [PASSES]");
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

    private static long split(LogFormat format, Path file) throws IOException {
        LogLineSplitter splitter = format.splitter();
        int content = format.fieldIndex("Content");
        long lines = 0;
        long chars = 0;
        try (BlockLineReader reader = BlockLineReader.open(file)) {
            while (reader.next()) {
                String message = splitter.split(reader.buffer(), reader.start(), reader.end(), reader.plain())
                        ? splitter.field(content) : null;
                if (message == null) {
                    message = splitter.line();
                }
                lines++;
                chars += message.length();
            }
        }
        return chars > 0 ? lines : 0;
    }

    /** What {@code group} does once the JVM runs: a new miner, every line grouped, the CSV written beside FILE. */
    private static long group(LogFormat format, Path file) throws IOException {
        try (BlockLineReader reader = BlockLineReader.open(file);
             OutputStream csv = Files.newOutputStream(Path.of(file + ".csv"))) {
            return new LogFileGrouper(format, "default").group(reader, csv, lines -> { }).lines();
        }
    }
}
