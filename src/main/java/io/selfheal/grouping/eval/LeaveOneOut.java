package io.selfheal.grouping.eval;

import io.selfheal.fingerprint.mining.Generalisation;
import io.selfheal.fingerprint.mining.MinerConfig;

import java.io.PrintStream;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Leave-one-dataset-out estimate of the miner's quality on data it was not tuned on. For every dataset D, the
 * generalisation settings ({@link Generalisation}) are chosen among {@link #CANDIDATES} by the mean of GA and FGA on
 * the other datasets only, then D is scored with them. The in-sample figure (settings chosen on all datasets) is
 * reported beside it: their gap measures how much the choice fits the datasets it was made on. Each dataset is
 * scored as it is and as its {@link WordValuedVariant} (values turned into names), and the choice weighs both: the
 * samples alone hold almost no word-valued variables, so they cannot tell how many values make a parameter.
 */
public final class LeaveOneOut {
    /**
     * Every setting the procedure may choose, in order of preference when two score the same: the fewer distinct
     * values a position needs, the earlier (the unseen logs hold more word-valued variables than the samples). A count
     * alone (no value evidence) starts at 5: switches naming different events have 2 to 4 values (opened/closed,
     * VM Paused/Resumed/Started/Stopped), so a count below 5 cannot tell them from names, whatever the data say;
     * fewer values merge only with evidence ({@link Generalisation#minDistinctKnownValues()}).
     */
    static final List<Generalisation> CANDIDATES = candidates(5, 6, 8, 12);
    /** The same with counts alone of 2 to 4 values too: reported beside, to show what the floor of 5 does. */
    static final List<Generalisation> WITH_FEW_VALUED_COUNTS = candidates(2, 3, 4, 5, 6, 8, 12);

    private LeaveOneOut() {
    }

    private static List<Generalisation> candidates(int... counts) {
        List<Generalisation> all = new ArrayList<>();
        for (int distinct : counts) {
            for (int shared = 1; shared <= 3; shared++) {
                for (int known = 2; known < Math.min(distinct, 5); known++) {
                    all.add(new Generalisation(distinct, shared, known));
                }
                all.add(new Generalisation(distinct, shared, Integer.MAX_VALUE));
            }
        }
        all.add(Generalisation.NEVER);
        return List.copyOf(all);
    }

    /**
     * @param chosen   per dataset, the settings chosen without looking at it
     * @param heldOut  per dataset, its scores under those settings
     * @param inSample the settings chosen on every dataset, and the scores of each dataset under them
     */
    record Result(Map<String, Generalisation> chosen, Map<String, GroupingScores> heldOut,
                  Generalisation inSampleChoice, Map<String, GroupingScores> inSample) {
        /** Mean leave-one-out GA ({@code accuracy}) or FGA over every scored set. */
        double heldOutMean(boolean accuracy) {
            return heldOut.values().stream()
                    .mapToDouble(s -> accuracy ? s.groupingAccuracy() : s.groupingF1()).average().orElse(Double.NaN);
        }
    }

    /** The result on the datasets as they are, and on their word-valued variants (names suffixed {@code ~words}). */
    static Result run(List<LoghubDataset> datasets) {
        return run(datasets, CANDIDATES);
    }

    static Result run(List<LoghubDataset> datasets, List<Generalisation> candidates) {
        List<LoghubDataset> scored = new ArrayList<>(datasets);
        for (LoghubDataset dataset : datasets) {
            scored.add(WordValuedVariant.of(dataset));
        }
        Map<Generalisation, Map<String, GroupingScores>> table = new LinkedHashMap<>();
        for (Generalisation candidate : candidates) {
            Map<String, GroupingScores> scores = new LinkedHashMap<>();
            for (LoghubDataset dataset : scored) {
                scores.put(dataset.name(), GroupingScorer.score(dataset.truthEventIds(),
                        QualityBenchmark.group(dataset, MinerConfig.defaults().with(candidate))));
            }
            table.put(candidate, scores);
        }
        Map<String, Generalisation> chosen = new LinkedHashMap<>();
        Map<String, GroupingScores> heldOut = new LinkedHashMap<>();
        for (LoghubDataset dataset : scored) {
            String origin = origin(dataset.name());
            Generalisation best = best(table, origin);
            chosen.put(dataset.name(), best);
            heldOut.put(dataset.name(), table.get(best).get(dataset.name()));
        }
        Generalisation inSample = best(table, null);
        return new Result(chosen, heldOut, inSample, table.get(inSample));
    }

    private static String origin(String name) {
        int variant = name.indexOf('~');
        return variant < 0 ? name : name.substring(0, variant);
    }

    /** The candidate with the best mean of GA and FGA over every dataset except {@code excluded} and its variant. */
    private static Generalisation best(Map<Generalisation, Map<String, GroupingScores>> table, String excluded) {
        Generalisation best = null;
        double bestScore = -1;
        for (Map.Entry<Generalisation, Map<String, GroupingScores>> entry : table.entrySet()) {
            double sum = 0;
            for (Map.Entry<String, GroupingScores> scores : entry.getValue().entrySet()) {
                if (!origin(scores.getKey()).equals(excluded)) {
                    sum += scores.getValue().groupingAccuracy() + scores.getValue().groupingF1();
                }
            }
            if (sum > bestScore + 1e-9) {
                bestScore = sum;
                best = entry.getKey();
            }
        }
        return best;
    }

    static void print(Result result, PrintStream out) {
        out.printf("%-10s %9s %9s %9s %9s  %s%n", "dataset", "in GA", "in FGA", "LOO GA", "LOO FGA",
                "chosen without it (distinct values, shared constants)");
        double[] sums = new double[4];
        for (Map.Entry<String, GroupingScores> entry : result.heldOut().entrySet()) {
            GroupingScores in = result.inSample().get(entry.getKey());
            GroupingScores loo = entry.getValue();
            double[] row = {in.groupingAccuracy(), in.groupingF1(), loo.groupingAccuracy(), loo.groupingF1()};
            for (int i = 0; i < row.length; i++) {
                sums[i] += row[i];
            }
            out.printf("%-10s %9.4f %9.4f %9.4f %9.4f  %s%n", entry.getKey(), row[0], row[1], row[2], row[3],
                    describe(result.chosen().get(entry.getKey())));
        }
        int n = result.heldOut().size();
        out.printf("%-10s %9.4f %9.4f %9.4f %9.4f  in-sample choice: %s%n", "mean", sums[0] / n, sums[1] / n,
                sums[2] / n, sums[3] / n, describe(result.inSampleChoice()));
    }

    private static String describe(Generalisation settings) {
        if (settings.equals(Generalisation.NEVER)) {
            return "never";
        }
        int known = settings.minDistinctKnownValues();
        return settings.minDistinctWords() + ", " + settings.minSharedConstants() + ", "
                + (known == Integer.MAX_VALUE ? "-" : String.valueOf(known));
    }
}
