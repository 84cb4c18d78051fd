package io.selfheal.heal.action;

import org.junit.jupiter.api.Test;

import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class ActionRequestTest {
    @Test
    void auditMasksCredentialsInHeadersBodiesAndSecretUrls() {
        ActionRequest r = ActionRequest.http("pagerduty.trigger", "POST", "https://events.pagerduty.com/v2/enqueue",
                Map.of("Authorization", "Bearer abc", "Content-Type", "application/json"),
                "{\"routing_key\":\"R0UT1NG\",\"payload\":{\"summary\":\"db down\",\"api_key\":\"k\"}}");
        String audit = r.audit().toString() + r;
        assertThat(audit).doesNotContain("abc").doesNotContain("R0UT1NG").doesNotContain("\"k\"").contains("db down");
        ActionRequest slack = ActionRequest.http("slack.message", "POST", "https://hooks.slack.com/services/T0/B0/xyz",
                Map.of(), "{\"text\":\"hi\"}").withSecretUrl();
        assertThat(slack.audit().get("url")).isEqualTo("https://hooks.slack.com/***");
    }

    @Test
    void templatesEscapeValuesAndRejectUnknownVariables() {
        String body = JsonTemplate.render("{\"msg\":\"${message}\"}", Map.of("message", "say \"hi\"\n"));
        assertThat(body).isEqualTo("{\"msg\":\"say \\\"hi\\\"\\n\"}");
        assertThatThrownBy(() -> JsonTemplate.render("{\"x\":\"${nope}\"}", Map.of()))
                .hasMessageContaining("unknown template variable ${nope}");
    }
}
