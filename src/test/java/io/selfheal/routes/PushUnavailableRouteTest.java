package io.selfheal.routes;

import io.selfheal.testing.YamlRouteTestSupport;
import org.apache.camel.Exchange;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.sql.SQLException;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The real routes/push-unavailable.yaml as its callers reach it, from a {@code doCatch} holding the store's failure:
 * the reply a push client gets is a 503 with Retry-After and a JSON reason. (The HTTP round trip is tested by
 * SourceHttpRouteTest and SourceLokiPushRouteTest.)
 */
class PushUnavailableRouteTest extends YamlRouteTestSupport {

    @BeforeEach
    void startRoutes() throws Exception {
        load("classpath:routes/push-unavailable.yaml");
        context.start();
    }

    @Test
    void aPushThatCouldNotBeStoredIsAnswered503WithRetryAfter() throws Exception {
        Exchange answered = template.send("direct:push-unavailable", e -> {
            e.setProperty(Exchange.EXCEPTION_CAUGHT, new SQLException("Connection refused"));
            e.getMessage().setBody("2024-05-01T10:00:00Z ERROR [orders] pushed line");
        });

        assertThat(answered.getException()).isNull();
        assertThat(answered.getMessage().getHeader(Exchange.HTTP_RESPONSE_CODE, Integer.class)).isEqualTo(503);
        assertThat(answered.getMessage().getHeader("Retry-After", String.class)).isEqualTo("5");
        assertThat(answered.getMessage().getHeader("Content-Type", String.class)).isEqualTo("application/json");
        assertThat(JSON.readTree(answered.getMessage().getBody(String.class)).get("error").asText()).isEqualTo("unavailable");
    }
}
