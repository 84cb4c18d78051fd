package io.selfheal.assess;

import io.selfheal.heal.Incident;

import java.util.List;

/**
 * The outcome of one assessment run; the route heals {@link #toHeal()} and escalates {@link #escalated()}.
 *
 * @param fingerprints     fingerprints active in the window
 * @param approvalsExpired pending approvals that lapsed
 */
public record AssessmentReport(long runId, int fingerprints, int incidentsOpened, int incidentsClosed,
                               List<Incident> toHeal, List<Long> escalated, int approvalsExpired) {
    public AssessmentReport {
        toHeal = List.copyOf(toHeal);
        escalated = List.copyOf(escalated);
    }
}
