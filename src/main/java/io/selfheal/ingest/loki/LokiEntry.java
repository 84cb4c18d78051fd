package io.selfheal.ingest.loki;

import java.util.Map;

/**
 * One log line of a Loki stream.
 *
 * @param streamLabels the stream's (indexed) labels
 * @param nanos        the entry's timestamp in nanoseconds since the epoch
 * @param line         the log line
 * @param metadata     structured metadata (non-indexed labels), never null
 */
record LokiEntry(Map<String, String> streamLabels, long nanos, String line, Map<String, String> metadata) {

    LokiEntry {
        metadata = metadata == null ? Map.of() : metadata;
    }
}
