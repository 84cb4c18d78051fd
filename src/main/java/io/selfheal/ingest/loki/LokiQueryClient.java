package io.selfheal.ingest.loki;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import java.io.IOException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Base64;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/** Calls Loki's {@code GET /loki/api/v1/query_range} (direction forward) and reads its streams. */
final class LokiQueryClient {
    private final LokiSettings settings;
    private final ObjectMapper json;
    private final HttpClient http;

    LokiQueryClient(LokiSettings settings, ObjectMapper json) {
        this.settings = settings;
        this.json = json;
        this.http = HttpClient.newBuilder().connectTimeout(settings.timeout()).build();
    }

    /**
     * Entries of {@code query} with {@code start <= ts < end}, at most {@code limit}, sorted by timestamp.
     *
     * @throws LokiUnavailableException on 429, 5xx or a network failure (worth retrying later)
     * @throws IOException              on any other failure (a bad query, a bad answer)
     */
    List<LokiEntry> queryRange(String query, long startNanos, long endNanos) throws IOException, InterruptedException {
        String uri = settings.url().toString().replaceAll("/+$", "") + "/loki/api/v1/query_range"
                + "?query=" + encode(query) + "&start=" + startNanos + "&end=" + endNanos
                + "&limit=" + settings.limit() + "&direction=forward";
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(uri)).timeout(settings.timeout()).GET()
                .header("Accept", "application/json");
        if (settings.tenant() != null) {
            request.header("X-Scope-OrgID", settings.tenant());
        }
        if (settings.username() != null) {
            String credentials = settings.username() + ":" + (settings.password() == null ? "" : settings.password());
            request.header("Authorization", "Basic "
                    + Base64.getEncoder().encodeToString(credentials.getBytes(StandardCharsets.UTF_8)));
        } else if (settings.bearerToken() != null) {
            request.header("Authorization", "Bearer " + settings.bearerToken());
        }
        HttpResponse<byte[]> response;
        try {
            response = http.send(request.build(), HttpResponse.BodyHandlers.ofByteArray());
        } catch (IOException e) {
            throw new LokiUnavailableException("Loki unreachable: " + e, null);
        }
        int status = response.statusCode();
        if (status == 429 || status >= 500) {
            throw new LokiUnavailableException("Loki answered " + status + ": " + snippet(response.body()),
                    retryAfter(response.headers().firstValue("Retry-After")));
        }
        if (status != 200) {
            throw new IOException("Loki answered " + status + " to " + query + ": " + snippet(response.body()));
        }
        return parse(response.body());
    }

    /** Reads a query_range answer: {@code {"data": {"resultType": "streams", "result": [{stream, values}]}}}. */
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

    private static Duration retryAfter(Optional<String> header) {
        try {
            return header.map(h -> Duration.ofSeconds(Long.parseLong(h.strip()))).orElse(null);
        } catch (NumberFormatException e) {
            return null; // an HTTP-date: our own backoff applies
        }
    }

    private static String snippet(byte[] body) {
        String text = new String(body, StandardCharsets.UTF_8).strip();
        return text.length() > 300 ? text.substring(0, 300) + "…" : text;
    }

    private static String encode(String text) {
        return URLEncoder.encode(text, StandardCharsets.UTF_8).replace("+", "%20");
    }
}
