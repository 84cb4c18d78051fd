package io.selfheal.heal.action;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.sun.net.httpserver.HttpsConfigurator;
import com.sun.net.httpserver.HttpsServer;
import io.selfheal.heal.RecordingHttpServer;
import io.selfheal.testing.RunningApp;
import io.selfheal.testing.TestDatabase;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The Kubernetes action against an HTTPS API server signed by a private cluster CA (trusted through
 * {@code selfheal.actions.kubernetes.ca-file}), and PagerDuty Events v2 against a local HTTP server: each request as
 * the real service expects it, credentials kept out of the audit.
 */
class KubernetesAndPagerDutyActionTest {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String KUBE_TOKEN = "kube-service-account-token";
    private static final String ROUTING_KEY = "pagerduty-routing-key-0123";

    record Received(String method, String path, String authorization, String contentType, String body) {
    }

    @TempDir
    Path dir;

    @Test
    void aResourceIncidentPatchesTheDeploymentAndAnUnhealableOnePagesOnCall() throws Exception {
        TestDatabase.get().reset();
        TestCertificates certificates = TestCertificates.create(dir);
        List<Received> kube = new CopyOnWriteArrayList<>();
        HttpsServer apiServer = HttpsServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        apiServer.setHttpsConfigurator(new HttpsConfigurator(certificates.serverContext()));
        apiServer.createContext("/", exchange -> {
            kube.add(new Received(exchange.getRequestMethod(), exchange.getRequestURI().getPath(),
                    exchange.getRequestHeaders().getFirst("Authorization"), exchange.getRequestHeaders().getFirst("Content-Type"),
                    new String(exchange.getRequestBody().readAllBytes(), StandardCharsets.UTF_8)));
            byte[] answer = "{\"kind\":\"Deployment\"}".getBytes(StandardCharsets.UTF_8);
            exchange.sendResponseHeaders(200, answer.length);
            exchange.getResponseBody().write(answer);
            exchange.close();
        });
        apiServer.start();
        Map<String, String> p = new HashMap<>();
        p.put("selfheal.assess.cron", "* * * * * ?");
        p.put("selfheal.assess.window", "10s");
        p.put("selfheal.assess.baseline-window", "10m");
        p.put("selfheal.healing.dry-run", "false");
        p.put("selfheal.routes.dir", dir.resolve("routes").toString());
        p.put("selfheal.api.operator-token", "operator");
        p.put("selfheal.actions.kubernetes.url", "https://127.0.0.1:" + apiServer.getAddress().getPort());
        p.put("selfheal.actions.kubernetes.token", KUBE_TOKEN);
        p.put("selfheal.actions.kubernetes.ca-file", certificates.caPem.toString());
        try (RecordingHttpServer pagerDuty = new RecordingHttpServer()) {
            p.put("selfheal.actions.pagerduty.url", pagerDuty.url());
            p.put("selfheal.actions.pagerduty.routing-key", ROUTING_KEY);
            try (RunningApp app = RunningApp.start(dir.resolve("logs"), p)) {
                // No webhook is configured: the circuit breaker cannot be planned, so the database errors page on-call.
                push(app, "orders", "Worker crashed", "java.lang.OutOfMemoryError: Java heap space\n\tat com.acme.orders.Cart.load(Cart.java:12)");
                push(app, "billing", "Could not charge", "java.sql.SQLTransientConnectionException: HikariPool-1 - Connection is not available"
                        + "\n\tat com.zaxxer.hikari.pool.HikariPool.createTimeoutException(HikariPool.java:696)");
                RunningApp.await("a PATCH on the orders deployment", () -> !kube.isEmpty(), Duration.ofSeconds(60));
                RunningApp.await("a PagerDuty event", () -> !pagerDuty.requestsTo("/v2/enqueue").isEmpty(), Duration.ofSeconds(60));
            }

            Received patch = kube.get(0);
            assertThat(patch.method()).isEqualTo("PATCH");
            assertThat(patch.path()).startsWith("/apis/apps/v1/namespaces/default/deployments/orders");
            assertThat(patch.authorization()).isEqualTo("Bearer " + KUBE_TOKEN);
            assertThat(patch.contentType()).isIn("application/strategic-merge-patch+json", "application/merge-patch+json");
            JsonNode spec = JSON.readTree(patch.body()).path("spec");
            assertThat(spec.path("replicas").isInt() || spec.path("template").path("metadata").path("annotations")
                    .has("kubectl.kubernetes.io/restartedAt")).isTrue();

            RecordingHttpServer.Request page = pagerDuty.requestsTo("/v2/enqueue").get(0);
            assertThat(page.method()).isEqualTo("POST");
            assertThat(page.contentType()).isEqualTo("application/json");
            JsonNode event = JSON.readTree(page.body());
            assertThat(event.path("routing_key").asText()).isEqualTo(ROUTING_KEY);
            assertThat(event.path("event_action").asText()).isEqualTo("trigger");
            assertThat(event.path("dedup_key").asText()).startsWith("selfheal-");
            assertThat(event.path("payload").path("source").asText()).isEqualTo("billing");
            assertThat(event.path("payload").path("severity").asText()).isIn("critical", "error", "warning", "info");
            assertThat(event.path("payload").path("summary").asText()).contains("billing");
            assertThat(event.path("payload").path("custom_details").path("error_type").asText()).isEqualTo("database");
        } finally {
            apiServer.stop(0);
        }
        assertThat(RunningApp.count("SELECT count(*) FROM healing_actions WHERE params::text LIKE '%" + KUBE_TOKEN + "%' "
                + "OR params::text LIKE '%" + ROUTING_KEY + "%'")).isZero();
        assertThat(RunningApp.count("SELECT count(*) FROM healing_actions WHERE strategy = 'notify' AND status = 'succeeded'")).isPositive();
    }

    private static void push(RunningApp app, String service, String message, String stack) throws Exception {
        var events = JSON.createArrayNode();
        for (int i = 0; i < 20; i++) {
            events.addObject().put("@timestamp", Instant.now().toString()).put("level", "ERROR").put("service", service)
                    .put("host", "host-" + (i % 2)).put("message", message + " " + i).put("stack_trace", stack);
        }
        assertThat(app.post("/api/v1/logs", "application/json", JSON.writeValueAsString(events)).statusCode()).isEqualTo(200);
    }
}
