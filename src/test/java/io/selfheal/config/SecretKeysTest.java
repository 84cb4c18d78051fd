package io.selfheal.config;

import org.junit.jupiter.api.Test;

import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

class SecretKeysTest {
    @Test
    void keysEndingInASecretWordAreSecrets() {
        assertThat(List.of("selfheal.api.operator-token", "selfheal.api.read-token", "selfheal.api.ingest-token",
                "selfheal.actions.pagerduty.routing-key", "selfheal.actions.webhook.token", "selfheal.loki.bearer-token",
                "selfheal.db.password", "selfheal.db.app-password", "selfheal.llm.api-key", "x.client_secret",
                "SELFHEAL.LOKI.PASSWORD", "selfheal.actions.slack.webhook-url", "x.ssh.private-key"))
                .allMatch(SecretKeys::isSecret);
        assertThat(List.of("selfheal.db.url", "selfheal.db.user", "selfheal.kafka.key-is-service",
                "selfheal.api.token-header-name", "selfheal.loki.tenant", "selfheal.http.port", "selfheal.kafka.topics",
                "selfheal.actions.pagerduty.url"))
                .noneMatch(SecretKeys::isSecret);
    }

    @Test
    void camelKeywordsAreTheLastPartsOfSecretKeysInCamelsForm() {
        String keywords = SecretKeys.camelSensitiveKeywords(List.of("selfheal.api.operator-token",
                "selfheal.actions.pagerduty.routing-key", "selfheal.http.port", "x.client_secret"));
        assertThat(keywords.split(",")).containsExactlyInAnyOrder("operatortoken", "routingkey", "clientsecret");
    }
}
