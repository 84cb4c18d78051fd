package io.selfheal.dashboard;

import io.selfheal.testing.HeadlessChromium;
import io.selfheal.testing.RunningApp;
import io.selfheal.testing.TestDatabase;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.openqa.selenium.By;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.support.ui.ExpectedConditions;
import org.openqa.selenium.support.ui.WebDriverWait;

import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;

import static io.selfheal.testing.RunningApp.execute;
import static org.assertj.core.api.Assertions.assertThat;

/** The dashboard at / in headless Chromium, over data written the way the pipeline and healing write it. */
class DashboardPageTest {
    @TempDir
    Path work;

    private RunningApp app;
    private HeadlessChromium browser;

    @BeforeEach
    void start() throws Exception {
        TestDatabase.get().reset();
        // No scheduled assessment: it would re-assess the incidents the tests write and replace their figures.
        app = RunningApp.startIn(work, Map.of("selfheal.api.operator-token", "operator-token-1",
                "selfheal.dashboard.grafana-url", "http://grafana.example:3000/d/selfheal",
                "selfheal.assess.cron", RunningApp.NEVER));
        browser = HeadlessChromium.start();
    }

    @AfterEach
    void stop() {
        if (browser != null) {
            browser.close();
        }
        if (app != null) {
            app.close();
        }
    }

    @Test
    void showsGroupsIncidentsTimelineRatesAndApprovesAnAction() throws Exception {
        String now = Instant.now().toString();
        assertThat(app.post("/api/v1/logs?service=checkout", "application/x-ndjson", """
                {"@timestamp":"%1$s","level":"ERROR","message":"payment gateway timed out after 3000 ms"}
                {"@timestamp":"%1$s","level":"ERROR","message":"payment gateway timed out after 3100 ms"}
                """.formatted(now)).statusCode()).isEqualTo(200);
        execute("""
                INSERT INTO self_heal_events (fingerprint_id, service, error_type, severity, status, rate_per_minute)
                SELECT id, service, error_type, 'critical', 'healing', 42.0 FROM error_fingerprints;
                INSERT INTO healing_actions (event_id, fingerprint_id, strategy, action_type, status, reason)
                SELECT e.id, e.fingerprint_id, 'restart', 'restart_container', 'succeeded', 'rate 42/min'
                FROM self_heal_events e;
                INSERT INTO healing_results (action_id, fingerprint_id, strategy, outcome, time_to_recovery_seconds)
                SELECT a.id, a.fingerprint_id, a.strategy, 'verified', 30 FROM healing_actions a;
                INSERT INTO healing_actions (event_id, fingerprint_id, strategy, action_type, status, reason)
                SELECT e.id, e.fingerprint_id, 'scale-out', 'http', 'pending_approval', 'high risk'
                FROM self_heal_events e;
                """);
        long pendingId = RunningApp.count("SELECT id FROM healing_actions WHERE status = 'pending_approval'");

        WebDriver page = browser.driver();
        page.get(app.url("/"));
        WebDriverWait wait = new WebDriverWait(page, Duration.ofSeconds(30));
        wait.until(ExpectedConditions.attributeToBe(By.tagName("body"), "data-loaded", "true"));

        String groups = page.findElement(By.id("fingerprints")).getText();
        assertThat(groups).contains("checkout").contains("payment gateway timed out");
        assertThat(page.findElements(By.cssSelector("#fingerprints svg.spark polyline"))).hasSize(1);
        assertThat(page.findElement(By.id("incidents")).getText()).contains("critical").contains("healing").contains("42.0")
                .contains("payment gateway timed out");
        String timeline = page.findElement(By.id("timeline")).getText();
        assertThat(timeline).contains("restart via restart_container").contains("verified").contains("on checkout")
                .doesNotContain("restart (restart)");
        wait.until(ExpectedConditions.presenceOfElementLocated(By.cssSelector("#links a.external")));
        assertThat(page.findElement(By.cssSelector("#links a.external")).getAttribute("href"))
                .isEqualTo("http://grafana.example:3000/d/selfheal");
        assertThat(page.findElement(By.cssSelector("#strategies tr[data-strategy='restart']")).getText())
                .contains("100 %").contains("30 s");
        assertThat(page.findElement(By.id("updated")).getText()).startsWith("Updated");
        browser.screenshot("dashboard");

        // Approving without a token is refused in the page, without calling the API.
        page.findElement(By.cssSelector("tr[data-action='" + pendingId + "'] button.approve")).click();
        assertThat(page.findElement(By.id("approval-result")).getText()).contains("token");
        assertThat(RunningApp.count("SELECT count(*) FROM healing_actions WHERE status = 'pending_approval'")).isEqualTo(1);

        page.findElement(By.id("token")).sendKeys("operator-token-1");
        page.findElement(By.cssSelector("tr[data-action='" + pendingId + "'] button.approve")).click();
        wait.until(ExpectedConditions.textToBePresentInElementLocated(By.id("approval-result"), "approved"));
        wait.until(ExpectedConditions.invisibilityOfElementLocated(By.cssSelector("tr[data-action='" + pendingId + "']")));
        // The approval reached the healing API with the operator's token: the action left pending_approval.
        assertThat(RunningApp.count("SELECT count(*) FROM healing_actions WHERE id = " + pendingId
                + " AND status <> 'pending_approval'")).isEqualTo(1);
        browser.screenshot("dashboard-approved");
    }

    @Test
    void incidentAndGroupPagesShowTheWholeStoryAndTakeTriage() throws Exception {
        String now = Instant.now().toString();
        assertThat(app.post("/api/v1/logs?service=checkout", "application/x-ndjson", """
                {"@timestamp":"%1$s","level":"ERROR","message":"order 1842 failed: card declined by issuer 7"}
                {"@timestamp":"%1$s","level":"ERROR","message":"order 1977 failed: card declined by issuer 12"}
                {"@timestamp":"%1$s","level":"ERROR","message":"order 2001 failed: card declined by issuer 3"}
                """.formatted(now)).statusCode()).isEqualTo(200);
        execute("""
                INSERT INTO self_heal_events (fingerprint_id, service, error_type, severity, status, rate_per_minute, details)
                SELECT id, service, error_type, 'high', 'open', 3.0,
                       '{"severityScore": 0.7, "severityReasons": ["rate 3.0/min is 30x the baseline", "new since deploy v42"]}'
                FROM error_fingerprints;
                INSERT INTO healing_actions (event_id, fingerprint_id, strategy, action_type, status, dry_run, reason, params, result)
                SELECT e.id, e.fingerprint_id, 'notify-slack', 'http', 'dry_run', true, 'dry run: nothing sent',
                       jsonb_build_object('request', jsonb_build_object('method', 'POST', 'url', 'https://hooks.slack.com/***')),
                       '{"status": "not sent"}'::jsonb
                FROM self_heal_events e;
                """);
        long incident = RunningApp.count("SELECT id FROM self_heal_events");

        WebDriver page = browser.driver();
        page.get(app.url("/"));
        WebDriverWait wait = new WebDriverWait(page, Duration.ofSeconds(30));
        wait.until(ExpectedConditions.attributeToBe(By.tagName("body"), "data-loaded", "true"));
        // Filters go to the API: a service without incidents empties the table, a search finds ours again.
        page.findElement(By.cssSelector("#filters input[name=service]")).sendKeys("billing");
        page.findElement(By.cssSelector("#filters button")).click();
        wait.until(ExpectedConditions.textToBePresentInElementLocated(By.id("incidents"), "No incidents match."));
        page.findElement(By.cssSelector("#filters input[name=service]")).clear();
        page.findElement(By.cssSelector("#filters input[name=q]")).sendKeys("CARD DECLINED");
        page.findElement(By.cssSelector("#filters button")).click();
        wait.until(ExpectedConditions.presenceOfElementLocated(By.cssSelector("tr[data-incident='" + incident + "']")));
        browser.screenshot("dashboard-filtered");

        // The link's own target (the table re-renders every 10 s, so the element itself may be gone by a click).
        assertThat(page.findElement(By.cssSelector("tr[data-incident='" + incident + "'] a")).getAttribute("href"))
                .endsWith("#/incidents/" + incident);
        page.navigate().to(app.url("/#/incidents/" + incident));
        wait.until(ExpectedConditions.presenceOfElementLocated(By.id("incident-head")));
        wait.until(ExpectedConditions.attributeToBe(By.tagName("body"), "data-loaded", "true"));
        assertThat(page.findElement(By.id("overview")).isDisplayed()).isFalse();
        assertThat(page.findElement(By.id("incident-head")).getText()).contains("Incident #" + incident)
                .contains("checkout").contains("high");
        assertThat(page.findElement(By.id("severity-reasons")).getText()).contains("30x the baseline")
                .contains("new since deploy v42");
        assertThat(page.findElement(By.id("samples")).getText()).contains("card declined by issuer");
        assertThat(page.findElement(By.id("parameters")).getText()).containsAnyOf("1842", "1977", "2001");
        assertThat(page.findElements(By.cssSelector("svg.rate rect"))).hasSize(60);
        assertThat(page.findElement(By.id("actions")).getText()).contains("notify-slack").contains("dry run: nothing sent")
                .contains("hooks.slack.com").contains("not sent");
        browser.screenshot("incident");

        // Triage needs the operator token; muting is recorded with who and when and shown on the page.
        page.findElement(By.cssSelector("button.mute")).click();
        assertThat(page.findElement(By.id("triage-result")).getText()).contains("token");
        page.findElement(By.id("token")).sendKeys("operator-token-1");
        page.findElement(By.cssSelector("button.mute")).click();
        wait.until(ExpectedConditions.textToBePresentInElementLocated(By.id("triage-result"), "mute recorded"));
        assertThat(page.findElement(By.id("incident-head")).getText()).contains("muted");
        assertThat(page.findElement(By.id("changes")).getText()).contains("mute by operator");
        assertThat(page.findElements(By.cssSelector("button.unmute"))).hasSize(1);
        assertThat(RunningApp.count("SELECT count(*) FROM self_heal_events WHERE muted_by = 'operator'")).isEqualTo(1);
        browser.screenshot("incident-muted");

        WebElement groupLink = page.findElement(By.cssSelector("#incident-head a[href^='#/fingerprints/']"));
        String group = groupLink.getText();
        groupLink.click();
        wait.until(ExpectedConditions.presenceOfElementLocated(By.id("group-head")));
        wait.until(ExpectedConditions.attributeToBe(By.tagName("body"), "data-loaded", "true"));
        assertThat(page.findElement(By.id("group-head")).getText()).contains(group).contains("card declined");
        assertThat(page.findElement(By.id("group-incidents")).getText()).contains("#" + incident).contains("muted");
        assertThat(page.findElement(By.id("samples")).getText()).contains("order 2001 failed");
        assertThat(page.findElements(By.cssSelector("svg.rate rect"))).hasSize(60);
        browser.screenshot("group");
    }

    @Test
    void unknownViewsAndBadLimitsAreRefusedWithJson() throws Exception {
        var unknown = app.get("/api/v1/dashboard/secrets");
        assertThat(unknown.statusCode()).isEqualTo(404);
        assertThat(unknown.body()).contains("\"error\":\"not_found\"").contains("fingerprints");
        var badLimit = app.get("/api/v1/dashboard/incidents?limit=0");
        assertThat(badLimit.statusCode()).isEqualTo(400);
        assertThat(badLimit.body()).contains("\"error\":\"bad_request\"");
        assertThat(app.get("/api/v1/dashboard/approvals").body()).isEqualTo("[]");
        assertThat(app.get("/api/v1/dashboard/links").body()).contains("\"grafana\":\"http://grafana.example:3000/d/selfheal\"");
    }
}
