package io.selfheal.grouping.eval;

import java.util.HashMap;
import java.util.List;
import java.util.Map;

/** Scores a predicted grouping of lines against the ground truth (GA, PGA, RGA, FGA) and templates against theirs (PA). */
public final class GroupingScorer {
    private GroupingScorer() {
    }

    /** {@code truth.get(i)} and {@code predicted.get(i)} are the group keys of line i. */
    public static GroupingScores score(List<String> truth, List<String> predicted) {
        if (truth.size() != predicted.size()) {
            throw new IllegalArgumentException(truth.size() + " ground-truth lines but " + predicted.size() + " predicted");
        }
        Map<String, Integer> truthSizes = new HashMap<>();
        for (String key : truth) {
            truthSizes.merge(key, 1, Integer::sum);
        }
        Map<String, PredictedGroup> predictedGroups = new HashMap<>();
        for (int i = 0; i < predicted.size(); i++) {
            predictedGroups.computeIfAbsent(predicted.get(i), k -> new PredictedGroup()).add(truth.get(i));
        }
        int correctGroups = 0;
        int correctLines = 0;
        for (PredictedGroup group : predictedGroups.values()) {
            if (!group.mixed && truthSizes.get(group.truthKey) == group.size) {
                correctGroups++;
                correctLines += group.size;
            }
        }
        double precision = predictedGroups.isEmpty() ? 0 : (double) correctGroups / predictedGroups.size();
        double recall = truthSizes.isEmpty() ? 0 : (double) correctGroups / truthSizes.size();
        double f1 = precision + recall == 0 ? 0 : 2 * precision * recall / (precision + recall);
        double accuracy = truth.isEmpty() ? 0 : (double) correctLines / truth.size();
        return new GroupingScores(accuracy, precision, recall, f1, correctGroups, predictedGroups.size(), truthSizes.size());
    }

    /** PA: share of lines whose predicted template equals the ground-truth template exactly. */
    public static double parsingAccuracy(List<String> truthTemplates, List<String> predictedTemplates) {
        if (truthTemplates.size() != predictedTemplates.size()) {
            throw new IllegalArgumentException("template lists differ in length");
        }
        int equal = 0;
        for (int i = 0; i < truthTemplates.size(); i++) {
            if (truthTemplates.get(i).equals(predictedTemplates.get(i))) {
                equal++;
            }
        }
        return truthTemplates.isEmpty() ? 0 : (double) equal / truthTemplates.size();
    }

    /** The ground-truth keys of the lines of one predicted group, tracked without storing them. */
    private static final class PredictedGroup {
        private String truthKey;
        private boolean mixed;
        private int size;

        private void add(String key) {
            if (size == 0) {
                truthKey = key;
            } else if (!truthKey.equals(key)) {
                mixed = true;
            }
            size++;
        }
    }
}
