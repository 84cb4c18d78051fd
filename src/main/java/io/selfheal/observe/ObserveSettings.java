package io.selfheal.observe;

import java.net.URI;
import java.nio.file.Path;
import java.util.Optional;
import java.util.function.Function;

/** Typed view of the operations settings ({@code selfheal.routes.*}, {@code selfheal.metrics.*}) and of the
 * addresses the health checks probe. */
public final class ObserveSettings {
    private final Function<String, Optional<String>> properties;

    public ObserveSettings(Function<String, Optional<String>> properties) {
        this.properties = properties;
    }

    /** The external routes directory, or empty when live route editing is off. */
    public Optional<Path> routesDirectory() {
        if (!Boolean.parseBoolean(required("selfheal.routes.reload-enabled"))) {
            return Optional.empty();
        }
        return Optional.of(Path.of(required("selfheal.routes.dir")));
    }

    /** Kafka bootstrap servers of the Kafka source, when it is enabled. */
    public Optional<String> kafkaBootstrapServers() {
        return enabled("selfheal.kafka.enabled") ? optional("selfheal.kafka.brokers") : Optional.empty();
    }

    /** Loki's readiness URL, when the Loki pull source is enabled. */
    public Optional<URI> lokiReadyUrl() {
        return enabled("selfheal.loki.enabled")
                ? optional("selfheal.loki.url").map(url -> URI.create(url.replaceAll("/+$", "") + "/ready"))
                : Optional.empty();
    }

    /** The primary language model's base URL (its own setting, else the provider's default), when one is configured. */
    public Optional<URI> llmBaseUrl() {
        String provider = optional("selfheal.llm.provider").orElse("none");
        if (provider.equals("none")) {
            return Optional.empty();
        }
        return optional("selfheal.llm.base-url").or(() -> optional("selfheal.llm." + provider + ".base-url"))
                .map(URI::create);
    }

    private boolean enabled(String key) {
        return optional(key).map(Boolean::parseBoolean).orElse(false);
    }

    private Optional<String> optional(String key) {
        return properties.apply(key).map(String::trim).filter(v -> !v.isEmpty());
    }

    private String required(String key) {
        return optional(key).orElseThrow(() -> new IllegalStateException("Missing setting " + key));
    }
}
