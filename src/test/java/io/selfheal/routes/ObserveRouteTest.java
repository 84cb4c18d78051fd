package io.selfheal.routes;

import com.fasterxml.jackson.databind.JsonNode;
import io.micrometer.core.instrument.MeterRegistry;
import io.selfheal.observe.ObserveWiring;
import io.selfheal.testing.TestDatabase;
import io.selfheal.testing.YamlRouteTestSupport;
import org.apache.camel.builder.AdviceWith;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The real routes/observe.yaml with the beans of the service's ObserveWiring: the gauges refreshed from the test
 * PostgreSQL (its timer replaced by a direct endpoint), and the refused files of a real routes directory over HTTP.
 */
class ObserveRouteTest extends YamlRouteTestSupport {
    @TempDir
    Path routesDir;

    @BeforeEach
    void startRoutes() throws Exception {
        TestDatabase.get().reset();
        Files.writeString(routesDir.resolve("broken.yaml"), "- route:\n    from: [not, a, route\n");
        useAppProperties(Map.of("selfheal.routes.reload-enabled", "true", "selfheal.routes.dir", routesDir.toString()));
        ObserveWiring.bind(context, TestDatabase.get().database(), Clock.systemUTC());
        serveHttp();
        load("classpath:routes/observe.yaml");
        AdviceWith.adviceWith(context, "observe-db-gauges", route -> route.replaceFromWith("direct:observe-db-gauges"));
        context.start();
    }

    @Test
    void theGaugesAreReadFromTheDatabase() throws Exception {
        TestDatabase.get().execute("""
                INSERT INTO error_fingerprints (id, service, error_type, template, level, first_seen, last_seen, status)
                VALUES ('00000000000000f1', 'orders', 'database', 'Pool exhausted', 'ERROR', now(), now(), 'active'),
                       ('00000000000000f2', 'orders', 'database', 'Pool gone', 'ERROR', now(), now(), 'active'),
                       ('00000000000000f3', 'billing', 'network', 'Reset', 'ERROR', now(), now(), 'ignored');
                INSERT INTO dead_letters (source, reason, raw, raw_size) VALUES ('http', 'bad json', '{', 1)""");

        template.sendBody("direct:observe-db-gauges", null);

        MeterRegistry meters = context.getRegistry().lookupByNameAndType("metricsRegistry", MeterRegistry.class);
        assertThat(meters.get("selfheal.fingerprints").tag("status", "active").gauge().value()).isEqualTo(2);
        assertThat(meters.get("selfheal.fingerprints").tag("status", "ignored").gauge().value()).isEqualTo(1);
        assertThat(meters.get("selfheal.dead.letters.stored").gauge().value()).isEqualTo(1);
    }

    @Test
    void refusedRouteFilesAreListedAsJson() throws Exception {
        HttpResponse<String> answer = get("/api/v1/routes/errors");

        assertThat(answer.statusCode()).isEqualTo(200);
        JsonNode errors = JSON.readTree(answer.body());
        assertThat(errors).hasSize(1);
        assertThat(errors.get(0).get("file").asText()).isEqualTo("broken.yaml");
        assertThat(errors.get(0).get("error").asText()).isNotBlank();
    }
}
