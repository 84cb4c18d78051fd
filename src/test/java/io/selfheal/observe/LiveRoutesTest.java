package io.selfheal.observe;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.selfheal.testing.RunningApp;
import io.selfheal.testing.TestDatabase;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;

import static io.selfheal.testing.RunningApp.await;
import static org.assertj.core.api.Assertions.assertThat;

/** Route files dropped into the routes directory of a running service. */
class LiveRoutesTest {
    private static final String HELLO = """
            - route:
                id: hello
                from:
                  uri: platform-http:/ext/hello
                  steps:
                    - setBody:
                        constant: "%s"
            """;
    private static final String BROKEN_YAML = """
            - route:
                id: broken
                from:
                  uri: platform-http:/ext/broken
                  steps:
                    - setBody: [constant: oops
            """;
    private static final String UNKNOWN_BEAN = """
            - route:
                id: unknown-bean
                from:
                  uri: direct:unknown-bean
                  steps:
                    - bean:
                        ref: noSuchBean
            """;

    private static final ObjectMapper JSON = new ObjectMapper();

    @TempDir
    Path work;

    private Path routes;
    private RunningApp app;

    @BeforeEach
    void start() throws Exception {
        TestDatabase.get().reset();
        routes = Files.createDirectories(work.resolve("routes"));
    }

    @AfterEach
    void stop() {
        if (app != null) {
            app.close();
        }
    }

    @Test
    void aDroppedFileRunsAndABrokenOneIsReportedWhileTheOthersKeepRunning() throws Exception {
        app = RunningApp.startIn(work, Map.of());

        Files.writeString(routes.resolve("hello.yaml"), HELLO.formatted("hi"));
        await("the new route answers", () -> body("/ext/hello").equals("hi"), Duration.ofSeconds(20));

        Files.writeString(routes.resolve("broken.yaml"), BROKEN_YAML);
        await("the broken file is reported", () -> body("/api/v1/routes/errors").contains("broken.yaml"),
                Duration.ofSeconds(20));
        // A warning, not DOWN: the built-in pipeline is fine, the service stays ready.
        assertThat(app.get("/observe/health").body())
                .containsPattern("\"name\":\\s*\"route-files\",\\s*\"status\":\\s*\"UP\"")
                .contains("WARN: 1 route file(s) refused");
        // Everything else still works: the dropped route, and ingestion through the built-in routes.
        assertThat(body("/ext/hello")).isEqualTo("hi");
        assertThat(app.post("/api/v1/logs?service=shop", "text/plain", "ERROR cart service unreachable").statusCode())
                .isEqualTo(200);
        assertThat(RunningApp.count("SELECT count(*) FROM log_entries WHERE service = 'shop'")).isEqualTo(1);

        // A route that cannot be created (unknown bean) is refused too, without side effects.
        Files.writeString(routes.resolve("unknown-bean.yaml"), UNKNOWN_BEAN);
        await("the unknown bean is reported", () -> body("/api/v1/routes/errors").contains("unknown-bean.yaml"),
                Duration.ofSeconds(20));
        assertThat(body("/ext/hello")).isEqualTo("hi");

        // Editing a file replaces its route; fixing a file clears its error; deleting a file removes its routes.
        Files.writeString(routes.resolve("hello.yaml"), HELLO.formatted("hello again"));
        await("the edited route answers", () -> body("/ext/hello").equals("hello again"), Duration.ofSeconds(20));
        Files.writeString(routes.resolve("broken.yaml"), HELLO.replace("hello", "fixed").formatted("fixed"));
        await("the fixed file is no longer reported", () -> !body("/api/v1/routes/errors").contains("broken.yaml"),
                Duration.ofSeconds(20));
        assertThat(body("/ext/fixed")).isEqualTo("fixed");
        Files.delete(routes.resolve("hello.yaml"));
        await("the deleted file's route is gone", () -> app.app().camelContext().getRoute("hello") == null,
                Duration.ofSeconds(20));
    }

    @Test
    void aBrokenFileAtStartUpDoesNotStopTheService() throws Exception {
        Files.writeString(routes.resolve("broken.yaml"), BROKEN_YAML);
        Files.writeString(routes.resolve("hello.yaml"), HELLO.formatted("hi"));

        app = RunningApp.startIn(work, Map.of());

        assertThat(body("/ext/hello")).isEqualTo("hi");
        assertThat(body("/api/v1/routes/errors")).contains("\"file\":\"broken.yaml\"");
        assertThat(app.app().camelContext().getRoute("ingest")).isNotNull();
    }

    @Test
    void readinessFollowsTheBuiltInPipelineNotTheUsersRoutes() throws Exception {
        Files.writeString(routes.resolve("broken.yaml"), BROKEN_YAML);
        Files.writeString(routes.resolve("hello.yaml"), HELLO.formatted("hi"));
        app = RunningApp.startIn(work, Map.of());
        assertThat(body("/ext/hello")).isEqualTo("hi");

        // A refused user file and a stopped user route are warnings: the service stays ready.
        app.app().camelContext().getRouteController().stopRoute("hello");
        HttpResponse<String> ready = app.get("/observe/health/ready");
        assertThat(ready.statusCode()).as(ready.body()).isEqualTo(200);
        JsonNode health = JSON.readTree(app.get("/observe/health").body());
        assertThat(check(health, "route-files").path("status").asText()).isEqualTo("UP");
        assertThat(check(health, "route-files").path("message").asText())
                .startsWith("WARN: 1 route file(s) refused (broken.yaml)");
        JsonNode routesCheck = check(health, "routes");
        assertThat(routesCheck.path("status").asText()).as(routesCheck.toString()).isEqualTo("UP");
        assertThat(routesCheck.path("message").asText()).startsWith("WARN: ");
        assertThat(routesCheck.path("message").asText()).contains("route:hello").doesNotContain("route:ingest");
        assertThat(body("/observe/metrics")).contains("selfheal_route_load_errors 1.0");
        // Condensed: Camel's per-route and per-consumer checks are inside "routes", not one entry each.
        assertThat(health.path("checks").size()).as(health.toString()).isBetween(5, 15);
        assertThat(health.toString()).doesNotContain("\"name\":\"consumer:");

        // A stopped built-in route is what makes the service not ready, and the check names it.
        app.app().camelContext().getRouteController().stopRoute("ingest");
        ready = app.get("/observe/health/ready");
        assertThat(ready.statusCode()).isEqualTo(503);
        routesCheck = check(JSON.readTree(app.get("/observe/health").body()), "routes");
        assertThat(routesCheck.path("status").asText()).isEqualTo("DOWN");
        assertThat(routesCheck.path("message").asText()).contains("route:ingest");
    }

    private static JsonNode check(JsonNode health, String name) {
        for (JsonNode check : health.path("checks")) {
            if (check.path("name").asText().equals(name)) {
                return check;
            }
        }
        throw new AssertionError("no check " + name + " in " + health);
    }

    private String body(String path) {
        try {
            return app.get(path).body();
        } catch (IOException | InterruptedException e) {
            throw new IllegalStateException(e);
        }
    }
}
