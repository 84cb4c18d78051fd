package io.selfheal.heal.strategy;

import io.selfheal.heal.Incident;
import io.selfheal.heal.action.ActionRequest;
import io.selfheal.heal.action.ActionSettings;

import java.time.Clock;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.regex.Pattern;

/**
 * Kubernetes API requests as {@code kubectl} sends them. The deployment is the incident's {@code k8s.deployment}
 * label or its service name; the namespace its {@code k8s.namespace} (or {@code namespace}) label or the default.
 */
final class KubernetesApi {
    /** DNS-1123 names only: a label can never smuggle a path segment into the URL. */
    private static final Pattern NAME = Pattern.compile("[a-z0-9]([-a-z0-9.]{0,251}[a-z0-9])?");

    private final ActionSettings settings;
    private final Clock clock;

    KubernetesApi(ActionSettings settings, Clock clock) {
        this.settings = settings;
        this.clock = clock;
    }

    /** {@code kubectl rollout restart}: a new restartedAt annotation on the pod template rolls every pod. */
    ActionRequest rolloutRestart(Incident incident) {
        String body = "{\"spec\":{\"template\":{\"metadata\":{\"annotations\":{\"kubectl.kubernetes.io/restartedAt\":\""
                + clock.instant() + "\"}}}}}";
        return ActionRequest.http("kubernetes.rollout-restart", "PATCH", deploymentUrl(incident),
                headers("application/strategic-merge-patch+json"), body);
    }

    /** {@code kubectl scale --replicas=n}. */
    ActionRequest scale(Incident incident, int replicas) {
        return ActionRequest.http("kubernetes.scale", "PATCH", deploymentUrl(incident) + "/scale",
                headers("application/merge-patch+json"), "{\"spec\":{\"replicas\":" + replicas + "}}");
    }

    private String deploymentUrl(Incident incident) {
        if (settings.kubernetesUrl() == null) {
            throw new IllegalStateException("Kubernetes actions need selfheal.actions.kubernetes.url");
        }
        String namespace = checked(incident.labels().getOrDefault("k8s.namespace",
                incident.labels().getOrDefault("namespace", settings.kubernetesNamespace())), "namespace");
        String deployment = checked(incident.labels().getOrDefault("k8s.deployment", incident.service()), "deployment");
        String base = settings.kubernetesUrl().endsWith("/")
                ? settings.kubernetesUrl().substring(0, settings.kubernetesUrl().length() - 1) : settings.kubernetesUrl();
        return base + "/apis/apps/v1/namespaces/" + namespace + "/deployments/" + deployment;
    }

    private Map<String, String> headers(String contentType) {
        Map<String, String> headers = new LinkedHashMap<>();
        headers.put("Content-Type", contentType);
        headers.put("Accept", "application/json");
        if (settings.kubernetesToken() != null) {
            headers.put("Authorization", "Bearer " + settings.kubernetesToken());
        }
        return headers;
    }

    private static String checked(String name, String what) {
        if (name == null || !NAME.matcher(name).matches()) {
            throw new IllegalStateException("not a valid Kubernetes " + what + " name: " + name);
        }
        return name;
    }
}
