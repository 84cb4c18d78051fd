package io.selfheal.heal;

import io.selfheal.fingerprint.ErrorType;

import java.util.Set;

/**
 * One allow-listed strategy as a diagnoser sees it: what it does and how well it has worked so far.
 *
 * @param name         the strategy's unique name (the only thing a diagnoser may answer with)
 * @param description  what it does, in one sentence
 * @param applicableTo error types it is meant for (empty = any)
 * @param risk         risk level
 * @param priority     higher is preferred when nothing else decides
 * @param successRate  verified / attempts so far (0 when never tried)
 * @param attempts     how many times it was verified
 * @param failures     how many of those verifications failed
 */
public record StrategyOption(String name, String description, Set<ErrorType> applicableTo, RiskLevel risk,
                             int priority, double successRate, long attempts, long failures) {

    public StrategyOption {
        applicableTo = Set.copyOf(applicableTo);
    }

    /** An option with no failure on record. */
    public StrategyOption(String name, String description, Set<ErrorType> applicableTo, RiskLevel risk,
                          int priority, double successRate, long attempts) {
        this(name, description, applicableTo, risk, priority, successRate, attempts, 0);
    }

    public boolean appliesTo(ErrorType type) {
        return applicableTo.isEmpty() || applicableTo.contains(type);
    }
}
