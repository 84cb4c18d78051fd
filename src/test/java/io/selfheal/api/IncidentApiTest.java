package io.selfheal.api;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import io.selfheal.testing.RunningApp;
import io.selfheal.testing.TestDatabase;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Instant;
import java.util.Iterator;
import java.util.Map;

import static io.selfheal.testing.RunningApp.count;
import static io.selfheal.testing.RunningApp.execute;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

/**
 * The incident API against the real service and PostgreSQL: camelCase lists and pages, 400s for bad query values,
 * JSON 404s, and acknowledge / resolve / mute recorded and respected by real assessments.
 */
class IncidentApiTest {
    private static final String OPERATOR = "operator-token-incidents";
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final HttpClient HTTP = HttpClient.newHttpClient();

    @TempDir
    Path work;
    private RunningApp app;

    @BeforeEach
    void start() throws Exception {
        TestDatabase.get().reset();
        app = RunningApp.startIn(work, Map.of("selfheal.api.operator-token", OPERATOR,
                // Assessments run only when the test asks (POST /api/v1/assessments).
                "selfheal.assess.cron", RunningApp.NEVER,
                "selfheal.assess.window", "10s",
                "selfheal.assess.baseline-window", "10m",
                "selfheal.assess.min-occurrences", "5"));
        assertThat(operate("/api/v1/healing/pause", "").statusCode()).isEqualTo(200);
    }

    @AfterEach
    void stop() {
        if (app != null) {
            app.close();
        }
    }

    @Test
    void listsAndPagesAreCamelCaseWithTemplatesSamplesRateAndDiagnosis() throws Exception {
        pushErrors("checkout", 6, "payment gateway timed out after 3000 ms");
        JsonNode report = assess();
        assertThat(report.path("incidentsOpened").asInt()).isEqualTo(1);
        long id = count("SELECT id FROM self_heal_events");
        RunningApp.await("the paused pipeline's decision", () -> count("SELECT count(*) FROM healing_actions") > 0,
                java.time.Duration.ofSeconds(30));
        execute("""
                INSERT INTO healing_actions (event_id, fingerprint_id, strategy, action_type, status, reason, result)
                SELECT id, fingerprint_id, 'restart', 'webhook', 'failed', 'HTTP 503 from the webhook',
                       '{"status": 503, "body": "unavailable"}'::jsonb
                FROM self_heal_events;
                """);

        JsonNode list = JSON.readTree(get("/api/v1/incidents?service=checkout&q=GATEWAY&since=1h").body());
        JsonNode item = list.path("items").get(0);
        assertThat(item.path("fingerprintId").asText()).hasSize(16);
        assertThat(item.path("template").asText()).contains("payment gateway timed out");
        assertThat(item.path("errorType").asText()).isNotEmpty();
        assertNoSnakeCase(list);
        assertThat(JSON.readTree(get("/api/v1/incidents?service=billing").body()).path("items")).isEmpty();

        JsonNode page = JSON.readTree(get("/api/v1/incidents/" + id).body());
        assertNoSnakeCase(page);
        assertThat(page.path("service").asText()).isEqualTo("checkout");
        assertThat(page.path("sampleStack").asText()).contains("OrderRepository.save");
        assertThat(page.path("samples")).hasSize(6);
        assertThat(page.path("samples").get(0).path("message").asText()).startsWith("payment gateway timed out");
        assertThat(page.path("parameters").isArray()).isTrue();
        assertThat(page.path("severityReasons").isArray()).isTrue();
        JsonNode points = page.path("rate").path("points");
        assertThat(points).hasSize(60);
        long total = 0;
        for (JsonNode p : points) {
            total += p.path("count").asLong();
        }
        assertThat(total).isEqualTo(6);
        // The diagnosis the (paused) pipeline recorded with its first decision, its confidence in weighted parts.
        JsonNode diagnosis = page.path("diagnosis");
        assertThat(diagnosis.path("strategy").asText()).as(page.toString())
                .isEqualTo(page.path("actions").get(0).path("params").path("suggestion").path("strategy").asText())
                .isNotEmpty();
        JsonNode parts = diagnosis.path("confidenceBreakdown");
        double sum = 0;
        for (String part : new String[]{"own", "agreement", "pastSuccess", "evidence"}) {
            sum += parts.path(part).path("contribution").asDouble();
        }
        assertThat(sum).as(parts.toString()).isCloseTo(diagnosis.path("confidence").asDouble(), within(0.01));
        JsonNode action = page.path("actions").get(page.path("actions").size() - 1);
        assertThat(action.path("reason").asText()).isEqualTo("HTTP 503 from the webhook");
        assertThat(action.path("result").path("status").asInt()).isEqualTo(503);

        String fingerprint = item.path("fingerprintId").asText();
        JsonNode groups = JSON.readTree(get("/api/v1/fingerprints?q=gateway").body());
        assertThat(groups.path("items").get(0).path("template").asText()).contains("payment gateway timed out");
        assertNoSnakeCase(groups);
        JsonNode group = JSON.readTree(get("/api/v1/fingerprints/" + fingerprint).body());
        assertThat(group.path("samples")).hasSize(6);
        assertThat(group.path("incidents").get(0).path("id").asLong()).isEqualTo(id);
        assertThat(group.path("rate").path("points")).hasSize(60);
        assertThat(group.path("occurrences").asLong()).isEqualTo(6);
        assertNoSnakeCase(group);
        JsonNode stats = JSON.readTree(get("/api/v1/healing/stats").body());
        assertThat(stats.path("byStrategy").isArray()).isTrue();
        assertThat(stats.path("byTarget").isArray()).isTrue();
    }

    @Test
    void invalidValuesAre400sAndMissingThings404sWithJson() throws Exception {
        for (String bad : new String[]{"/api/v1/incidents?status=bogus", "/api/v1/incidents?limit=abc",
                "/api/v1/incidents?limit=0", "/api/v1/incidents?limit=501", "/api/v1/incidents?offset=-1",
                "/api/v1/incidents?since=yesterday", "/api/v1/incidents?severity=huge", "/api/v1/actions?status=done",
                "/api/v1/fingerprints?status=open", "/api/v1/incidents/abc", "/api/v1/fingerprints/XYZ"}) {
            HttpResponse<String> response = get(bad);
            assertThat(response.statusCode()).as(bad).isEqualTo(400);
            assertThat(JSON.readTree(response.body()).path("error").asText()).as(bad).isEqualTo("bad_request");
        }
        assertThat(JSON.readTree(get("/api/v1/incidents?status=bogus").body()).path("message").asText())
                .contains("status must be one of").contains("open").contains("bogus");
        for (String missing : new String[]{"/api/v1/incidents/424242", "/api/v1/fingerprints/00000000000000ff",
                "/api/v1/no-such-thing", "/no-such-page"}) {
            HttpResponse<String> response = get(missing);
            assertThat(response.statusCode()).as(missing + " " + response.body()).isEqualTo(404);
            assertThat(response.headers().firstValue("Content-Type").orElse("")).as(missing).contains("application/json");
            assertThat(JSON.readTree(response.body()).path("error").asText()).as(missing).isEqualTo("not_found");
        }
        assertThat(operate("/api/v1/incidents/424242/resolve", "").statusCode()).isEqualTo(404);
        assertThat(operate("/api/v1/incidents/1/explode", "").statusCode()).isEqualTo(400);
    }

    @Test
    void muteKeepsAnIncidentFromHealingClosingAndReopeningUntilUnmuted() throws Exception {
        pushErrors("orders", 6, "could not save order");
        assertThat(assess().path("incidentsOpened").asInt()).isEqualTo(1);
        long id = count("SELECT id FROM self_heal_events");
        execute("UPDATE self_heal_events SET status = 'open'");

        // Operations need the operator token.
        assertThat(app.post("/api/v1/incidents/" + id + "/mute", "application/json", "").statusCode()).isEqualTo(401);
        HttpResponse<String> muted = operate("/api/v1/incidents/" + id + "/mute", "{\"by\":\"alice\"}");
        assertThat(muted.statusCode()).isEqualTo(200);
        assertThat(JSON.readTree(muted.body()).path("by").asText()).isEqualTo("alice");
        assertThat(operate("/api/v1/incidents/" + id + "/mute", "").statusCode()).isEqualTo(409);

        JsonNode run = assess();
        assertThat(run.path("incidentsWaitingForHealing").asInt()).isZero();
        // Quiet for a whole window: a muted incident stays, so new errors cannot open a second one.
        execute("UPDATE log_entries SET ts = ts - interval '1 hour'; "
                + "UPDATE self_heal_events SET detected_at = detected_at - interval '1 hour'");
        assertThat(assess().path("incidentsClosed").asInt()).isZero();
        pushErrors("orders", 6, "could not save order");
        run = assess();
        assertThat(run.path("incidentsOpened").asInt()).isZero();
        assertThat(run.path("incidentsWaitingForHealing").asInt()).isZero();
        assertThat(count("SELECT count(*) FROM self_heal_events")).isEqualTo(1);

        assertThat(operate("/api/v1/incidents/" + id + "/unmute", "").statusCode()).isEqualTo(200);
        assertThat(assess().path("incidentsWaitingForHealing").asInt()).isEqualTo(1);
        JsonNode page = JSON.readTree(get("/api/v1/incidents/" + id).body());
        assertThat(page.path("mutedAt").isNull()).isTrue();
        assertThat(page.path("changes")).extracting(c -> c.path("change").asText() + " by " + c.path("actor").asText())
                .containsExactly("mute by alice", "unmute by operator");
    }

    @Test
    void aResolvedIncidentReopensOnlyOnANewSpikeAndAnAcknowledgedOneIsNotEscalated() throws Exception {
        pushErrors("orders", 6, "could not save order");
        assess();
        long first = count("SELECT id FROM self_heal_events");
        HttpResponse<String> resolved = operate("/api/v1/incidents/" + first + "/resolve", "{\"by\":\"bob\"}");
        assertThat(resolved.statusCode()).isEqualTo(200);
        assertThat(JSON.readTree(resolved.body()).path("status").asText()).isEqualTo("closed");
        assertThat(count("SELECT count(*) FROM self_heal_events WHERE resolved_by = 'bob' AND resolved_at IS NOT NULL"))
                .isEqualTo(1);
        assertThat(operate("/api/v1/incidents/" + first + "/resolve", "").statusCode()).isEqualTo(409);

        // The occurrences before the resolution belong to the resolved incident.
        assertThat(assess().path("incidentsOpened").asInt()).isZero();
        pushErrors("orders", 6, "could not save order");
        assertThat(assess().path("incidentsOpened").asInt()).isEqualTo(1);
        long second = count("SELECT max(id) FROM self_heal_events");
        assertThat(second).isGreaterThan(first);

        // Two critical incidents unhealed for an hour: only the one nobody acknowledged is escalated.
        pushErrors("billing", 6, "invoice rendering failed");
        assess();
        long other = count("SELECT id FROM self_heal_events WHERE service = 'billing'");
        assertThat(operate("/api/v1/incidents/" + second + "/acknowledge", "").statusCode()).isEqualTo(200);
        execute("UPDATE self_heal_events SET severity = 'critical', status = 'open', detected_at = now() - interval '1 hour' "
                + "WHERE id IN (" + second + ", " + other + ")");
        JsonNode run = assess();
        assertThat(run.path("escalated")).extracting(JsonNode::asLong).containsExactly(other);
        assertThat(count("SELECT count(*) FROM self_heal_events WHERE id = " + second + " AND status = 'escalated'")).isZero();
        assertThat(count("SELECT count(*) FROM incident_changes WHERE incident_id = " + second
                + " AND change = 'acknowledge' AND actor = 'operator'")).isEqualTo(1);
    }

    private void pushErrors(String service, int n, String message) throws Exception {
        ArrayNode events = JSON.createArrayNode();
        for (int i = 0; i < n; i++) {
            events.addObject().put("@timestamp", Instant.now().toString()).put("level", "ERROR").put("service", service)
                    .put("message", message + " after " + (3000 + i) + " ms")
                    .put("stack_trace", "java.net.SocketTimeoutException: Read timed out\n"
                            + "\tat com.acme.orders.OrderRepository.save(OrderRepository.java:41)");
        }
        HttpResponse<String> response = app.post("/api/v1/logs", "application/json", JSON.writeValueAsString(events));
        assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
    }

    private JsonNode assess() throws Exception {
        HttpResponse<String> response = operate("/api/v1/assessments", "");
        assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
        return JSON.readTree(response.body());
    }

    private HttpResponse<String> get(String path) throws Exception {
        return app.get(path);
    }

    private HttpResponse<String> operate(String path, String body) throws Exception {
        return HTTP.send(HttpRequest.newBuilder(app.uri(path)).header("Authorization", "Bearer " + OPERATOR)
                .header("Content-Type", "application/json").POST(HttpRequest.BodyPublishers.ofString(body)).build(),
                HttpResponse.BodyHandlers.ofString());
    }

    /** Every key of every object, however deep, is camelCase (log labels excepted: they are the user's own names). */
    private static void assertNoSnakeCase(JsonNode node) {
        if (node.isObject()) {
            for (Iterator<Map.Entry<String, JsonNode>> it = node.fields(); it.hasNext(); ) {
                Map.Entry<String, JsonNode> field = it.next();
                assertThat(field.getKey()).doesNotContain("_");
                if (!field.getKey().equals("labels") && !field.getKey().equals("params") && !field.getKey().equals("result")) {
                    assertNoSnakeCase(field.getValue());
                }
            }
        } else if (node.isArray()) {
            node.forEach(IncidentApiTest::assertNoSnakeCase);
        }
    }
}
