package io.selfheal.cli;

import io.selfheal.grouping.GroupingSummary;
import io.selfheal.grouping.BlockLineReader;
import io.selfheal.grouping.LogFileGrouper;
import io.selfheal.grouping.LogFormat;

import java.io.IOException;
import java.io.OutputStream;
import java.io.PrintStream;
import java.nio.file.AccessDeniedException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.function.LongConsumer;

/**
 * {@code group --log-format FORMAT --input FILE --output OUT.csv [--service NAME] [--quiet]}: the command-line front
 * of {@link LogFileGrouper}. Progress goes to stderr about once a second while a long input is read, then a summary
 * (lines, groups, lines that did not match the format with two examples); usage errors exit 2, I/O errors 1.
 */
public final class GroupCommand {
    static final String USAGE = """
            Usage: java -jar selfheal.jar group --log-format FORMAT --input FILE --output OUT.csv [options]

            Groups the lines of a log file by message template and writes LineId,GroupId,Template
            (CSV, one row per line).

              --log-format FORMAT  the line layout, Loghub style: <Field> is a field, spaces match runs of whitespace,
                                   other text must appear as is; the <Content> field is grouped. Lines that do not
                                   match are grouped whole. Example: '<Date> <Time> <Level> <Component>: <Content>'
              --input FILE         the log file (UTF-8)
              --output OUT.csv     where to write the groups (overwritten)
              --service NAME       the service the lines belong to (part of the group ids; default: default)
              --quiet              no progress and no summary on stderr
              -h, --help           this help
            """;
    private static final Set<String> VALUED = Set.of("log-format", "input", "output", "service");
    private static final int EXAMPLE_LENGTH = 160;

    private GroupCommand() {
    }

    public static int run(String[] args) {
        return run(args, System.out, System.err, System.console() != null);
    }

    /**
     * Runs the command; {@code interactive} progress rewrites one line in place, otherwise each report is a line.
     * Returns the exit status.
     */
    static int run(String[] args, PrintStream out, PrintStream err, boolean interactive) {
        Map<String, String> options = new HashMap<>();
        boolean quiet = false;
        for (int i = 0; i < args.length; i++) {
            String arg = args[i];
            if (arg.equals("-h") || arg.equals("--help")) {
                out.print(USAGE);
                return 0;
            }
            if (arg.equals("--quiet")) {
                quiet = true;
                continue;
            }
            if (!arg.startsWith("-")) {
                return usageError(err, "unexpected argument '" + arg + "'");
            }
            if (!arg.startsWith("--")) {
                return usageError(err, "unknown option " + arg);
            }
            int equals = arg.indexOf('=');
            String name = arg.substring(2, equals < 0 ? arg.length() : equals);
            if (!VALUED.contains(name)) {
                return usageError(err, "unknown option " + arg.substring(0, equals < 0 ? arg.length() : equals));
            }
            if (equals >= 0) {
                options.put(name, arg.substring(equals + 1));
            } else if (i + 1 < args.length) {
                options.put(name, args[++i]);
            } else {
                return usageError(err, "--" + name + " needs a value");
            }
        }
        List<String> missing = new ArrayList<>();
        for (String required : List.of("log-format", "input", "output")) {
            if (!options.containsKey(required)) {
                missing.add("--" + required);
            }
        }
        if (!missing.isEmpty()) {
            return usageError(err, "missing " + String.join(", ", missing));
        }
        LogFormat format;
        try {
            format = LogFormat.parse(options.get("log-format"));
            format.fieldIndex("Content");
        } catch (IllegalArgumentException e) {
            return usageError(err, "invalid --log-format: " + e.getMessage());
        }
        Path input = Path.of(options.get("input"));
        Path output = Path.of(options.get("output"));
        String problem = inputProblem(input);
        if (problem != null) {
            err.println("group: " + problem);
            return 1;
        }
        long started = System.nanoTime();
        Progress progress = new Progress(quiet ? null : err, interactive, started);
        GroupingSummary summary;
        try (BlockLineReader lines = BlockLineReader.open(input); OutputStream csv = Files.newOutputStream(output)) {
            summary = new LogFileGrouper(format, options.getOrDefault("service", "default"))
                    .group(lines, csv, progress);
        } catch (IOException e) {
            progress.finish();
            err.println("group: " + describe(e));
            return 1;
        }
        progress.finish();
        if (!quiet) {
            printSummary(summary, output, System.nanoTime() - started, err);
        }
        return 0;
    }

    private static int usageError(PrintStream err, String message) {
        err.println("group: " + message);
        err.println("Try 'group --help' for the options.");
        return 2;
    }

    /** Why {@code input} cannot be read, checked before the output is touched; null when it looks readable. */
    private static String inputProblem(Path input) {
        if (!Files.exists(input)) {
            return "no such file: " + input;
        }
        if (Files.isDirectory(input)) {
            return input + " is a directory, not a file";
        }
        return Files.isReadable(input) ? null : "cannot read " + input + ": permission denied";
    }

    private static String describe(IOException e) {
        if (e instanceof NoSuchFileException missing) {
            return "no such file or directory: " + missing.getFile();
        }
        if (e instanceof AccessDeniedException denied) {
            return "permission denied: " + denied.getFile();
        }
        return e.getMessage() != null ? e.getMessage() : e.toString();
    }

    static void printSummary(GroupingSummary summary, Path output, long nanos, PrintStream err) {
        double seconds = nanos / 1e9;
        err.printf(Locale.ROOT, "group: %,d lines, %,d groups, in %.1f s (%,d lines/s); wrote %s%n", summary.lines(),
                summary.groups(), seconds, Math.round(summary.lines() / Math.max(seconds, 1e-9)), output);
        if (summary.unmatchedLines() == 0) {
            err.println("group: every line matched --log-format");
            return;
        }
        err.printf(Locale.ROOT, "group: %,d of %,d lines did not match --log-format and were grouped as whole lines, "
                + "e.g.%n", summary.unmatchedLines(), summary.lines());
        for (GroupingSummary.UnmatchedLine example : summary.unmatchedExamples()) {
            String text = example.text();
            err.printf(Locale.ROOT, "  line %,d: %s%n", example.lineNumber(),
                    text.length() > EXAMPLE_LENGTH ? text.substring(0, EXAMPLE_LENGTH) + "…" : text);
        }
    }

    /** Reports lines read and lines/s at most once a second, the first time after a second: short runs stay silent. */
    private static final class Progress implements LongConsumer {
        private static final long INTERVAL_NANOS = 1_000_000_000L;

        private final PrintStream err;
        private final boolean interactive;
        private final long started;
        private long lastReport;
        private boolean reported;

        Progress(PrintStream err, boolean interactive, long started) {
            this.err = err;
            this.interactive = interactive;
            this.started = started;
            this.lastReport = started;
        }

        @Override
        public void accept(long lines) {
            long now = System.nanoTime();
            if (err == null || now - lastReport < INTERVAL_NANOS) {
                return;
            }
            lastReport = now;
            reported = true;
            String line = String.format(Locale.ROOT, "group: %,d lines read, %,d lines/s", lines,
                    Math.round(lines / ((now - started) / 1e9)));
            if (interactive) {
                err.print("\r" + line);
            } else {
                err.println(line);
            }
        }

        /** Ends an in-place progress line so that what follows starts on a line of its own. */
        void finish() {
            if (interactive && reported) {
                err.println();
            }
        }
    }
}
