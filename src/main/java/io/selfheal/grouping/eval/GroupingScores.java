package io.selfheal.grouping.eval;

/**
 * Grouping quality of one dataset, LogPAI definitions.
 *
 * @param groupingAccuracy      GA: share of lines whose ground-truth group is predicted exactly (same set of lines)
 * @param groupingPrecision     PGA: correct groups / predicted groups
 * @param groupingRecall        RGA: correct groups / ground-truth groups
 * @param groupingF1            FGA: harmonic mean of PGA and RGA
 * @param correctGroups         number of ground-truth groups predicted exactly
 * @param predictedGroups       number of predicted groups
 * @param truthGroups           number of ground-truth groups
 */
public record GroupingScores(
        double groupingAccuracy,
        double groupingPrecision,
        double groupingRecall,
        double groupingF1,
        int correctGroups,
        int predictedGroups,
        int truthGroups) {
}
