package io.selfheal.observe;

import io.selfheal.testing.RunningApp;
import io.selfheal.testing.TestDatabase;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
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
        assertThat(app.get("/observe/health").body())
                .containsPattern("\"name\":\\s*\"route-files\",\\s*\"status\":\\s*\"DOWN\"");
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

    private String body(String path) {
        try {
            return app.get(path).body();
        } catch (IOException | InterruptedException e) {
            throw new IllegalStateException(e);
        }
    }
}
