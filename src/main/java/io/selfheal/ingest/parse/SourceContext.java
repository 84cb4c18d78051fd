package io.selfheal.ingest.parse;

import java.time.Instant;
import java.util.Map;
import java.util.Objects;

/**
 * What the parser knows about a record besides its text.
 *
 * @param source         where the record came from, e.g. {@code file:logs/orders.log} or {@code http}
 * @param defaultService service used when the record names none (e.g. the file's base name {@code orders})
 * @param labels         labels of the stream (env, host…); they take precedence over labels found in the record
 * @param receivedAt     ingest time, used when the record carries no timestamp (and to infer the year of syslog
 *                       timestamps)
 */
public record SourceContext(String source, String defaultService, Map<String, String> labels, Instant receivedAt) {

    public SourceContext {
        Objects.requireNonNull(source, "source");
        Objects.requireNonNull(defaultService, "defaultService");
        Objects.requireNonNull(receivedAt, "receivedAt");
        labels = labels == null ? Map.of() : Map.copyOf(labels);
    }
}
