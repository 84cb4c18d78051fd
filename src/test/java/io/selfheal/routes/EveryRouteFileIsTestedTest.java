package io.selfheal.routes;

import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A built-in route file cannot be added without a route test: every file of src/main/resources/routes has its test
 * class here, the class exists and loads that very file. Keep docs/routes-testing.md's table in step.
 */
class EveryRouteFileIsTestedTest {
    private static final Path ROUTES = Path.of("src/main/resources/routes");
    private static final Path TESTS = Path.of("src/test/java");

    /** Route file -> the test that loads it from the classpath. */
    static final Map<String, String> TESTED_BY = new TreeMap<>(Map.ofEntries(
            Map.entry("assessment.yaml", "io.selfheal.heal.AssessmentRouteTest"),
            Map.entry("dashboard.yaml", "io.selfheal.routes.DashboardRouteTest"),
            Map.entry("grouping-api.yaml", "io.selfheal.routes.GroupingApiRouteTest"),
            Map.entry("grouping-sync.yaml", "io.selfheal.routes.GroupingSyncRouteTest"),
            Map.entry("healing-api.yaml", "io.selfheal.routes.HealingApiRouteTest"),
            Map.entry("healing-records.yaml", "io.selfheal.heal.HealingRecordsRouteTest"),
            Map.entry("healing-router.yaml", "io.selfheal.routes.HealingRouterRouteTest"),
            Map.entry("healing.yaml", "io.selfheal.heal.HealingRouteTest"),
            Map.entry("ingest.yaml", "io.selfheal.routes.IngestRouteTest"),
            Map.entry("llm-diagnosis.yaml", "io.selfheal.llm.LlmRouteTest"),
            Map.entry("observe.yaml", "io.selfheal.routes.ObserveRouteTest"),
            Map.entry("push-unavailable.yaml", "io.selfheal.routes.PushUnavailableRouteTest"),
            Map.entry("source-files.yaml", "io.selfheal.ingest.file.FileSourceRouteTest"),
            Map.entry("source-http.yaml", "io.selfheal.routes.SourceHttpRouteTest"),
            Map.entry("source-kafka.yaml", "io.selfheal.ingest.kafka.KafkaSourceRouteTest"),
            Map.entry("source-loki-push.yaml", "io.selfheal.ingest.loki.LokiPushRouteTest"),
            Map.entry("source-loki.yaml", "io.selfheal.ingest.loki.LokiPullerTest"),
            Map.entry("sources-api.yaml", "io.selfheal.routes.SourcesApiRouteTest")));

    @Test
    void everyBuiltInRouteFileHasARouteTest() throws IOException {
        TreeSet<String> files = new TreeSet<>();
        try (Stream<Path> listed = Files.list(ROUTES)) {
            listed.map(p -> p.getFileName().toString()).filter(n -> n.endsWith(".yaml")).forEach(files::add);
        }

        assertThat(TESTED_BY.keySet()).as("route files in " + ROUTES + " and their tests (add a route test for a new file)")
                .containsExactlyElementsOf(files);
    }

    @Test
    void eachTestExistsAndLoadsItsFile() throws Exception {
        for (Map.Entry<String, String> tested : TESTED_BY.entrySet()) {
            Class.forName(tested.getValue());
            String source = Files.readString(TESTS.resolve(tested.getValue().replace('.', '/') + ".java"));
            assertThat(source).as(tested.getValue() + " loads " + tested.getKey()).contains("routes/" + tested.getKey() + "\"");
        }
    }
}
