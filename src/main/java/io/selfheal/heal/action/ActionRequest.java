package io.selfheal.heal.action;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;

/**
 * One request a healing action sends through a Camel endpoint: an HTTP call (webhook, Kubernetes API, PagerDuty,
 * Slack), a Kafka record, or a message to a route ({@code direct:...}). It may carry credentials: persist and log {@link #audit()} only.
 *
 * @param kind      HTTP, KAFKA or ROUTE
 * @param type      what it does, e.g. {@code kubernetes.rollout-restart}, {@code webhook.open-circuit-breaker}
 * @param method    HTTP method (ignored for routes)
 * @param url       the HTTP URL, the Kafka topic, or the route's endpoint URI
 * @param headers   request headers, credentials included
 * @param body      the request body (JSON)
 * @param secretUrl whether the URL itself is a credential (Slack-style webhooks): the audit keeps only its host
 */
public record ActionRequest(Kind kind, String type, String method, String url, Map<String, String> headers,
                            String body, boolean secretUrl) {

    public enum Kind { HTTP, KAFKA, ROUTE }

    /** The Camel header carrying a Kafka record's key. */
    public static final String KAFKA_KEY = "kafka.KEY";

    public ActionRequest {
        Objects.requireNonNull(kind, "kind");
        Objects.requireNonNull(type, "type");
        Objects.requireNonNull(url, "url");
        headers = headers == null ? Map.of() : Map.copyOf(headers);
    }

    public static ActionRequest http(String type, String method, String url, Map<String, String> headers, String body) {
        return new ActionRequest(Kind.HTTP, type, method, url, headers, body, false);
    }

    /** A JSON record for {@code topic} with key {@code key}; the brokers are those of {@code selfheal.actions.kafka}. */
    public static ActionRequest kafka(String type, String topic, String key, String body) {
        return new ActionRequest(Kind.KAFKA, type, null, topic, Map.of(KAFKA_KEY, key, "Content-Type", "application/json"),
                body, false);
    }

    public static ActionRequest route(String type, String endpointUri, String body) {
        return new ActionRequest(Kind.ROUTE, type, null, endpointUri, Map.of("Content-Type", "application/json"), body, false);
    }

    public ActionRequest withSecretUrl() {
        return new ActionRequest(kind, type, method, url, headers, body, true);
    }

    /** What may be stored and shown: credentials masked. */
    public Map<String, Object> audit() {
        Map<String, Object> view = new LinkedHashMap<>();
        view.put("type", type);
        if (method != null) {
            view.put("method", method);
        }
        view.put("url", secretUrl ? SecretMasker.maskUrl(url) : url);
        Map<String, String> shownHeaders = new LinkedHashMap<>();
        headers.forEach((name, value) -> shownHeaders.put(name, SecretMasker.isSecretName(name) ? SecretMasker.MASK : value));
        view.put("headers", shownHeaders);
        view.put("body", SecretMasker.maskJson(body));
        return view;
    }

    @Override
    public String toString() {
        return audit().toString();
    }
}
