package io.selfheal.heal;

import io.selfheal.testing.TestDatabase;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.net.URI;
import java.nio.file.Path;
import java.util.Map;

import static io.selfheal.heal.HealingHarness.await;
import static io.selfheal.heal.HealingHarness.count;
import static io.selfheal.heal.HealingHarness.text;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * A strategy declared and implemented in one YAML file, chosen through the diagnoser's suggestion. The rule-based
 * analyzer alone scores about 0.55 here (no model to agree with, no history), which by default only asks for approval;
 * this operator trusts it to act from 0.5.
 */
class YamlStrategyTest {
    @TempDir
    Path logs;

    @Test
    void aYamlStrategyHealsAuthErrors() throws Exception {
        TestDatabase.get().reset();
        try (RecordingHttpServer target = new RecordingHttpServer();
             HealingHarness app = HealingHarness.start(logs, target, Map.of(
                     "camel.main.routes-include-pattern", "classpath:routes/*.yaml,classpath:test-routes/*.yaml",
                     "selfheal.llm.act-threshold", "0.5", "selfheal.llm.approve-threshold", "0.4",
                     "test.target.port", String.valueOf(URI.create(target.url()).getPort())))) {
            assertThat(app.get("/api/v1/healing/strategies", null).body()).contains("\"name\":\"rotate-credentials\"");

            app.pushErrors("gateway", 20, "Upstream call rejected", "com.acme.TokenExpiredException: token has expired");

            await("the YAML strategy's request", () -> !target.requestsTo("/secrets/rotate").isEmpty());
            assertThat(target.requestsTo("/secrets/rotate").get(0).body())
                    .contains("\"service\":\"gateway\"").contains("\"errorType\":\"auth\"");
            assertThat(text("SELECT reason FROM healing_actions WHERE strategy = 'rotate-credentials'"))
                    .contains("rule-based suggested rotate-credentials", "diagnosis decided act");
            await("verified", () -> count("SELECT count(*) FROM healing_results WHERE strategy = 'rotate-credentials' AND outcome = 'verified'") == 1);
        }
    }
}
