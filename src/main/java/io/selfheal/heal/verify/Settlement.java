package io.selfheal.heal.verify;

import io.selfheal.heal.HealingEvent;
import io.selfheal.heal.PlannedAction;

/**
 * What follows a verification this instance settled.
 *
 * @param undo  the compensation of a failed, reversible action (to record, then execute), or null
 * @param event the healing.verified event to publish
 */
public record Settlement(PlannedAction undo, HealingEvent event) {
}
