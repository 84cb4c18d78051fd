package io.selfheal.routes;

import com.fasterxml.jackson.databind.JsonNode;
import io.selfheal.assess.AssessmentReport;
import io.selfheal.heal.HealingRun;
import io.selfheal.testing.TestDatabase;
import io.selfheal.testing.YamlRouteTestSupport;
import org.apache.camel.builder.AdviceWith;
import org.apache.camel.component.mock.MockEndpoint;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The real routes/healing-api.yaml over real HTTP against the test PostgreSQL, its beans wired as the service wires
 * them. The two routes it hands work to and that live in other files, direct:execute-healing (healing.yaml) and
 * direct:assess (assessment.yaml), are replaced by mocks.
 */
class HealingApiRouteTest extends YamlRouteTestSupport {
    private static final String FP = "00000000000000f1";

    private long incident;
    private MockEndpoint executed;
    private MockEndpoint assessed;

    @BeforeEach
    void startRoutes() throws Exception {
        TestDatabase.get().reset();
        errorGroup(FP, "orders", "database", "Pool exhausted");
        errorGroup("00000000000000f2", "billing", "network", "Connection reset");
        TestDatabase.get().execute("""
                INSERT INTO log_entries (fingerprint_id, service, ts, level, message)
                VALUES ('%s', 'orders', now() - interval '2 minutes', 'ERROR', 'Pool exhausted');
                INSERT INTO self_heal_events (fingerprint_id, service, error_type, severity, status, detected_at)
                VALUES ('00000000000000f2', 'billing', 'network', 'medium', 'closed', now() - interval '2 hours')""".formatted(FP));
        incident = Long.parseLong(text("""
                INSERT INTO self_heal_events (fingerprint_id, service, error_type, severity, status, detected_at, rate_per_minute)
                VALUES ('%s', 'orders', 'database', 'high', 'healing', now() - interval '10 minutes', 12) RETURNING id""".formatted(FP)));
        // The webhook is never called: direct:execute-healing is a mock.
        useAppProperties(Map.of("selfheal.healing.dry-run", "false", "selfheal.actions.webhook.url", "http://127.0.0.1:9/hooks"));
        bindApi();
        serveHttp();
        load("classpath:routes/healing-api.yaml");
        AdviceWith.adviceWith(context, "api-approve",
                route -> route.weaveByToUri("direct:execute-healing").replace().to("mock:execute-healing"));
        AdviceWith.adviceWith(context, "api-assess", route -> route.weaveByToUri("direct:assess").replace().to("mock:assess"));
        context.start();
        executed = getMockEndpoint("mock:execute-healing");
        assessed = getMockEndpoint("mock:assess");
    }

    @Test
    void incidentsAreFilteredAndPaged() throws Exception {
        JsonNode page = JSON.readTree(get("/api/v1/incidents?status=healing&limit=5").body());

        assertThat(page.get("limit").asInt()).isEqualTo(5);
        assertThat(page.get("offset").asInt()).isZero();
        assertThat(page.get("items")).hasSize(1);
        assertThat(page.get("items").get(0).get("id").asLong()).isEqualTo(incident);
        assertThat(page.get("items").get(0).get("template").asText()).isEqualTo("Pool exhausted");

        JsonNode all = JSON.readTree(get("/api/v1/incidents?limit=1&offset=1").body());
        assertThat(all.get("items")).extracting(i -> i.get("service").asText()).containsExactly("billing");
    }

    @Test
    void anIncidentsPageHasItsSamplesActionsAndVerification() throws Exception {
        long action = Long.parseLong(text("""
                INSERT INTO healing_actions (event_id, fingerprint_id, strategy, action_type, status, reason, executed_at)
                VALUES (%d, '%s', 'restart-service', 'restart-service', 'succeeded', 'routed', now()) RETURNING id"""
                .formatted(incident, FP)));
        TestDatabase.get().execute("""
                INSERT INTO healing_results (action_id, fingerprint_id, strategy, outcome, rate_before, rate_after, verified_at)
                VALUES (%d, '%s', 'restart-service', 'verified', 12, 0, now());
                INSERT INTO llm_calls (incident_id, fingerprint_id, provider, model, attempt, outcome)
                VALUES (%d, '%s', 'openai', 'gpt-test', 1, 'answered')""".formatted(action, FP, incident, FP));

        HttpResponse<String> answer = send(request("/api/v1/incidents/" + incident).header("Authorization", "Bearer secret"));

        assertThat(answer.statusCode()).isEqualTo(200);
        assertThat(answer.headers().firstValue("Authorization")).as("never echoed").isEmpty();
        JsonNode page = JSON.readTree(answer.body());
        assertThat(page.get("status").asText()).isEqualTo("healing");
        assertThat(page.get("samples")).extracting(s -> s.get("message").asText()).containsExactly("Pool exhausted");
        assertThat(page.get("actions")).hasSize(1);
        assertThat(page.get("actions").get(0).get("verification").asText()).isEqualTo("verified");
        assertThat(page.get("llmCalls").get(0).get("model").asText()).isEqualTo("gpt-test");
    }

    @Test
    void aTriageChangeIsWrittenOnceAndAConflictIs409() throws Exception {
        HttpResponse<String> acknowledged = post("/api/v1/incidents/" + incident + "/acknowledge", "{\"by\": \"ana\"}");

        assertThat(acknowledged.statusCode()).isEqualTo(200);
        assertThat(JSON.readTree(acknowledged.body()).get("by").asText()).isEqualTo("ana");
        assertThat(text("SELECT acknowledged_by FROM self_heal_events WHERE id = " + incident)).isEqualTo("ana");
        assertThat(text("SELECT string_agg(change || ' ' || actor, ',') FROM incident_changes")).isEqualTo("acknowledge ana");

        assertThat(post("/api/v1/incidents/" + incident + "/acknowledge", "{\"by\": \"bo\"}").statusCode()).isEqualTo(409);
        assertThat(post("/api/v1/incidents/" + incident + "/unmute", "").statusCode()).isEqualTo(409);
        assertThat(text("SELECT count(*) FROM incident_changes")).isEqualTo("1");

        assertThat(post("/api/v1/incidents/" + incident + "/resolve", "").statusCode()).isEqualTo(200);
        assertThat(text("SELECT status FROM self_heal_events WHERE id = " + incident)).isEqualTo("closed");
    }

    @Test
    void badParametersAre400AndUnknownIncidents404() throws Exception {
        HttpResponse<String> notANumber = get("/api/v1/incidents/abc");
        assertThat(notANumber.statusCode()).isEqualTo(400);
        assertThat(JSON.readTree(notANumber.body()).get("error").asText()).isEqualTo("bad_request");
        assertThat(get("/api/v1/incidents?since=yesterday").statusCode()).isEqualTo(400);
        assertThat(post("/api/v1/incidents/" + incident + "/reopen", "").statusCode()).isEqualTo(400);

        HttpResponse<String> unknown = get("/api/v1/incidents/999999");
        assertThat(unknown.statusCode()).isEqualTo(404);
        assertThat(JSON.readTree(unknown.body()).get("error").asText()).isEqualTo("not_found");
    }

    @Test
    void anApprovedActionIsHandedToExecutionAndARejectedOneIsNot() throws Exception {
        long pending = pendingAction();
        executed.expectedMessageCount(1);

        HttpResponse<String> approved = post("/api/v1/actions/" + pending + "/approve", "");

        assertThat(approved.statusCode()).isEqualTo(200);
        assertThat(JSON.readTree(approved.body()).get("status").asText()).isEqualTo("executing");
        executed.assertIsSatisfied();
        HealingRun run = executed.getReceivedExchanges().get(0).getMessage().getBody(HealingRun.class);
        assertThat(run.actionId()).isEqualTo(pending);
        assertThat(text("SELECT status || ' ' || actor FROM healing_actions WHERE id = " + pending)).isEqualTo("executing operator");

        HttpResponse<String> again = post("/api/v1/actions/" + pending + "/reject", "");
        assertThat(again.statusCode()).as("no longer pending").isEqualTo(409);
        assertThat(post("/api/v1/actions/999999/reject", "").statusCode()).isEqualTo(404);
        executed.assertIsSatisfied();
    }

    @Test
    void actionsAreListedByStatus() throws Exception {
        long pending = pendingAction();

        JsonNode page = JSON.readTree(get("/api/v1/actions?status=pending_approval").body());

        assertThat(page.get("items")).extracting(a -> a.get("id").asLong()).containsExactly(pending);
        assertThat(page.get("items").get(0).get("service").asText()).isEqualTo("orders");
        assertThat(JSON.readTree(get("/api/v1/actions?status=succeeded").body()).get("items")).isEmpty();
    }

    @Test
    void theKillSwitchIsStoredAndReported() throws Exception {
        JsonNode paused = JSON.readTree(post("/api/v1/healing/pause", "").body());
        assertThat(paused.get("paused").asBoolean()).isTrue();

        JsonNode status = JSON.readTree(get("/api/v1/healing/status").body());
        assertThat(status.get("paused").asBoolean()).isTrue();
        assertThat(status.get("changedBy").asText()).isEqualTo("operator");
        assertThat(status.get("dryRun").asBoolean()).isFalse();

        assertThat(JSON.readTree(post("/api/v1/healing/resume", "").body()).get("paused").asBoolean()).isFalse();
    }

    @Test
    void statsAndStrategiesComeFromTheDatabaseAndTheCatalog() throws Exception {
        JsonNode stats = JSON.readTree(get("/api/v1/healing/stats").body());
        assertThat(stats.has("byStrategy")).isTrue();
        assertThat(stats.has("byTarget")).isTrue();

        JsonNode strategies = JSON.readTree(get("/api/v1/healing/strategies").body());
        assertThat(strategies.findValuesAsText("name")).contains("restart-service", "notify");
    }

    @Test
    void anAssessmentRunOnRequestIsSummarised() throws Exception {
        assessed.whenAnyExchangeReceived(e -> e.getMessage().setBody(
                new AssessmentReport(41, 3, 1, 0, List.of(), List.of(), 0)));

        JsonNode report = JSON.readTree(post("/api/v1/assessments", "").body());

        assertThat(report.get("runId").asLong()).isEqualTo(41);
        assertThat(report.get("fingerprints").asInt()).isEqualTo(3);
        assertThat(report.get("incidentsOpened").asInt()).isEqualTo(1);
    }

    private long pendingAction() throws Exception {
        return Long.parseLong(text("""
                INSERT INTO healing_actions (event_id, fingerprint_id, strategy, action_type, status, reason, expires_at)
                VALUES (%d, '%s', 'clear-cache', 'clear-cache', 'pending_approval', 'routed', now() + interval '1 hour')
                RETURNING id""".formatted(incident, FP)));
    }

    private HttpResponse<String> post(String path, String body) throws Exception {
        return send(request(path).POST(HttpRequest.BodyPublishers.ofString(body, StandardCharsets.UTF_8))
                .header("Content-Type", "application/json"));
    }
}
