package io.selfheal.grouping.eval;

import io.selfheal.fingerprint.mining.InMemoryMinerStateStore;
import io.selfheal.fingerprint.mining.MinedGroup;
import io.selfheal.fingerprint.mining.MinerConfig;
import io.selfheal.fingerprint.mining.TemplateMiner;
import io.selfheal.grouping.LogFormat;

import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Runs the template miner, with its default configuration, over every Loghub dataset and prints GA and FGA per
 * dataset and their means, beside the per-dataset-tuned Drain figures of the fixtures.
 * Usage: {@code group-eval [--data src/test/resources/loghub-2k]}.
 */
public final class QualityBenchmark {
    private static final Path DEFAULT_DATA = Path.of("src/test/resources/loghub-2k");

    private QualityBenchmark() {
    }

    public static int run(String[] args) {
        Path data = DEFAULT_DATA;
        boolean leaveOneOut = false;
        for (int i = 0; i < args.length; i++) {
            if (args[i].equals("--data") && i + 1 < args.length) {
                data = Path.of(args[++i]);
            } else if (args[i].equals("--loo")) {
                leaveOneOut = true;
            } else {
                System.err.println("usage: group-eval [--data DIR] [--loo]");
                return 2;
            }
        }
        if (leaveOneOut) {
            LeaveOneOut.print(LeaveOneOut.run(LoghubDataset.loadAll(data)), System.out);
            return 0;
        }
        print(evaluate(data), drainFigures(data.resolveSibling("grouping-fixtures").resolve("drain_expected.tsv")),
                System.out);
        return 0;
    }

    /** Scores of every dataset under {@code data}, in formats.tsv order. */
    public static Map<String, GroupingScores> evaluate(Path data) {
        Map<String, GroupingScores> scores = new LinkedHashMap<>();
        for (LoghubDataset dataset : LoghubDataset.loadAll(data)) {
            scores.put(dataset.name(), GroupingScorer.score(dataset.truthEventIds(), group(dataset, MinerConfig.defaults())));
        }
        return scores;
    }

    /**
     * The final group id of every line: the id a line got, or the group it was merged into when the miner later
     * learned that a word position is a parameter.
     */
    static List<String> group(LoghubDataset dataset, MinerConfig config) {
        TemplateMiner miner = new TemplateMiner(config, new InMemoryMinerStateStore(), Clock.systemUTC());
        LogFormat format = LogFormat.parse(dataset.logFormat());
        List<String> ids = new ArrayList<>(dataset.rawLines().size());
        for (String line : dataset.rawLines()) {
            String content = format.field(line, "Content");
            ids.add(miner.match(dataset.name(), content != null ? content : line.strip()).id());
        }
        Map<String, String> surviving = new HashMap<>();
        ids.replaceAll(id -> surviving.computeIfAbsent(id,
                k -> miner.group(dataset.name(), k).map(MinedGroup::id).orElse(k)));
        return ids;
    }

    private static Map<String, double[]> drainFigures(Path expected) {
        Map<String, double[]> figures = new HashMap<>();
        if (!Files.exists(expected)) {
            return figures;
        }
        List<String> rows = readLines(expected);
        for (String row : rows.subList(1, rows.size())) {
            String[] cols = row.split("\t");
            figures.put(cols[0], new double[]{Double.parseDouble(cols[1]), Double.parseDouble(cols[2])});
        }
        return figures;
    }

    private static List<String> readLines(Path file) {
        return LoghubDataset.read(file).lines().toList();
    }

    static void print(Map<String, GroupingScores> scores, Map<String, double[]> drain, PrintStream out) {
        out.printf("%-10s %7s %7s %6s %6s %9s %9s%n", "dataset", "GA", "FGA", "groups", "truth", "Drain GA", "Drain FGA");
        double ga = 0;
        double fga = 0;
        double drainGa = 0;
        double drainFga = 0;
        for (Map.Entry<String, GroupingScores> entry : scores.entrySet()) {
            GroupingScores s = entry.getValue();
            double[] d = drain.getOrDefault(entry.getKey(), new double[]{Double.NaN, Double.NaN});
            out.printf("%-10s %7.4f %7.4f %6d %6d %9.4f %9.4f%n", entry.getKey(), s.groupingAccuracy(), s.groupingF1(),
                    s.predictedGroups(), s.truthGroups(), d[0], d[1]);
            ga += s.groupingAccuracy();
            fga += s.groupingF1();
            drainGa += d[0];
            drainFga += d[1];
        }
        int n = scores.size();
        out.printf("%-10s %7.4f %7.4f %6s %6s %9.4f %9.4f%n", "mean", ga / n, fga / n, "", "", drainGa / n, drainFga / n);
    }
}
