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
 * Then the same for the held-out systems in {@code loghub-unseen} beside the data folder, when it exists.
 * Usage: {@code group-eval [--data src/test/resources/loghub-2k] [--loo]}.
 */
public final class QualityBenchmark {
    private static final Path DEFAULT_DATA = Path.of("src/test/resources/loghub-2k");
    /** Folder beside the data holding systems kept out of every choice, scored and reported apart. */
    private static final String HELD_OUT = "loghub-unseen";

    private QualityBenchmark() {
    }

    public static int run(String[] args) {
        Path data = DEFAULT_DATA;
        boolean leaveOneOut = false;
        int shuffles = 0;
        for (int i = 0; i < args.length; i++) {
            if (args[i].equals("--data") && i + 1 < args.length) {
                data = Path.of(args[++i]);
            } else if (args[i].equals("--loo")) {
                leaveOneOut = true;
            } else if (args[i].equals("--shuffles") && i + 1 < args.length && isCount(args[i + 1])) {
                shuffles = Integer.parseInt(args[++i]);
            } else {
                System.err.println("usage: group-eval [--data DIR] [--loo] [--shuffles N]");
                return 2;
            }
        }
        if (leaveOneOut) {
            List<LoghubDataset> datasets = LoghubDataset.loadAll(data);
            LeaveOneOut.print(LeaveOneOut.run(datasets), System.out);
            LeaveOneOut.Result wide = LeaveOneOut.run(datasets, LeaveOneOut.WITH_FEW_VALUED_COUNTS);
            System.out.printf("with counts alone of 2-4 values among the candidates too: LOO mean GA %.4f, FGA %.4f"
                    + " (over the %d sets above)%n", wide.heldOutMean(true), wide.heldOutMean(false),
                    wide.heldOut().size());
        } else {
            print(evaluate(data), drainFigures(data.resolveSibling("grouping-fixtures").resolve("drain_expected.tsv")),
                    System.out);
        }
        Path unseen = data.resolveSibling(HELD_OUT);
        boolean withHeldOut = !data.getFileName().toString().equals(HELD_OUT)
                && Files.exists(unseen.resolve("formats.tsv"));
        if (withHeldOut) {
            System.out.println();
            System.out.println("held out: systems never tuned on (" + unseen + "), default configuration");
            print(evaluate(unseen), Map.of(), System.out);
        }
        if (shuffles > 0) {
            System.out.println();
            System.out.printf("each dataset with its lines in %d random orders (seeds 1-%d): mean GA, FGA and the lowest"
                    + " GA%n", shuffles, shuffles);
            printShuffled(data, shuffles, System.out);
            if (withHeldOut) {
                printShuffled(unseen, shuffles, System.out);
            }
        }
        return 0;
    }

    /** Whether {@code text} is a count from 1 to 1,000. */
    public static boolean isCount(String text) {
        if (!text.matches("[0-9]{1,4}")) {
            return false;
        }
        int count = Integer.parseInt(text);
        return count >= 1 && count <= 1000;
    }

    private static void printShuffled(Path data, int orders, PrintStream out) {
        double meanGa = 0;
        double meanFga = 0;
        List<LoghubDataset> datasets = LoghubDataset.loadAll(data);
        for (LoghubDataset dataset : datasets) {
            double ga = 0;
            double fga = 0;
            double lowest = 1;
            for (long seed = 1; seed <= orders; seed++) {
                LoghubDataset shuffled = dataset.shuffled(seed);
                GroupingScores scores = GroupingScorer.score(shuffled.truthEventIds(),
                        group(shuffled, MinerConfig.defaults()));
                ga += scores.groupingAccuracy();
                fga += scores.groupingF1();
                lowest = Math.min(lowest, scores.groupingAccuracy());
            }
            out.printf("%-12s %7.4f %7.4f   lowest GA %.4f%n", dataset.name(), ga / orders, fga / orders, lowest);
            meanGa += ga / orders;
            meanFga += fga / orders;
        }
        out.printf("%-12s %7.4f %7.4f   (%s)%n", "mean", meanGa / datasets.size(), meanFga / datasets.size(),
                data.getFileName());
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
