package io.selfheal.heal.strategy;

import io.selfheal.fingerprint.ErrorType;
import io.selfheal.heal.HealingStrategy;
import io.selfheal.heal.Incident;
import io.selfheal.heal.RiskLevel;
import io.selfheal.heal.action.ActionRequest;

import java.util.List;
import java.util.Map;
import java.util.Set;

/** More replicas for an overloaded service; undone by scaling back to the normal count. */
public final class ScaleOut implements HealingStrategy {
    private final KubernetesApi kubernetes;
    private final int outReplicas;
    private final int inReplicas;

    ScaleOut(KubernetesApi kubernetes, int outReplicas, int inReplicas) {
        this.kubernetes = kubernetes;
        this.outReplicas = outReplicas;
        this.inReplicas = inReplicas;
    }

    @Override
    public String name() {
        return "scale-out";
    }

    @Override
    public String description() {
        return "Scale the service's Kubernetes deployment out to more replicas";
    }

    @Override
    public Set<ErrorType> applicableTo() {
        return Set.of(ErrorType.RESOURCE, ErrorType.HTTP_5XX, ErrorType.NETWORK);
    }

    @Override
    public int priority() {
        return 40;
    }

    @Override
    public RiskLevel risk() {
        return RiskLevel.MEDIUM;
    }

    @Override
    public boolean reversible() {
        return true;
    }

    @Override
    public List<ActionRequest> plan(Incident incident, Map<String, String> params) {
        return List.of(kubernetes.scale(incident, replicas(params.get("replicas"), outReplicas)));
    }

    @Override
    public List<ActionRequest> undo(Incident incident, Map<String, String> params) {
        return List.of(kubernetes.scale(incident, inReplicas));
    }

    /** A suggested replica count is accepted only within 1..4x the configured one. */
    private static int replicas(String suggested, int configured) {
        if (suggested == null) {
            return configured;
        }
        try {
            int n = Integer.parseInt(suggested.trim());
            return n >= 1 && n <= 4 * configured ? n : configured;
        } catch (NumberFormatException e) {
            return configured;
        }
    }
}
