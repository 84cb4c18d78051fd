package io.selfheal.observe.health;

import org.apache.camel.health.HealthCheckResultBuilder;
import org.apache.camel.impl.health.AbstractHealthCheck;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.Map;

/**
 * A dependency reached over HTTP (Loki's {@code /ready}, a language model's base URL): UP when it answers with a
 * status below 500, UP with "not configured" when the feature is off.
 */
public final class HttpServiceHealthCheck extends AbstractHealthCheck {
    private static final Duration TIMEOUT = Duration.ofSeconds(3);
    private final URI probe;
    private final HttpClient http;

    /** @param probe the URL to GET, or null when the dependency is not configured */
    public HttpServiceHealthCheck(String id, URI probe, HttpClient http) {
        super("selfheal", id);
        this.probe = probe;
        this.http = http;
    }

    @Override
    public boolean isLiveness() {
        return false;
    }

    @Override
    protected void doCall(HealthCheckResultBuilder builder, Map<String, Object> options) {
        if (probe == null) {
            builder.up().message("not configured");
            return;
        }
        builder.detail("url", probe.toString());
        try {
            HttpResponse<Void> response = http.send(HttpRequest.newBuilder(probe).timeout(TIMEOUT).GET().build(),
                    HttpResponse.BodyHandlers.discarding());
            builder.detail("status", response.statusCode());
            if (response.statusCode() < 500) {
                builder.up();
            } else {
                builder.down().message("Answered HTTP " + response.statusCode());
            }
        } catch (IOException e) {
            builder.down().message("Cannot reach " + probe + ": " + e.getMessage()).error(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            builder.down().message("Interrupted while probing " + probe);
        }
    }
}
