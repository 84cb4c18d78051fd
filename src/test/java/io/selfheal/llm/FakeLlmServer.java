package io.selfheal.llm;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;

import java.io.IOException;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.Executors;

/**
 * A local server speaking the OpenAI chat-completions protocol ({@code POST .../chat/completions}) or Ollama's
 * ({@code POST /api/chat}), answering from a script and recording every request it received. Answers bound to a
 * text of the request ({@link #answerWhen}) come first, so concurrent incidents each get their own answer.
 */
public final class FakeLlmServer implements AutoCloseable {
    public enum Protocol { OPENAI, OLLAMA }

    record Reply(int status, String content, long delayMillis) {
    }

    public record Request(String path, String authorization, String body) {
    }

    private record Rule(String needle, Reply reply) {
    }

    private static final ObjectMapper JSON = new ObjectMapper();
    private final Protocol protocol;
    private final HttpServer server;
    private final ConcurrentLinkedQueue<Reply> script = new ConcurrentLinkedQueue<>();
    private final List<Request> requests = new CopyOnWriteArrayList<>();
    private final List<Rule> rules = new CopyOnWriteArrayList<>();

    public FakeLlmServer(Protocol protocol) throws IOException {
        this.protocol = protocol;
        server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        server.setExecutor(Executors.newFixedThreadPool(4));
        server.createContext("/", this::handle);
        server.start();
    }

    public String baseUrl() {
        String root = "http://127.0.0.1:" + server.getAddress().getPort();
        return protocol == Protocol.OPENAI ? root + "/v1" : root;
    }

    FakeLlmServer answer(String content) {
        script.add(new Reply(200, content, 0));
        return this;
    }

    FakeLlmServer fail(int status) {
        script.add(new Reply(status, null, 0));
        return this;
    }

    FakeLlmServer slow(long delayMillis, String content) {
        script.add(new Reply(200, content, delayMillis));
        return this;
    }

    /** Answers {@code content}, as often as asked, to every request whose body contains {@code needle}. */
    public FakeLlmServer answerWhen(String needle, String content) {
        rules.add(new Rule(needle, new Reply(200, content, 0)));
        return this;
    }

    public List<Request> requests() {
        return List.copyOf(requests);
    }

    private void handle(HttpExchange exchange) throws IOException {
        String body = new String(exchange.getRequestBody().readAllBytes(), StandardCharsets.UTF_8);
        requests.add(new Request(exchange.getRequestURI().getPath(), exchange.getRequestHeaders().getFirst("Authorization"), body));
        String path = exchange.getRequestURI().getPath();
        boolean known = protocol == Protocol.OPENAI ? path.endsWith("/chat/completions") : path.equals("/api/chat");
        Reply reply = known ? rules.stream().filter(r -> body.contains(r.needle())).map(Rule::reply).findFirst()
                .orElseGet(script::poll) : new Reply(404, null, 0);
        if (reply == null) {
            reply = new Reply(500, null, 0);
        }
        try {
            if (reply.delayMillis() > 0) {
                Thread.sleep(reply.delayMillis());
            }
            String response = reply.status() == 200 ? success(reply.content()) : error(reply.status());
            byte[] bytes = response.getBytes(StandardCharsets.UTF_8);
            exchange.getResponseHeaders().add("Content-Type", "application/json");
            exchange.sendResponseHeaders(reply.status(), bytes.length);
            try (OutputStream out = exchange.getResponseBody()) {
                out.write(bytes);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } catch (IOException e) {
            // The client gave up (timeout): nothing left to send.
        } finally {
            exchange.close();
        }
    }

    private String success(String content) throws IOException {
        ObjectNode root = JSON.createObjectNode();
        if (protocol == Protocol.OPENAI) {
            root.put("id", "chatcmpl-9fQx2").put("object", "chat.completion").put("created", 1714557600)
                    .put("model", "gpt-4.1-mini-2025-04-14").put("system_fingerprint", "fp_b38e740b47");
            ObjectNode choice = root.putArray("choices").addObject();
            choice.put("index", 0).putNull("logprobs");
            choice.putObject("message").put("role", "assistant").put("content", content).putNull("refusal");
            choice.put("finish_reason", "stop");
            root.putObject("usage").put("prompt_tokens", 812).put("completion_tokens", 64).put("total_tokens", 876);
        } else {
            root.put("model", "llama3.1").put("created_at", "2024-05-01T10:00:00.123456Z");
            root.putObject("message").put("role", "assistant").put("content", content);
            root.put("done_reason", "stop").put("done", true).put("total_duration", 4_883_583_458L)
                    .put("load_duration", 1_334_875L).put("prompt_eval_count", 700).put("prompt_eval_duration", 342_546_000L)
                    .put("eval_count", 50).put("eval_duration", 4_535_599_000L);
        }
        return JSON.writeValueAsString(root);
    }

    private static String error(int status) {
        if (status == 429) {
            return "{\"error\":{\"message\":\"Rate limit reached for gpt-4.1-mini on requests per min (RPM): Limit 3.\",\"type\":\"requests\",\"param\":null,\"code\":\"rate_limit_exceeded\"}}";
        }
        return "{\"error\":{\"message\":\"The server had an error while processing your request.\",\"type\":\"server_error\",\"param\":null,\"code\":null}}";
    }

    @Override
    public void close() {
        server.stop(0);
        ((java.util.concurrent.ExecutorService) server.getExecutor()).shutdownNow();
    }
}
