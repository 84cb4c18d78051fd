package io.selfheal.fingerprint.mining;

/**
 * When the miner turns a word position into a parameter ({@link WordVariants}). {@link #defaults()} were chosen
 * leave-one-dataset-out on the Loghub samples (docs/grouping.md, {@code group-eval --loo}).
 *
 * @param minDistinctWords   distinct values a position must show, among messages that agree elsewhere, before it is
 *                           a parameter; {@link Integer#MAX_VALUE} never generalises a word
 * @param minSharedConstants constant tokens those messages must share besides the differing position
 */
public record Generalisation(int minDistinctWords, int minSharedConstants) {
    public static final Generalisation NEVER = new Generalisation(Integer.MAX_VALUE, 1);

    public Generalisation {
        if (minDistinctWords < 2 || minSharedConstants < 1) {
            throw new IllegalArgumentException("a position needs two values and one shared constant at least");
        }
    }

    public static Generalisation defaults() {
        return new Generalisation(5, 1);
    }
}
