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

    /** Kafka bootstrap servers of the Kafka source, when it is configured. */
    public Optional<String> kafkaBootstrapServers() {
        return optional("selfheal.kafka.bootstrap-servers");
    }

    /** Loki's readiness URL, when a Loki source is configured. */
    public Optional<URI> lokiReadyUrl() {
        return optional("selfheal.loki.url").map(url -> URI.create(url.replaceAll("/+$", "") + "/ready"));
    }

    /** The language model's base URL, when an LLM is configured. */
    public Optional<URI> llmBaseUrl() {
        return optional("selfheal.llm.base-url").map(URI::create);
    }

    private Optional<String> optional(String key) {
        return properties.apply(key).map(String::trim).filter(v -> !v.isEmpty());
    }

    private String required(String key) {
        return optional(key).orElseThrow(() -> new IllegalStateException("Missing setting " + key));
    }
}
