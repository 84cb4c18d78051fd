package io.selfheal.heal;

/**
 * The answer to an approve or reject call.
 *
 * @param httpStatus 200, 404 (no such action) or 409 (not pending, expired, or a guardrail still objects)
 * @param run        what to execute now, or null
 */
public record ApprovalResult(long actionId, String status, int httpStatus, String message, HealingRun run) {
}
