package io.selfheal.heal.action;

import io.selfheal.heal.HealingRun;

import java.util.Map;
import java.util.function.Predicate;

/**
 * Prepares the message that carries an {@link ActionRequest} to its endpoint. The execution route clears every
 * incoming header first (an API call's Authorization header must never travel on), then calls {@link #prepare}.
 * HTTP requests all go through one endpoint with the URL in {@code CamelHttpUri}, so no URL (some are credentials)
 * ends up in Camel's endpoint registry or its logs.
 */
public final class ActionDispatch {
    private final Predicate<String> routeExists;

    /** @param routeExists whether some route consumes the given endpoint URI in this instance */
    public ActionDispatch(Predicate<String> routeExists) {
        this.routeExists = routeExists;
    }

    /** Sets the headers of {@code request} on {@code headers}; returns the body to send. */
    public String prepare(ActionRequest request, Map<String, Object> headers) {
        headers.putAll(request.headers());
        if (request.kind() == ActionRequest.Kind.HTTP) {
            headers.put("CamelHttpMethod", request.method());
            headers.put("CamelHttpUri", request.url());
        }
        return request.body();
    }

    public void sent(HealingRun run, ActionRequest request, Integer httpStatus) {
        run.sent(request, httpStatus);
    }

    public void failed(HealingRun run, ActionRequest request, String error) {
        run.failed(request, error);
    }

    public void skipped(HealingRun run, ActionRequest request) {
        run.skipped(request, "no route consumes " + request.url() + " in this instance");
    }

    public boolean routeExists(String endpointUri) {
        return routeExists.test(endpointUri);
    }
}
