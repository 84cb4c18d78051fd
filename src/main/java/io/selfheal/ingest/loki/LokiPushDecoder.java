package io.selfheal.ingest.loki;

import com.fasterxml.jackson.databind.JsonNode;
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
    private final long maxDecodedBytes;
    private final int maxEntries;

    /**
     * @param maxDecodedBytes the largest body accepted once decompressed (a zip bomb guard), checked before the
     *                        decompressed body is allocated
     * @param maxEntries      the most log entries one push may hold
     */
    public LokiPushDecoder(LogParser parser, long maxDecodedBytes, int maxEntries) {
        this.mapper = new LokiEntryMapper(parser);
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
        List<LokiEntry> entries = type.contains("json") ? PushJsonReader.read(bytes, maxEntries) : fromProtobuf(bytes);
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
}
