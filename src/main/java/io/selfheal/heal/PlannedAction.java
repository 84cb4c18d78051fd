package io.selfheal.heal;

import io.selfheal.heal.action.ActionRequest;

import java.time.Instant;
import java.util.List;
import java.util.Map;

/**
 * An action decided outside a lock (an escalation page, the undo of a failed action), on its way to the
 * record-action route, which inserts its row; {@link HealingCoordinator#recorded} then turns it into a decision.
 *
 * @param strategy  the strategy to execute once the row exists
 * @param requests  its planned requests, or null when nothing is to be sent (dry run, planning failed)
 * @param eventType the event to publish (healing.escalated), or null for none
 */
public record PlannedAction(ActionRow row, Incident incident, HealingStrategy strategy, List<ActionRequest> requests,
                            String eventType, Instant at) {

    /** The named values of sql/healing/record-action.sql. */
    public Map<String, Object> record() {
        return row.record();
    }
}
