package io.selfheal.heal.strategy;

import io.selfheal.fingerprint.ErrorType;
import io.selfheal.heal.HealingStrategy;
import io.selfheal.heal.Incident;
import io.selfheal.heal.RiskLevel;
import io.selfheal.heal.action.ActionRequest;

import java.util.List;
import java.util.Map;
import java.util.Set;

/** Rolling restart of the service's deployment: clears leaked memory, stuck threads and poisoned connection pools. */
public final class RestartService implements HealingStrategy {
    private final KubernetesApi kubernetes;

    RestartService(KubernetesApi kubernetes) {
        this.kubernetes = kubernetes;
    }

    @Override
    public String name() {
        return "restart-service";
    }

    @Override
    public String description() {
        return "Rolling restart of the service's Kubernetes deployment (kubectl rollout restart)";
    }

    @Override
    public Set<ErrorType> applicableTo() {
        return Set.of(ErrorType.RESOURCE, ErrorType.DATABASE, ErrorType.DEPENDENCY);
    }

    @Override
    public int priority() {
        return 50;
    }

    @Override
    public RiskLevel risk() {
        return RiskLevel.MEDIUM;
    }

    @Override
    public List<ActionRequest> plan(Incident incident, Map<String, String> params) {
        return List.of(kubernetes.rolloutRestart(incident));
    }
}
