package io.selfheal.heal.verify;

import io.selfheal.heal.HealingEvent;
import io.selfheal.heal.HealingRun;

/**
 * What follows a verification this instance settled.
 *
 * @param undo  the compensation to execute now (a failed, reversible action), or null
 * @param event the healing.verified event to publish
 */
public record Settlement(HealingRun undo, HealingEvent event) {
}
