package io.selfheal.assess;

import io.selfheal.heal.Incident;

import java.util.List;

/** What one assessment changed in self_heal_events, and the open incidents that wait for a healing decision. */
public record IncidentChanges(int opened, int closed, List<Incident> waiting) {
    public IncidentChanges {
        waiting = List.copyOf(waiting);
    }
}
