package io.selfheal.heal;

import java.time.Instant;

/**
 * A new row of {@code healing_actions}: one decision about one strategy for one incident, whatever the decision.
 *
 * @param actor       who decided: {@code selfheal@<instance>} or {@code operator}
 * @param paramsJson  the planned requests (credentials masked), routing reason, suggestion, guardrail verdict
 */
public record ActionRow(Long eventId, String fingerprintId, String strategy, String actionType, String status, boolean dryRun,
                 String reason, String actor, String instanceId, String paramsJson, Instant expiresAt,
                 Instant executedAt, Double rateBefore, Long compensates) {
}
