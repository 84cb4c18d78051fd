package io.selfheal.routes;

import com.fasterxml.jackson.databind.JsonNode;
import io.selfheal.ingest.source.SourceStats;
import io.selfheal.testing.TestDatabase;
import io.selfheal.testing.YamlRouteTestSupport;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.net.http.HttpResponse;
import java.time.Clock;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The real routes/sources-api.yaml over real HTTP, reporting what the real routes/ingest.yaml counted while storing
 * into the test PostgreSQL.
 */
class SourcesApiRouteTest extends YamlRouteTestSupport {
    private final SourceStats stats = new SourceStats(Clock.systemUTC(), () -> null);

    @BeforeEach
    void startRoutes() throws Exception {
        TestDatabase.get().reset();
        bindIngest(TestDatabase.get().dataSource(), stats);
        serveHttp();
        load("classpath:routes/ingest.yaml", "classpath:routes/sources-api.yaml");
        context.start();
    }

    @Test
    void everySourcesProgressIsListed() throws Exception {
        template.sendBodyAndHeader("direct:ingest", """
                2024-05-01T10:00:00Z ERROR [orders] Could not save order 1234: connection reset
                2024-05-01T10:00:01Z ERROR [orders] Could not save order 1235: connection reset""", "selfheal.source", "orders-feed");
        stats.failed("kafka", "broker unreachable");

        HttpResponse<String> answer = get("/api/v1/sources");

        assertThat(answer.statusCode()).isEqualTo(200);
        assertThat(answer.headers().firstValue("Content-Type")).hasValue("application/json");
        JsonNode sources = JSON.readTree(answer.body());
        assertThat(sources).extracting(s -> s.get("source").asText()).containsExactly("kafka", "orders-feed");
        assertThat(sources.get(0).get("errors").asLong()).isEqualTo(1);
        assertThat(sources.get(0).get("lastError").asText()).isEqualTo("broker unreachable");
        assertThat(sources.get(1).get("linesRead").asLong()).isEqualTo(2);
        assertThat(sources.get(1).get("errors").asLong()).isZero();
        assertThat(sources.get(1).get("lastReadAt").asText()).isNotBlank();
    }
}
