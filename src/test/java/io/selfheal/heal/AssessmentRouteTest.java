package io.selfheal.heal;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.selfheal.assess.Assessment;
import io.selfheal.assess.AssessmentReport;
import io.selfheal.assess.AssessmentSettings;
import io.selfheal.assess.AssessmentStore;
import io.selfheal.assess.RateMeasurer;
import io.selfheal.assess.SeverityClassifier;
import io.selfheal.testing.RunningApp;
import io.selfheal.testing.TestDatabase;
import io.selfheal.testing.YamlRouteTestSupport;
import org.apache.camel.Exchange;
import org.apache.camel.builder.AdviceWith;
import org.apache.camel.component.mock.MockEndpoint;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Properties;

import static io.selfheal.heal.HealingHarness.count;
import static io.selfheal.heal.HealingHarness.text;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * The real routes/assessment.yaml against the test PostgreSQL, its Quartz triggers replaced by direct endpoints:
 * the retention schedule calls cleanup_old_healing_data() through sql: endpoints, and an assessment first lapses
 * expired approvals and abandoned actions (sql/healing/lapse-actions.sql).
 */
class AssessmentRouteTest extends YamlRouteTestSupport {
    private MockEndpoint retained;
    private MockEndpoint verifyDue;

    @BeforeEach
    void startRoutes() throws Exception {
        TestDatabase.get().reset();
        TestDatabase.get().execute("""
                INSERT INTO error_fingerprints (id, service, error_type, template, level, first_seen, last_seen)
                VALUES ('00000000000000f1', 'orders', 'database', 'Pool exhausted', 'ERROR', now(), now()),
                       ('00000000000000f2', 'billing', 'network', 'Connection reset', 'ERROR', now(), now())""");
        AssessmentSettings settings = new AssessmentSettings(Duration.ofMinutes(5), Duration.ofHours(1), 5, 3,
                Duration.ofMinutes(30), 2, Duration.ofMinutes(15));
        context.getRegistry().bind("dataSource", TestDatabase.get().dataSource());
        context.getRegistry().bind("retentionPeriod", Duration.ofDays(30));
        context.getRegistry().bind("assessment", new Assessment(new AssessmentStore(TestDatabase.get().dataSource(),
                new ObjectMapper()), new RateMeasurer(settings, new SeverityClassifier()), settings, "route-test",
                Clock.systemUTC()));
        context.getPropertiesComponent().setInitialProperties(props(Map.of(
                "selfheal.assess.cron", RunningApp.NEVER, "selfheal.retention.cron", RunningApp.NEVER,
                "selfheal.retention.period", "30d")));
        load("classpath:routes/assessment.yaml");
        AdviceWith.adviceWith(context, "retention-schedule", route -> {
            route.replaceFromWith("direct:retention");
            route.weaveAddLast().to("mock:retained");
        });
        AdviceWith.adviceWith(context, "assessment-schedule", route -> route.replaceFromWith("direct:assessment-schedule"));
        AdviceWith.adviceWith(context, "assess", route -> route.weaveByToUri("direct:verify-due").replace().to("mock:verify-due"));
        context.start();
        retained = getMockEndpoint("mock:retained");
        verifyDue = getMockEndpoint("mock:verify-due");
    }

    @Test
    void retentionDeletesWhatIsOlderThanThePeriod() throws Exception {
        TestDatabase.get().execute("""
                INSERT INTO log_entries (fingerprint_id, service, ts, level, message)
                VALUES ('00000000000000f1', 'orders', now() - interval '31 days', 'ERROR', 'old'),
                       ('00000000000000f1', 'orders', now() - interval '29 days', 'ERROR', 'recent')""");
        TestDatabase.get().execute("""
                INSERT INTO assessment_runs (trigger, instance_id, started_at)
                VALUES ('schedule', 'a', now() - interval '40 days'), ('schedule', 'a', now())""");
        retained.expectedMessageCount(1);

        template.sendBody("direct:retention", null);

        retained.assertIsSatisfied();
        Exchange done = retained.getReceivedExchanges().get(0);
        @SuppressWarnings("unchecked")
        List<Map<String, Object>> deleted = done.getProperty("deleted", List.class);
        assertThat(deleted).contains(Map.of("table_name", "log_entries", "deleted", 1L),
                Map.of("table_name", "healing_actions", "deleted", 0L));
        assertThat(done.getMessage().getHeader("CamelSqlUpdateCount", Integer.class)).isEqualTo(1);
        assertThat(text("SELECT string_agg(message, ',') FROM log_entries")).isEqualTo("recent");
        assertThat(count("SELECT count(*) FROM assessment_runs")).isEqualTo(1);
    }

    @Test
    void anAssessmentFirstLapsesExpiredApprovalsAndAbandonedActions() throws Exception {
        long waiting = incident("00000000000000f1", "orders");
        long stuck = incident("00000000000000f2", "billing");
        TestDatabase.get().execute("""
                INSERT INTO healing_actions (event_id, fingerprint_id, strategy, action_type, status, reason, expires_at, executed_at)
                VALUES (%d, '00000000000000f1', 'scale-out', 'scale-out', 'pending_approval', 'routed', now() - interval '1 minute', NULL),
                       (%d, '00000000000000f2', 'restart-service', 'restart-service', 'executing', 'routed', NULL, now() - interval '6 minutes')""".formatted(waiting, stuck));
        verifyDue.expectedMessageCount(1);

        AssessmentReport report = template.requestBody("direct:assess", null, AssessmentReport.class);

        verifyDue.assertIsSatisfied();
        assertThat(report.approvalsExpired()).isEqualTo(1);
        assertThat(text("SELECT string_agg(status || ': ' || reason || ' ' || (settled_at IS NOT NULL), ' | ' ORDER BY id) FROM healing_actions"))
                .isEqualTo("expired: routed; approval expired true | failed: routed; abandoned while executing (instance lost?) true");
        assertThat(count("SELECT count(*) FROM self_heal_events WHERE status = 'healing'")).isZero();
        assertThat(count("SELECT approvals_expired FROM assessment_runs")).isEqualTo(1);
    }

    private static long incident(String fingerprint, String service) {
        return count("""
                INSERT INTO self_heal_events (fingerprint_id, service, error_type, severity, status, detected_at)
                VALUES ('%s', '%s', 'database', 'medium', 'healing', now()) RETURNING id""".formatted(fingerprint, service));
    }

    private static Properties props(Map<String, String> values) {
        Properties p = new Properties();
        p.putAll(values);
        return p;
    }
}
