package io.selfheal.demo;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;

import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;

/**
 * What the demo's healing actions reach: an operations webhook and a Slack-compatible chat hook on 127.0.0.1, as a
 * deploy tool or an automation gateway would receive them. Webhook calls need the bearer token the demo configured;
 * {@code POST /hooks/<strategy>} heals the body's {@code service} in the {@link DemoFleet}, {@code .../undo} undoes
 * it, and {@code POST /chat/...} takes a notification. Anything else is answered 4xx with the reason.
 */
public final class DemoReceiver implements AutoCloseable {
    private static final ObjectMapper JSON = new ObjectMapper();

    private final HttpServer server;
    private final byte[] expectedAuthorization;
    private final DemoFleet fleet;

    private DemoReceiver(HttpServer server, String token, DemoFleet fleet) {
        this.server = server;
        this.expectedAuthorization = ("Bearer " + token).getBytes(StandardCharsets.UTF_8);
        this.fleet = fleet;
    }

    public static DemoReceiver start(String token, DemoFleet fleet) throws IOException {
        HttpServer server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        DemoReceiver receiver = new DemoReceiver(server, token, fleet);
        server.createContext("/hooks/", receiver::hook);
        server.createContext("/chat/", receiver::chat);
        server.start();
        return receiver;
    }

    /** Base URL of the operations webhook (strategy {@code x} POSTs to {@code <url>/x}). */
    public String webhookUrl() {
        return base() + "/hooks";
    }

    public String chatUrl() {
        return base() + "/chat/demo-channel";
    }

    private String base() {
        return "http://127.0.0.1:" + server.getAddress().getPort();
    }

    private void hook(HttpExchange exchange) throws IOException {
        try (exchange) {
            if (!"POST".equals(exchange.getRequestMethod())) {
                answer(exchange, 405, "only POST");
                return;
            }
            String authorization = exchange.getRequestHeaders().getFirst("Authorization");
            if (authorization == null || !MessageDigest.isEqual(expectedAuthorization, authorization.getBytes(StandardCharsets.UTF_8))) {
                answer(exchange, 401, "the webhook token is required");
                return;
            }
            JsonNode body;
            try {
                body = JSON.readTree(exchange.getRequestBody());
            } catch (IOException e) {
                answer(exchange, 400, "the body is not JSON: " + e.getMessage());
                return;
            }
            String service = body == null ? "" : body.path("service").asText("");
            if (service.isEmpty()) {
                answer(exchange, 400, "the body names no service");
                return;
            }
            boolean undo = exchange.getRequestURI().getPath().endsWith("/undo");
            if (undo) {
                fleet.relapse(service);
            } else {
                fleet.heal(service);
            }
            answer(exchange, 200, (undo ? "undone on " : "applied to ") + service);
        }
    }

    private void chat(HttpExchange exchange) throws IOException {
        try (exchange) {
            exchange.getRequestBody().readAllBytes();
            answer(exchange, "POST".equals(exchange.getRequestMethod()) ? 200 : 405, "message posted");
        }
    }

    private static void answer(HttpExchange exchange, int status, String message) throws IOException {
        byte[] body = JSON.createObjectNode().put("status", status).put("message", message).toString()
                .getBytes(StandardCharsets.UTF_8);
        exchange.getResponseHeaders().add("Content-Type", "application/json");
        exchange.sendResponseHeaders(status, body.length);
        exchange.getResponseBody().write(body);
    }

    @Override
    public void close() {
        server.stop(0);
    }
}
