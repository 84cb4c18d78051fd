package io.selfheal.api;

import io.selfheal.testing.RunningApp;
import io.selfheal.testing.TestDatabase;
import org.apache.camel.component.platform.http.HttpEndpointModel;
import org.apache.camel.component.platform.http.PlatformHttpComponent;
import org.apache.camel.spi.RestRegistry;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Every HTTP route Camel registered — REST, platform-http, management, and one loaded live from the routes directory —
 * is behind the gate: without the right token, with a wrong one, or with the token in the query string, it answers
 * 401 {"error":"unauthorized"}; only the dashboard's files, health and metrics are open.
 */
class HttpGateTest {
    private static final String OPERATOR = "op-7a1f0c9e";
    private static final String READER = "ro-51d2b7aa";
    private static final String INGEST = "in-c03e88f4";
    private static final HttpClient HTTP = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(10)).build();

    @TempDir
    static Path work;

    private static RunningApp app;

    @BeforeAll
    static void start() throws Exception {
        TestDatabase.get().reset();
        Files.createDirectories(work.resolve("routes"));
        Files.writeString(work.resolve("routes/echo.yaml"), """
                - route:
                    id: live-echo
                    from:
                      uri: platform-http:/ext/echo
                      steps:
                        - setBody:
                            simple: "echo: ${header.text}"
                """);
        app = RunningApp.startIn(work, Map.of(
                "selfheal.api.operator-token", OPERATOR,
                "selfheal.api.read-token", READER,
                "selfheal.api.ingest-token", INGEST));
    }

    @AfterAll
    static void stop() {
        if (app != null) {
            app.close();
        }
    }

    @Test
    void everyRegisteredRouteNeedsItsToken() throws Exception {
        List<Call> calls = registeredCalls();
        assertThat(calls).extracting(Call::path)
                .contains("/api/v1/incidents", "/api/v1/dashboard/1", "/api/v1/sources", "/api/v1/routes/errors",
                        "/api/v1/logs", "/loki/api/v1/push", "/api/v1/healing/pause", "/observe/jolokia", "/ext/echo");
        Set<String> open = new TreeSet<>();
        for (Call call : calls) {
            AccessLevel level = AccessLevel.of(call.method(), call.path());
            if (level == AccessLevel.OPEN) {
                open.add(call.path());
                continue;
            }
            for (String authorization : new String[]{null, "Bearer wrong", "Bearer " + INGEST + "x", "Basic "
                    + Base64.getEncoder().encodeToString((OPERATOR + ":").getBytes(StandardCharsets.UTF_8))}) {
                HttpResponse<String> refused = send(call, "", authorization);
                assertThat(refused.statusCode()).as(call + " with " + authorization).isEqualTo(401);
                assertThat(refused.body()).isEqualTo("{\"error\":\"unauthorized\"}");
            }
            String token = switch (level) {
                case INGEST -> INGEST;
                case READ -> READER;
                default -> OPERATOR;
            };
            String inQuery = "?Authorization=" + URLEncoder.encode("Bearer " + token, StandardCharsets.UTF_8);
            assertThat(send(call, inQuery, null).statusCode()).as(call + " with the token in the query").isEqualTo(401);
            assertThat(send(call, "?access_token=" + token, "Bearer " + token).statusCode())
                    .as(call + " with a token in the query as well").isEqualTo(401);
            assertThat(send(call, "", "Bearer " + token).statusCode()).as(call + " with its token").isNotEqualTo(401);
            if (level == AccessLevel.READ) {
                assertThat(send(call, "", "Bearer " + OPERATOR).statusCode()).as(call + " read by the operator")
                        .isNotEqualTo(401);
            }
        }
        assertThat(open).containsExactlyInAnyOrder("/", "/index.html", "/dashboard.css", "/dashboard.js", "/detail.js",
                "/observe/health", "/observe/metrics");
    }

    @Test
    void readTokenDoesNotOperateAndIngestTokenOnlyPushes() throws Exception {
        assertThat(send(new Call("POST", "/api/v1/healing/pause"), "", "Bearer " + READER).statusCode()).isEqualTo(401);
        assertThat(send(new Call("GET", "/api/v1/incidents"), "", "Bearer " + INGEST).statusCode()).isEqualTo(401);
        assertThat(send(new Call("POST", "/api/v1/logs"), "", "Bearer " + READER).statusCode()).isEqualTo(401);
    }

    @Test
    void lokiClientsPushWithBasicAuthAndTheirTenantIsKept() throws Exception {
        String push = """
                {"streams":[{"stream":{"service_name":"billing"},"values":[["%d","ERROR invoice store unreachable"]]}]}"""
                .formatted(System.currentTimeMillis() * 1_000_000L);
        HttpRequest request = HttpRequest.newBuilder(app.uri("/loki/api/v1/push"))
                .header("Content-Type", "application/json")
                .header("Authorization", "Basic " + Base64.getEncoder()
                        .encodeToString(("promtail:" + INGEST).getBytes(StandardCharsets.UTF_8)))
                .header("X-Scope-OrgID", "team-a")
                .POST(HttpRequest.BodyPublishers.ofString(push)).build();
        assertThat(HTTP.send(request, HttpResponse.BodyHandlers.ofString()).statusCode()).isEqualTo(204);
        assertThat(RunningApp.count("SELECT count(*) FROM log_entries WHERE service = 'billing' "
                + "AND labels->>'tenant' = 'team-a'")).isEqualTo(1);

        HttpRequest anonymous = HttpRequest.newBuilder(app.uri("/loki/api/v1/push"))
                .header("Content-Type", "application/json").header("X-Scope-OrgID", "team-a")
                .POST(HttpRequest.BodyPublishers.ofString(push)).build();
        assertThat(HTTP.send(anonymous, HttpResponse.BodyHandlers.ofString()).statusCode()).isEqualTo(401);
        assertThat(RunningApp.count("SELECT count(*) FROM log_entries WHERE service = 'billing'")).isEqualTo(1);
    }

    @Test
    void logPushersTenantIsKeptUnlessAnEventNamesItsOwn() throws Exception {
        String body = """
                [{"level":"ERROR","service":"ledger","message":"ledger store unreachable"},
                 {"level":"ERROR","service":"ledger","message":"ledger store unreachable","tenant":"own"}]""";
        HttpRequest request = HttpRequest.newBuilder(app.uri("/api/v1/logs"))
                .header("Content-Type", "application/json")
                .header("Authorization", "Bearer " + INGEST)
                .header("X-Scope-OrgID", "team-b")
                .POST(HttpRequest.BodyPublishers.ofString(body)).build();
        assertThat(HTTP.send(request, HttpResponse.BodyHandlers.ofString()).statusCode()).isEqualTo(200);
        assertThat(RunningApp.count("SELECT count(*) FROM log_entries WHERE service = 'ledger' "
                + "AND labels->>'tenant' = 'team-b'")).isEqualTo(1);
        assertThat(RunningApp.count("SELECT count(*) FROM log_entries WHERE service = 'ledger' "
                + "AND labels->>'tenant' = 'own'")).isEqualTo(1);
    }

    @Test
    void onlyTheDashboardsOwnFilesAreServed() throws Exception {
        for (String file : List.of("/", "/index.html", "/dashboard.css", "/dashboard.js", "/detail.js")) {
            assertThat(send(new Call("GET", file), "", null).statusCode()).as(file).isEqualTo(200);
        }
        for (String path : List.of("/application.properties", "/jolokia-access.xml", "/logback.xml",
                "/io/selfheal/Selfheal.class", "/dashboard/index.html", "/routes/healing-api.yaml",
                "/META-INF/MANIFEST.MF", "/prompts/system.txt", "/routes/echo.yaml")) {
            HttpResponse<String> response = send(new Call("GET", path), "", "Bearer " + READER);
            assertThat(response.statusCode()).as(path).isEqualTo(404);
            assertThat(response.body()).doesNotContain("selfheal.").doesNotContain("<restrict>").contains("not_found");
        }
        HttpResponse<String> traversal = HTTP.send(HttpRequest.newBuilder(URI.create(app.url("/") + "..%2Fjolokia-access.xml"))
                .header("Authorization", "Bearer " + READER).build(), HttpResponse.BodyHandlers.ofString());
        assertThat(traversal.statusCode()).isEqualTo(404);
    }

    /** Each verb of each endpoint the platform-http component and the REST registry know, {id}-style parts filled. */
    private static List<Call> registeredCalls() {
        var camel = app.app().camelContext();
        PlatformHttpComponent http = camel.getComponent("platform-http", PlatformHttpComponent.class);
        Set<Call> calls = new java.util.LinkedHashSet<>();
        List<HttpEndpointModel> endpoints = new ArrayList<>(http.getHttpEndpoints());
        endpoints.addAll(http.getHttpManagementEndpoints());
        for (HttpEndpointModel endpoint : endpoints) {
            String verbs = endpoint.getVerbs() == null || endpoint.getVerbs().isBlank() ? "GET,POST" : endpoint.getVerbs();
            for (String verb : verbs.split(",")) {
                calls.add(new Call(verb.strip(), fill(endpoint.getUri())));
            }
        }
        for (RestRegistry.RestService rest : camel.getRestRegistry().listAllRestServices()) {
            String path = (rest.getBasePath() + (rest.getUriTemplate() == null ? "" : rest.getUriTemplate()))
                    .replace("//", "/");
            calls.add(new Call(rest.getMethod().toUpperCase(), fill(path)));
        }
        return new ArrayList<>(calls);
    }

    private static String fill(String template) {
        String path = template.replaceAll("\\{[^}]+}", "1");
        return path.endsWith("*") ? path.substring(0, path.length() - 1) : path;
    }

    private static HttpResponse<String> send(Call call, String query, String authorization) throws Exception {
        HttpRequest.Builder request = HttpRequest.newBuilder(app.uri(call.path() + query))
                .timeout(Duration.ofSeconds(60))
                .method(call.method(), call.method().equals("GET") || call.method().equals("HEAD")
                        ? HttpRequest.BodyPublishers.noBody() : HttpRequest.BodyPublishers.ofString("{}"))
                .header("Content-Type", "application/json");
        if (authorization != null) {
            request.header("Authorization", authorization);
        }
        return HTTP.send(request.build(), HttpResponse.BodyHandlers.ofString());
    }

    private record Call(String method, String path) {
    }
}
