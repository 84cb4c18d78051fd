package io.selfheal.heal.strategy;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.selfheal.fingerprint.ErrorType;
import io.selfheal.heal.HealingStrategy;
import io.selfheal.heal.RiskLevel;
import io.selfheal.heal.action.ActionSettings;

import java.time.Clock;
import java.util.List;
import java.util.Set;

/** The strategies Selfheal ships with. */
public final class BuiltInStrategies {
    private BuiltInStrategies() {
    }

    public static List<HealingStrategy> create(ActionSettings settings, ObjectMapper json, Clock clock) {
        KubernetesApi kubernetes = new KubernetesApi(settings, clock);
        return List.of(
                new RestartService(kubernetes),
                new ScaleOut(kubernetes, settings.scaleOutReplicas(), settings.scaleInReplicas()),
                new WebhookStrategy("rollback-deployment",
                        "Roll the service back to its previous release through the deploy tool's webhook",
                        Set.of(), 5, RiskLevel.HIGH, false, settings),
                new WebhookStrategy("clear-cache",
                        "Flush the service's caches (stale or poisoned entries)",
                        Set.of(ErrorType.NULL_REFERENCE, ErrorType.CONFIGURATION, ErrorType.UNKNOWN), 20, RiskLevel.LOW, false, settings),
                new WebhookStrategy("open-circuit-breaker",
                        "Open the circuit breaker in front of the failing dependency so the service fails fast and sheds load; undo closes it",
                        Set.of(ErrorType.DATABASE, ErrorType.DEPENDENCY, ErrorType.NETWORK, ErrorType.HTTP_5XX), 45, RiskLevel.LOW, true, settings),
                new WebhookStrategy("disable-feature-flag",
                        "Switch off the feature flag named by the incident's feature label; undo switches it back on",
                        Set.of(ErrorType.NULL_REFERENCE, ErrorType.HTTP_5XX, ErrorType.UNKNOWN), 35, RiskLevel.MEDIUM, true, settings),
                new WebhookStrategy("retry-failed-job",
                        "Re-run the failed job named by the incident's job label",
                        Set.of(ErrorType.DATABASE, ErrorType.NETWORK, ErrorType.DEPENDENCY), 25, RiskLevel.LOW, false, settings),
                new PublishCommand(settings),
                new NotifyOnCall(settings, json));
    }
}
