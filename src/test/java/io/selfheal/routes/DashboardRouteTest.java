package io.selfheal.routes;

import com.fasterxml.jackson.databind.JsonNode;
import io.selfheal.testing.TestDatabase;
import io.selfheal.testing.YamlRouteTestSupport;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.net.http.HttpResponse;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The real routes/dashboard.yaml over real HTTP (platform-http), its sql: views on the test PostgreSQL; the error
 * answers come from the healing-api route configuration it uses, so routes/healing-api.yaml is loaded beside it.
 */
class DashboardRouteTest extends YamlRouteTestSupport {

    @BeforeEach
    void startRoutes() throws Exception {
        TestDatabase.get().reset();
        useAppProperties(Map.of("selfheal.dashboard.hawtio-url", "http://hawtio.example/hawtio"));
        bindApi();
        serveHttp();
        load("classpath:routes/healing-api.yaml", "classpath:routes/dashboard.yaml");
        context.start();
    }

    @Test
    void servesOnlyItsOwnFilesWithTheirContentTypes() throws Exception {
        HttpResponse<String> page = get("/");
        assertThat(page.statusCode()).isEqualTo(200);
        assertThat(page.headers().firstValue("Content-Type")).hasValue("text/html; charset=utf-8");
        assertThat(page.body()).contains("<html");
        assertThat(get("/index.html").body()).isEqualTo(page.body());

        HttpResponse<String> script = get("/dashboard.js?v=2");
        assertThat(script.statusCode()).isEqualTo(200);
        assertThat(script.headers().firstValue("Content-Type")).hasValue("text/javascript; charset=utf-8");
        assertThat(get("/dashboard.css").headers().firstValue("Content-Type")).hasValue("text/css; charset=utf-8");
        assertThat(get("/detail.js").statusCode()).isEqualTo(200);

        assertThat(get("/application.properties").statusCode()).isEqualTo(404);
        HttpResponse<String> post = http("POST", "/", "text/plain", new byte[] {1});
        assertThat(post.statusCode()).as("GET and HEAD only").isEqualTo(404);
        assertThat(post.body()).doesNotContain("<html");
    }

    @Test
    void theFingerprintsViewCountsTheLast24HoursPerHour() throws Exception {
        errorGroup("00000000000000f1", "orders", "database", "Pool exhausted");
        errorGroup("00000000000000f2", "billing", "network", "Connection reset");
        TestDatabase.get().execute("""
                INSERT INTO log_entries (fingerprint_id, service, ts, level, message)
                VALUES ('00000000000000f2', 'billing', now() - interval '30 minutes', 'ERROR', 'a'),
                       ('00000000000000f2', 'billing', now() - interval '31 minutes', 'ERROR', 'b'),
                       ('00000000000000f2', 'billing', now() - interval '150 minutes', 'ERROR', 'c'),
                       ('00000000000000f2', 'billing', now() - interval '25 hours', 'ERROR', 'too old')""");

        HttpResponse<String> answer = get("/api/v1/dashboard/fingerprints?limit=1");

        assertThat(answer.statusCode()).isEqualTo(200);
        assertThat(answer.headers().firstValue("Content-Type")).hasValue("application/json");
        JsonNode groups = JSON.readTree(answer.body());
        assertThat(groups).hasSize(1);
        JsonNode busiest = groups.get(0);
        assertThat(busiest.get("id").asText()).isEqualTo("00000000000000f2");
        assertThat(busiest.get("last24h").asInt()).isEqualTo(3);
        assertThat(busiest.get("hourly")).hasSize(24);
        assertThat(busiest.get("hourly").get(23).asInt()).isEqualTo(2);
        assertThat(busiest.get("hourly").get(21).asInt()).isEqualTo(1);
    }

    @Test
    void theIncidentsViewListsTheNewestFirst() throws Exception {
        errorGroup("00000000000000f1", "orders", "database", "Pool exhausted");
        TestDatabase.get().execute("""
                INSERT INTO self_heal_events (fingerprint_id, service, error_type, severity, status, detected_at)
                VALUES ('00000000000000f1', 'orders', 'database', 'high', 'closed', now() - interval '1 hour'),
                       ('00000000000000f1', 'orders', 'database', 'critical', 'healing', now())""");

        JsonNode incidents = JSON.readTree(get("/api/v1/dashboard/incidents").body());

        assertThat(incidents).hasSize(2);
        assertThat(incidents.get(0).get("severity").asText()).isEqualTo("critical");
        assertThat(incidents.get(0).get("template").asText()).isEqualTo("Pool exhausted");
        assertThat(incidents.get(1).get("status").asText()).isEqualTo("closed");
    }

    @Test
    void theLinksViewNamesTheConfiguredConsoles() throws Exception {
        JsonNode links = JSON.readTree(get("/api/v1/dashboard/links").body());

        assertThat(links.get("hawtio").asText()).isEqualTo("http://hawtio.example/hawtio");
        assertThat(links.get("grafana").isNull()).isTrue();
    }

    @Test
    void anUnknownViewIs404AndABadLimit400WithAJsonReason() throws Exception {
        HttpResponse<String> unknown = get("/api/v1/dashboard/secrets");
        assertThat(unknown.statusCode()).isEqualTo(404);
        assertThat(JSON.readTree(unknown.body()).get("error").asText()).isEqualTo("not_found");
        assertThat(JSON.readTree(unknown.body()).get("message").asText()).contains("'secrets'");

        HttpResponse<String> badLimit = get("/api/v1/dashboard/incidents?limit=-3");
        assertThat(badLimit.statusCode()).isEqualTo(400);
        assertThat(JSON.readTree(badLimit.body()).get("message").asText()).isEqualTo("limit must be a positive integer, got '-3'");
    }
}
