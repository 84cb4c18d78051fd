package io.selfheal.ingest.loki;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.selfheal.ingest.DeadLetter;
import io.selfheal.ingest.DeadLetterKind;
import io.selfheal.ingest.IngestBatch;
import io.selfheal.ingest.http.BadPayloadException;
import io.selfheal.ingest.http.BoundedGunzip;
import io.selfheal.ingest.http.PayloadText;
import io.selfheal.ingest.http.PayloadTooLargeException;
import io.selfheal.ingest.parse.LogParser;
import io.selfheal.ingest.parse.TextLimits;
import org.xerial.snappy.Snappy;

import java.io.IOException;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * Decodes the body of {@code POST /loki/api/v1/push} the way Loki does: {@code application/json} (optionally
 * gzip-encoded) or, for any other content type, a snappy-compressed protobuf {@code PushRequest} — the default of
 * Promtail, Grafana Alloy and the Loki Docker driver. A body that cannot be read is a {@link BadPayloadException}
 * (answered 400 with the reason, like Loki).
 */
public final class LokiPushDecoder {
    static final String SOURCE = "loki-push";
    private static final int MAX_DEAD_LETTER_CHARS = 64 * 1024;

    private final LokiEntryMapper mapper;
    private final ObjectMapper json;
    private final long maxDecodedBytes;
    private final int maxEntries;

    /**
     * @param maxDecodedBytes the largest body accepted once decompressed (a zip bomb guard), checked before the
     *                        decompressed body is allocated
     * @param maxEntries      the most log entries one push may hold
     */
    public LokiPushDecoder(LogParser parser, ObjectMapper json, long maxDecodedBytes, int maxEntries) {
        this.mapper = new LokiEntryMapper(parser);
        this.json = json;
        this.maxDecodedBytes = maxDecodedBytes;
        this.maxEntries = maxEntries;
    }

    /**
     * @param body            the raw request body
     * @param contentType     the Content-Type header
     * @param contentEncoding the Content-Encoding header (gzip is supported; snappy is implied by protobuf)
     * @param tenant          the X-Scope-OrgID header, kept as the {@code tenant} label when present
     */
    public IngestBatch decode(byte[] body, String contentType, String contentEncoding, String tenant) {
        if (body == null || body.length == 0) {
            throw new BadPayloadException("empty push request");
        }
        String type = contentType == null ? "" : contentType.toLowerCase(Locale.ROOT);
        byte[] bytes = BoundedGunzip.isGzip(contentEncoding) ? BoundedGunzip.gunzip(body, maxDecodedBytes) : body;
        List<LokiEntry> entries = type.contains("json") ? fromJson(bytes) : fromProtobuf(bytes);
        if (tenant != null && !tenant.isBlank()) {
            entries = withTenant(entries, tenant.strip());
        }
        return mapper.toBatch(SOURCE, entries, null);
    }

    /** A rejected push as a batch holding one dead letter (binary bodies are kept base64-encoded), so nothing is lost. */
    public IngestBatch rejected(byte[] body, String reason, int status) {
        DeadLetter deadLetter = new DeadLetter(SOURCE, DeadLetterKind.ofPayloadStatus(status), reason,
                TextLimits.cap(PayloadText.of(body), MAX_DEAD_LETTER_CHARS), body == null ? 0 : body.length);
        return new IngestBatch(SOURCE, List.of(), List.of(deadLetter), null);
    }

    private List<LokiEntry> fromProtobuf(byte[] compressed) {
        byte[] raw;
        try {
            if (!Snappy.isValidCompressedBuffer(compressed)) {
                throw new BadPayloadException("a protobuf push must be snappy-compressed (block format)");
            }
            // The snappy block format states the uncompressed length up front: refuse before allocating it.
            long size = Snappy.uncompressedLength(compressed);
            if (size > maxDecodedBytes) {
                throw new PayloadTooLargeException("push request decompresses to " + size + " bytes, more than the "
                        + maxDecodedBytes + " accepted; send smaller batches");
            }
            raw = Snappy.uncompress(compressed);
        } catch (IOException e) {
            throw new BadPayloadException("cannot snappy-decompress the push request: " + e.getMessage());
        }
        try {
            return PushRequestReader.read(raw, maxEntries);
        } catch (IOException | ArithmeticException e) {
            throw new BadPayloadException("not a Loki PushRequest: " + e.getMessage());
        }
    }

    private List<LokiEntry> fromJson(byte[] bytes) {
        JsonNode root;
        try {
            root = json.readTree(bytes);
        } catch (IOException e) {
            String message = e instanceof JsonProcessingException p ? p.getOriginalMessage() : e.getMessage();
            throw new BadPayloadException("invalid JSON: " + message);
        }
        if (root == null || !root.path("streams").isArray()) {
            throw new BadPayloadException("a JSON push must be {\"streams\": [{\"stream\": {...}, \"values\": [...]}]}");
        }
        List<LokiEntry> entries = new ArrayList<>();
        int index = 0;
        for (JsonNode stream : root.path("streams")) {
            String where = "streams[" + index++ + "]";
            Map<String, String> labels = streamLabels(stream, where);
            if (stream.has("values")) {
                for (JsonNode value : stream.path("values")) {
                    entries.add(jsonValue(labels, value, where));
                    checkEntries(entries.size());
                }
            } else {
                // Loki's older JSON form: {"labels": "{...}", "entries": [{"ts": "RFC3339", "line": "..."}]}
                for (JsonNode entry : stream.path("entries")) {
                    Instant ts = rfc3339(entry.path("ts").asText(""));
                    if (ts == null || !entry.path("line").isTextual()) {
                        throw new BadPayloadException(where + ": an entry needs an RFC 3339 \"ts\" and a \"line\"");
                    }
                    entries.add(new LokiEntry(labels, ts.getEpochSecond() * 1_000_000_000L + ts.getNano(),
                            entry.path("line").asText(), Map.of()));
                    checkEntries(entries.size());
                }
            }
        }
        return entries;
    }

    private void checkEntries(int count) {
        if (count > maxEntries) {
            throw new PayloadTooLargeException("push request holds more than " + maxEntries
                    + " entries; send smaller batches");
        }
    }

    private static Map<String, String> streamLabels(JsonNode stream, String where) {
        if (stream.path("stream").isObject()) {
            return textMap(stream.path("stream"));
        }
        if (stream.path("labels").isTextual()) {
            try {
                return LokiLabels.parse(stream.path("labels").asText());
            } catch (IllegalArgumentException e) {
                throw new BadPayloadException(where + ": " + e.getMessage());
            }
        }
        throw new BadPayloadException(where + ": a stream needs a \"stream\" object of labels");
    }

    private static LokiEntry jsonValue(Map<String, String> labels, JsonNode value, String where) {
        if (!value.isArray() || value.size() < 2 || !value.get(1).isTextual()) {
            throw new BadPayloadException(where + ": each value must be [\"<unix ns>\", \"<line>\"(, {metadata})]");
        }
        long nanos;
        try {
            nanos = Long.parseLong(value.get(0).asText());
        } catch (NumberFormatException e) {
            throw new BadPayloadException(where + ": timestamp must be nanoseconds since the epoch as a string, not "
                    + value.get(0));
        }
        Map<String, String> metadata = value.size() > 2 && value.get(2).isObject() ? textMap(value.get(2)) : Map.of();
        return new LokiEntry(labels, nanos, value.get(1).asText(), metadata);
    }

    static Map<String, String> textMap(JsonNode object) {
        Map<String, String> map = new LinkedHashMap<>();
        object.properties().forEach(e -> map.put(e.getKey(), e.getValue().isTextual() ? e.getValue().asText()
                : e.getValue().toString()));
        return map;
    }

    private static List<LokiEntry> withTenant(List<LokiEntry> entries, String tenant) {
        List<LokiEntry> tagged = new ArrayList<>(entries.size());
        for (LokiEntry entry : entries) {
            Map<String, String> labels = new LinkedHashMap<>(entry.streamLabels());
            labels.putIfAbsent("tenant", tenant);
            tagged.add(new LokiEntry(labels, entry.nanos(), entry.line(), entry.metadata()));
        }
        return tagged;
    }

    private static Instant rfc3339(String text) {
        try {
            return OffsetDateTime.parse(text).toInstant();
        } catch (DateTimeParseException e) {
            return null;
        }
    }
}
