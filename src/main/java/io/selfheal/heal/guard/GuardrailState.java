package io.selfheal.heal.guard;

import java.time.Instant;
import java.util.Set;

/**
 * What the guardrails look at, read from PostgreSQL so that every instance sees the same state.
 *
 * @param paused                   the kill switch is on
 * @param pausedBy                 who switched it on
 * @param fingerprintInFlight      an action for the fingerprint awaits approval, executes or awaits verification
 * @param lastActionAt             the fingerprint's latest action that was not refused (dry runs included), or null
 * @param serviceActionsLastHour   actions executed on the service in the last hour
 * @param inFlight                 actions executing or awaiting verification, all services
 * @param servicesActedOnLastHour  distinct services with an action executed in the last hour
 */
public record GuardrailState(boolean paused, String pausedBy, boolean fingerprintInFlight, Instant lastActionAt,
                             int serviceActionsLastHour, int inFlight, Set<String> servicesActedOnLastHour) {
    public GuardrailState {
        servicesActedOnLastHour = Set.copyOf(servicesActedOnLastHour);
    }
}
