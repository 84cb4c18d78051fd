package io.selfheal.ingest.loki;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import java.io.IOException;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** Reads the body of Loki's {@code GET /loki/api/v1/query_range} answer into entries sorted by timestamp. */
final class LokiQueryRangeAnswer {
    private final ObjectMapper json;

    LokiQueryRangeAnswer(ObjectMapper json) {
        this.json = json;
    }

    /** Reads {@code {"data": {"resultType": "streams", "result": [{stream, values}]}}}. */
    List<LokiEntry> parse(byte[] body) throws IOException {
        JsonNode data = json.readTree(body).path("data");
        if (!"streams".equals(data.path("resultType").asText())) {
            throw new IOException("expected resultType streams, got " + data.path("resultType")
                    + " (a metric query cannot be followed as logs)");
        }
        List<LokiEntry> entries = new ArrayList<>();
        for (JsonNode stream : data.path("result")) {
            Map<String, String> labels = LokiPushDecoder.textMap(stream.path("stream"));
            for (JsonNode value : stream.path("values")) {
                long nanos;
                try {
                    nanos = Long.parseLong(value.path(0).asText());
                } catch (NumberFormatException e) {
                    throw new IOException("bad timestamp " + value.path(0) + " in a Loki answer");
                }
                entries.add(new LokiEntry(labels, nanos, value.path(1).asText(), metadata(value.path(2))));
            }
        }
        entries.sort(Comparator.comparingLong(LokiEntry::nanos));
        return entries;
    }

    /**
     * Loki 3 sends structured metadata either merged into the stream labels, flat in a third element, or (with
     * categorized labels) as {@code {"structuredMetadata": {...}, "parsed": {...}}}.
     */
    private static Map<String, String> metadata(JsonNode third) {
        if (!third.isObject()) {
            return Map.of();
        }
        if (third.has("structuredMetadata") || third.has("parsed")) {
            Map<String, String> merged = new LinkedHashMap<>();
            merged.putAll(LokiPushDecoder.textMap(third.path("structuredMetadata")));
            merged.putAll(LokiPushDecoder.textMap(third.path("parsed")));
            return merged;
        }
        return LokiPushDecoder.textMap(third);
    }
}
