package io.selfheal.heal;

import com.fasterxml.jackson.databind.JsonNode;
import io.selfheal.assess.Severity;
import io.selfheal.fingerprint.ErrorType;
import io.selfheal.testing.RunningApp;
import io.selfheal.testing.TestDatabase;
import io.selfheal.testing.YamlRouteTestSupport;
import org.apache.camel.builder.RouteBuilder;
import org.apache.camel.component.mock.MockEndpoint;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The real routes/healing.yaml with the routes it hands work to (healing-router.yaml, healing-records.yaml), every
 * bean wired as the service wires it, the test PostgreSQL, and real HTTP targets: a recording webhook and Slack, and a
 * PagerDuty address nothing listens on. A route on direct:publish-event (as source-kafka.yaml has) sees the events.
 */
class HealingRouteTest extends YamlRouteTestSupport {
    private static final String FP = "00000000000000f1";
    private static final String WEBHOOK_TOKEN = "webhook-token";

    private RecordingHttpServer targets;
    private MockEndpoint published;
    private long incidentId;

    @BeforeEach
    void startRoutes() throws Exception {
        TestDatabase.get().reset();
        errorGroup(FP, "orders", "database", "Connection pool exhausted");
        incidentId = Long.parseLong(text("""
                INSERT INTO self_heal_events (fingerprint_id, service, error_type, severity, status, rate_per_minute, detected_at)
                VALUES ('%s', 'orders', 'database', 'high', 'healing', 12, now()) RETURNING id""".formatted(FP)));
        targets = new RecordingHttpServer();
        useAppProperties(Map.of("selfheal.healing.dry-run", "false",
                "selfheal.actions.webhook.url", targets.url() + "/hooks",
                "selfheal.actions.webhook.token", WEBHOOK_TOKEN,
                "selfheal.actions.slack.webhook-url", targets.url() + "/slack/T0/B0/secret",
                "selfheal.actions.pagerduty.url", "http://127.0.0.1:" + RunningApp.freePort(),
                "selfheal.actions.pagerduty.routing-key", "routing-key"));
        bindApi();
        load("classpath:routes/healing-router.yaml", "classpath:routes/healing-records.yaml", "classpath:routes/healing.yaml");
        context.addRoutes(new RouteBuilder() {
            @Override
            public void configure() {
                from("direct:publish-event").to("mock:published");
            }
        });
        context.start();
        published = getMockEndpoint("mock:published");
    }

    @AfterEach
    void stopTargets() {
        targets.close();
    }

    @Test
    void anIncidentIsRoutedDecidedSentAndRecorded() throws Exception {
        published.expectedMinimumMessageCount(2);

        template.sendBody("direct:heal-incident", incident());

        List<RecordingHttpServer.Request> calls = targets.requestsTo("/hooks/open-circuit-breaker");
        assertThat(calls).hasSize(1);
        assertThat(calls.get(0).authorization()).isEqualTo("Bearer " + WEBHOOK_TOKEN);
        assertThat(JSON.readTree(calls.get(0).body()).get("breaker").asText()).isEqualTo("orders:database");
        assertThat(text("SELECT concat_ws(' ', strategy, status, result->'requests'->0->>'status', verify_at IS NOT NULL, settled_at IS NULL) "
                + "FROM healing_actions WHERE event_id = " + incidentId)).isEqualTo("open-circuit-breaker succeeded 200 t t");
        assertThat(text("SELECT params->>'routedBy' FROM healing_actions")).isEqualTo("router: database errors");
        published.assertIsSatisfied();
        assertThat(eventTypes()).contains("healing.executed");
    }

    @Test
    void anEscalationPagesHumansAndOneFailingTargetFailsTheActionButNotTheOthers() throws Exception {
        template.sendBody("direct:escalate", incidentId);

        assertThat(targets.requestsTo("/slack/T0/B0/secret")).as("Slack is told though PagerDuty is down").hasSize(1);
        assertThat(text("SELECT concat_ws(' ', strategy, action_type, status) FROM healing_actions")).isEqualTo("notify escalate failed");
        assertThat(text("SELECT string_agg(concat_ws(' ', r->>'type', r->>'status', r->>'error' IS NOT NULL), ', ') "
                + "FROM healing_actions, jsonb_array_elements(result->'requests') r"))
                .isEqualTo("pagerduty.trigger t, slack.message 200 f");
        assertThat(text("SELECT settled_at IS NOT NULL FROM healing_actions")).isEqualTo("t");
    }

    @Test
    void noIncomingHeaderReachesATarget() throws Exception {
        template.sendBodyAndHeader("direct:heal-incident", incident(), "Authorization", "Bearer operator-secret");

        assertThat(targets.requestsTo("/hooks/open-circuit-breaker")).extracting(RecordingHttpServer.Request::authorization)
                .containsExactly("Bearer " + WEBHOOK_TOKEN);
    }

    @Test
    void aDueActionIsVerifiedAndSettled() throws Exception {
        long actionId = Long.parseLong(text("""
                INSERT INTO healing_actions (event_id, fingerprint_id, strategy, action_type, status, reason, executed_at,
                                             verify_at, rate_before)
                VALUES (%d, '%s', 'restart-service', 'restart-service', 'succeeded', 'routed', now() - interval '10 minutes',
                        now() - interval '1 minute', 12) RETURNING id""".formatted(incidentId, FP)));
        published.expectedMinimumMessageCount(1);

        template.sendBody("direct:verify-due", null);

        assertThat(text("SELECT concat_ws(' ', outcome, rate_before, rate_after) FROM healing_results WHERE action_id = " + actionId))
                .isEqualTo("verified 12 0");
        assertThat(text("SELECT settled_at IS NOT NULL FROM healing_actions WHERE id = " + actionId)).isEqualTo("t");
        assertThat(text("SELECT status FROM self_heal_events WHERE id = " + incidentId)).isEqualTo("healed");
        published.assertIsSatisfied();
        assertThat(eventTypes()).contains("healing.verified");
    }

    private List<String> eventTypes() throws Exception {
        List<String> types = new ArrayList<>();
        for (var exchange : published.getReceivedExchanges()) {
            JsonNode event = JSON.readTree(exchange.getMessage().getBody(String.class));
            types.add(event.path("type").asText());
        }
        return types;
    }

    private Incident incident() {
        return new Incident(incidentId, FP, "orders", ErrorType.DATABASE, Severity.HIGH, "Connection pool exhausted",
                "java.sql.SQLTransientConnectionException", null, 40, 12.0, 0.5, Map.of(), Instant.now());
    }
}
