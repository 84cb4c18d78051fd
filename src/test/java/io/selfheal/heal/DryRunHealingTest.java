package io.selfheal.heal;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.selfheal.testing.TestDatabase;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.util.Map;

import static io.selfheal.heal.HealingHarness.await;
import static io.selfheal.heal.HealingHarness.count;
import static io.selfheal.heal.HealingHarness.text;
import static org.assertj.core.api.Assertions.assertThat;

/** Dry run (the default) records the exact request an action would send, sends nothing, and every row says dry run. */
class DryRunHealingTest {
    private static final ObjectMapper JSON = new ObjectMapper();

    @TempDir
    Path logs;

    @Test
    void theRequestThatWouldBeSentIsRecordedWithCredentialsMasked() throws Exception {
        TestDatabase.get().reset();
        try (RecordingHttpServer target = new RecordingHttpServer();
             HealingHarness app = HealingHarness.start(logs, target, Map.of("selfheal.healing.dry-run", "true"))) {
            app.pushDatabaseTimeouts("orders", 20);
            await("a dry-run decision", () -> count("SELECT count(*) FROM healing_actions WHERE status = 'dry_run'") > 0);

            JsonNode request = JSON.readTree(text("SELECT params -> 'requests' -> 0 FROM healing_actions WHERE status = 'dry_run'"));
            assertThat(request.path("method").asText()).isEqualTo("POST");
            assertThat(request.path("url").asText()).isEqualTo(target.url() + "/hooks/open-circuit-breaker");
            assertThat(request.path("headers").path("Authorization").asText()).isEqualTo("***");
            assertThat(JSON.readTree(request.path("body").asText()).path("breaker").asText()).isEqualTo("orders:database");
            assertThat(text("SELECT reason FROM healing_actions WHERE status = 'dry_run'")).contains("dry run: would execute");
            assertThat(target.requests()).isEmpty();

            JsonNode status = JSON.readTree(app.get("/api/v1/healing/status", null).body());
            assertThat(status.path("dryRun").asBoolean()).isTrue();
            assertThat(count("SELECT count(*) FROM healing_actions WHERE NOT dry_run")).isZero();
        }
    }
}
