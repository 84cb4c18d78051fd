package io.selfheal.app;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.micrometer.core.instrument.MeterRegistry;
import io.selfheal.ingest.kafka.KafkaBatchReader;
import io.selfheal.ingest.kafka.KafkaRecordDecoder;
import io.selfheal.ingest.loki.LokiPushDecoder;
import io.selfheal.ingest.loki.LokiPuller;
import io.selfheal.ingest.loki.LokiSettings;
import io.selfheal.ingest.parse.LogParser;
import io.selfheal.ingest.source.SourceStats;
import io.selfheal.store.CheckpointStore;
import io.selfheal.store.Database;
import org.apache.camel.CamelContext;
import org.apache.camel.spi.Registry;

import java.net.URI;
import java.time.Clock;
import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import java.util.function.Function;

/**
 * Binds the beans of the Loki, Kafka and source-progress features ({@code selfheal.loki.*}, {@code selfheal.kafka.*}).
 * The beans exist even when a source is disabled (its route does not start), so the routes always resolve.
 */
final class SourceWiring {
    private final Function<String, Optional<String>> properties;

    SourceWiring(Function<String, Optional<String>> properties) {
        this.properties = properties;
    }

    void bind(CamelContext camel, Database database, LogParser parser, ObjectMapper json, Clock clock) {
        Registry registry = camel.getRegistry();
        // The Prometheus registry is created while Camel starts, after this runs: look it up when first needed.
        SourceStats stats = new SourceStats(clock, () -> registry.findSingleByType(MeterRegistry.class));
        registry.bind("sourceStats", stats);
        registry.bind("lokiPuller", new LokiPuller(loki(), json, parser, new CheckpointStore(database.dataSource()),
                stats, clock));
        registry.bind("lokiPushDecoder", new LokiPushDecoder(parser,
                Long.parseLong(required("selfheal.loki.push.max-decoded-bytes")),
                Integer.parseInt(required("selfheal.loki.push.max-entries"))));
        registry.bind("kafkaRecords", new KafkaBatchReader(
                new KafkaRecordDecoder(parser, Boolean.parseBoolean(required("selfheal.kafka.key-is-service")), clock),
                stats, required("selfheal.kafka.service-header")));
    }

    private LokiSettings loki() {
        List<String> queries = Arrays.stream(properties.apply("selfheal.loki.queries").orElse("").split(";"))
                .map(String::strip).filter(q -> !q.isEmpty()).toList();
        if (Boolean.parseBoolean(required("selfheal.loki.enabled")) && queries.isEmpty()) {
            throw new IllegalArgumentException("selfheal.loki.enabled is true but selfheal.loki.queries names no query");
        }
        return new LokiSettings(
                URI.create(required("selfheal.loki.url")),
                queries,
                optional("selfheal.loki.tenant"),
                optional("selfheal.loki.username"),
                optional("selfheal.loki.password"),
                optional("selfheal.loki.bearer-token"),
                Integer.parseInt(required("selfheal.loki.limit")),
                millis("selfheal.loki.look-back-ms"),
                millis("selfheal.loki.delay-ms"),
                Integer.parseInt(required("selfheal.loki.max-pages-per-poll")),
                millis("selfheal.loki.min-backoff-ms"),
                millis("selfheal.loki.max-backoff-ms"));
    }

    private Duration millis(String key) {
        return Duration.ofMillis(Long.parseLong(required(key)));
    }

    private String optional(String key) {
        return properties.apply(key).map(String::strip).filter(v -> !v.isEmpty()).orElse(null);
    }

    private String required(String key) {
        return properties.apply(key).map(String::strip).filter(v -> !v.isEmpty())
                .orElseThrow(() -> new IllegalStateException("Missing setting " + key));
    }
}
