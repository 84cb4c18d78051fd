package io.selfheal.heal;

/**
 * What the coordinator decided for an incident.
 *
 * @param run   what to execute now, or null (dry run, refused, awaiting approval, or another instance holds the lock)
 * @param event what to tell other systems, or null when nothing was recorded
 */
public record HealingDecision(HealingRun run, HealingEvent event) {
}
