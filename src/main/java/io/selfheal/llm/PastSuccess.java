package io.selfheal.llm;

/** How a strategy fared for one fingerprint: verified results out of all verification results. */
record PastSuccess(long attempts, long verified) {
    static final PastSuccess NONE = new PastSuccess(0, 0);

    /** Laplace-smoothed rate: 0.5 without history, moving towards the observed rate as attempts accumulate. */
    double smoothedRate() {
        return (verified + 1.0) / (attempts + 2.0);
    }
}
