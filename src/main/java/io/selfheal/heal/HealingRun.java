package io.selfheal.heal;

import io.selfheal.heal.action.ActionRequest;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

/**
 * One healing action on its way through the routes: the audited row it belongs to and the requests to send. The
 * execution route reports each request's outcome here, then the ledger settles the row from {@link #outcomes()}.
 *
 * @see HealingCoordinator
 */
public final class HealingRun {
    private final long actionId;
    private final Incident incident;
    private final HealingStrategy strategy;
    private final List<ActionRequest> requests;
    private final Long compensates;
    private final List<Map<String, Object>> outcomes = new ArrayList<>();
    private boolean failed;

    public HealingRun(long actionId, Incident incident, HealingStrategy strategy, List<ActionRequest> requests, Long compensates) {
        this.actionId = actionId;
        this.incident = incident;
        this.strategy = strategy;
        this.requests = List.copyOf(requests);
        this.compensates = compensates;
    }

    public long actionId() {
        return actionId;
    }

    public Incident incident() {
        return incident;
    }

    public HealingStrategy strategy() {
        return strategy;
    }

    public List<ActionRequest> requests() {
        return requests;
    }

    /** The action this run undoes, or null for a healing action. */
    public Long compensates() {
        return compensates;
    }

    public boolean isUndo() {
        return compensates != null;
    }

    public synchronized void sent(ActionRequest request, Object statusCode) {
        Map<String, Object> outcome = new LinkedHashMap<>();
        outcome.put("type", request.type());
        outcome.put("status", statusCode == null ? "delivered" : statusCode);
        outcomes.add(outcome);
    }

    public synchronized void failed(ActionRequest request, String error) {
        failed = true;
        Map<String, Object> outcome = new LinkedHashMap<>();
        outcome.put("type", request.type());
        outcome.put("error", error);
        outcomes.add(outcome);
    }

    /** A route target that does not exist in this deployment (e.g. Kafka not configured) is skipped, not failed. */
    public synchronized void skipped(ActionRequest request, String why) {
        Map<String, Object> outcome = new LinkedHashMap<>();
        outcome.put("type", request.type());
        outcome.put("skipped", why);
        outcomes.add(outcome);
    }

    /** Why the failed requests failed, for the action's reason: {@code type: error; ...}. */
    public synchronized String failures() {
        return outcomes.stream().filter(o -> o.containsKey("error"))
                .map(o -> o.get("type") + ": " + o.get("error")).collect(Collectors.joining("; "));
    }

    public synchronized boolean hasFailed() {
        return failed;
    }

    public synchronized List<Map<String, Object>> outcomes() {
        return List.copyOf(outcomes);
    }
}
