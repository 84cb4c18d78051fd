package io.selfheal.heal;

/**
 * What other systems learn about healing (published on {@code direct:publish-event} when a route consumes it, e.g.
 * to Kafka). No credentials: only ids, names, statuses and reasons.
 *
 * @param at   ISO-8601 instant
 * @param type {@code healing.decision}, {@code healing.executed}, {@code healing.verified}, {@code healing.escalated}
 */
public record HealingEvent(String type, long incidentId, String fingerprint, String service, String strategy,
                           Long actionId, String status, String reason, String at) {
}
