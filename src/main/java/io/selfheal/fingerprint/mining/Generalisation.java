package io.selfheal.fingerprint.mining;

/**
 * When the miner turns a word position into a parameter ({@link WordVariants}). {@link #defaults()} were chosen
 * leave-one-dataset-out on the Loghub samples (docs/grouping.md, {@code group-eval --loo}).
 *
 * @param minDistinctWords   distinct values a position other than the first must show, among messages that agree
 *                           elsewhere, before it is a parameter on their count alone; {@link Integer#MAX_VALUE} never
 *                           generalises a word on its count
 * @param minSharedConstants constant tokens those messages must share besides the differing position
 * @param minDistinctKnownValues distinct values that suffice when one of them is a known value ({@link ValueWords}:
 *                           seen as a key's value, {@code user=root}, or varying under two skeletons);
 *                           {@link Integer#MAX_VALUE}: never fewer than {@code minDistinctWords}
 */
public record Generalisation(int minDistinctWords, int minSharedConstants, int minDistinctKnownValues) {
    public static final Generalisation NEVER = new Generalisation(Integer.MAX_VALUE, 1, Integer.MAX_VALUE);

    public Generalisation {
        if (minDistinctWords < 2 || minSharedConstants < 1 || minDistinctKnownValues < 2) {
            throw new IllegalArgumentException("a position needs two values and one shared constant at least");
        }
    }

    public static Generalisation defaults() {
        return new Generalisation(5, 1, 2);
    }
}
