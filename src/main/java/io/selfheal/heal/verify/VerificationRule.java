package io.selfheal.heal.verify;

/**
 * Judges an action by the fingerprint's rate after it against the rate before it.
 *
 * @param successRatio the rate after must fall to at most this fraction of the rate before to count as verified
 * @param failureRatio a rate after of at least this fraction of the rate before counts as failed; in between is
 *                     inconclusive (it helped, but not clearly enough to credit the strategy)
 */
public record VerificationRule(double successRatio, double failureRatio) {
    public VerificationRule {
        if (successRatio < 0 || successRatio >= failureRatio) {
            throw new IllegalArgumentException("need 0 <= success ratio < failure ratio");
        }
    }

    public Outcome judge(double rateBefore, double rateAfter) {
        if (rateBefore <= 0) {
            return rateAfter <= 0 ? Outcome.VERIFIED : Outcome.INCONCLUSIVE;
        }
        if (rateAfter <= rateBefore * successRatio) {
            return Outcome.VERIFIED;
        }
        return rateAfter >= rateBefore * failureRatio ? Outcome.FAILED : Outcome.INCONCLUSIVE;
    }

    public enum Outcome {
        VERIFIED, FAILED, INCONCLUSIVE;

        public String code() {
            return name().toLowerCase(java.util.Locale.ROOT);
        }
    }
}
