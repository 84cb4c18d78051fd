package io.selfheal.ingest.loki;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.Deque;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Loki's {@code GET /loki/api/v1/query_range} over real HTTP, with Loki's semantics: streams selected by label
 * equality matchers, {@code start} inclusive and {@code end} exclusive in nanoseconds, {@code direction=forward} with
 * {@code limit} applied across streams in timestamp order, timestamps as strings, structured metadata as a third
 * element, {@code X-Scope-OrgID} tenants, and scripted failures (429 with Retry-After, 500).
 */
final class FakeLoki implements AutoCloseable {
    private static final Pattern MATCHER = Pattern.compile("([a-zA-Z_][a-zA-Z0-9_]*)\\s*=\\s*\"([^\"]*)\"");
    private final ObjectMapper json = new ObjectMapper();
    private final HttpServer server;
    private final List<Line> lines = new CopyOnWriteArrayList<>();
    private final Deque<Integer> failures = new ArrayDeque<>();
    final List<Map<String, String>> requests = new CopyOnWriteArrayList<>();

    FakeLoki() throws IOException {
        server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        server.createContext("/loki/api/v1/query_range", this::queryRange);
        server.start();
    }

    URI url() {
        return URI.create("http://127.0.0.1:" + server.getAddress().getPort());
    }

    void add(Map<String, String> stream, long nanos, String line, Map<String, String> metadata) {
        lines.add(new Line(stream, nanos, line, metadata));
    }

    /** The next requests get these statuses, in order, before answering normally again. */
    synchronized void failNext(int... statuses) {
        for (int status : statuses) {
            failures.addLast(status);
        }
    }

    private synchronized Integer nextFailure() {
        return failures.pollFirst();
    }

    private void queryRange(HttpExchange exchange) throws IOException {
        try (exchange) {
            Map<String, String> query = parameters(exchange.getRequestURI());
            Map<String, String> seen = new HashMap<>(query);
            seen.put("X-Scope-OrgID", exchange.getRequestHeaders().getFirst("X-Scope-OrgID"));
            seen.put("Authorization", exchange.getRequestHeaders().getFirst("Authorization"));
            requests.add(seen);
            Integer failure = nextFailure();
            if (failure != null) {
                if (failure == 429) {
                    exchange.getResponseHeaders().add("Retry-After", "1");
                }
                send(exchange, failure, failure == 429 ? "too many outstanding requests" : "internal error");
                return;
            }
            if (!"forward".equals(query.get("direction"))) {
                send(exchange, 400, "this fake only serves direction=forward");
                return;
            }
            Map<String, String> selector = selector(query.get("query"));
            long start = Long.parseLong(query.get("start"));
            long end = Long.parseLong(query.get("end"));
            int limit = Integer.parseInt(query.getOrDefault("limit", "100"));
            List<Line> selected = lines.stream()
                    .filter(l -> l.stream.entrySet().containsAll(selector.entrySet()))
                    .filter(l -> l.nanos >= start && l.nanos < end)
                    .sorted(Comparator.comparingLong(Line::nanos))
                    .limit(limit)
                    .toList();
            send(exchange, 200, json.writeValueAsString(answer(selected)));
        }
    }

    private ObjectNode answer(List<Line> selected) {
        Map<Map<String, String>, List<Line>> byStream = new LinkedHashMap<>();
        for (Line line : selected) {
            byStream.computeIfAbsent(line.stream, s -> new ArrayList<>()).add(line);
        }
        ObjectNode root = json.createObjectNode().put("status", "success");
        ObjectNode data = root.putObject("data").put("resultType", "streams");
        ArrayNode result = data.putArray("result");
        byStream.forEach((stream, streamLines) -> {
            ObjectNode s = result.addObject();
            ObjectNode labels = s.putObject("stream");
            stream.forEach(labels::put);
            ArrayNode values = s.putArray("values");
            for (Line line : streamLines) {
                ArrayNode value = values.addArray().add(Long.toString(line.nanos)).add(line.line);
                if (!line.metadata.isEmpty()) {
                    ObjectNode categorized = value.addObject();
                    ObjectNode metadata = categorized.putObject("structuredMetadata");
                    line.metadata.forEach(metadata::put);
                }
            }
        });
        data.putObject("stats").putObject("summary").put("totalEntriesReturned", selected.size());
        return root;
    }

    private static Map<String, String> selector(String logql) {
        Map<String, String> selector = new HashMap<>();
        String streamPart = logql.substring(logql.indexOf('{') + 1, logql.indexOf('}'));
        Matcher m = MATCHER.matcher(streamPart);
        while (m.find()) {
            selector.put(m.group(1), m.group(2));
        }
        return selector;
    }

    private static Map<String, String> parameters(URI uri) {
        Map<String, String> parameters = new HashMap<>();
        for (String pair : uri.getRawQuery().split("&")) {
            int eq = pair.indexOf('=');
            parameters.put(URLDecoder.decode(pair.substring(0, eq), StandardCharsets.UTF_8),
                    URLDecoder.decode(pair.substring(eq + 1), StandardCharsets.UTF_8));
        }
        return parameters;
    }

    private static void send(HttpExchange exchange, int status, String body) throws IOException {
        byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
        exchange.getResponseHeaders().add("Content-Type", status == 200 ? "application/json" : "text/plain");
        exchange.sendResponseHeaders(status, bytes.length);
        exchange.getResponseBody().write(bytes);
    }

    @Override
    public void close() {
        server.stop(0);
    }

    private record Line(Map<String, String> stream, long nanos, String line, Map<String, String> metadata) {
    }
}
