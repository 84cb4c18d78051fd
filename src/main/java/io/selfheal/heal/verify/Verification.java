package io.selfheal.heal.verify;

import io.selfheal.heal.HealingEvent;
import io.selfheal.heal.HealingRun;

/**
 * One settled action.
 *
 * @param undo the compensation to execute now (a failed, reversible action), or null
 */
public record Verification(long actionId, VerificationRule.Outcome outcome, double rateBefore, double rateAfter,
                           HealingRun undo, HealingEvent event) {
}
