package io.selfheal.routes;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import com.networknt.schema.Error;
import com.networknt.schema.InputFormat;
import com.networknt.schema.Schema;
import com.networknt.schema.SchemaRegistry;
import com.networknt.schema.SpecificationVersion;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Every route YAML file of the project (built-in routes, the examples and the example shipped in the live routes
 * directory) is valid against the JSON schema of Camel's YAML DSL, shipped in camel-yaml-dsl as
 * {@code schema/camelYamlDsl.json}. A user's own file in {@code ./routes} (not tracked by git) is not the project's
 * and is left alone: a broken one there must not fail the build.
 */
class RouteSchemaTest {
    private static final List<Path> ROUTE_DIRECTORIES = List.of(Path.of("src/main/resources/routes"),
            Path.of("examples/routes"));
    private static final Path LIVE_ROUTES = Path.of("routes");
    private static final ObjectMapper YAML = new ObjectMapper(new YAMLFactory());
    private static Schema schema;

    @BeforeAll
    static void loadSchema() throws IOException {
        try (InputStream json = RouteSchemaTest.class.getResourceAsStream("/schema/camelYamlDsl.json")) {
            assertThat(json).as("camel-yaml-dsl's schema on the classpath").isNotNull();
            schema = SchemaRegistry.withDefaultDialect(SpecificationVersion.DRAFT_4).getSchema(json, InputFormat.JSON);
        }
    }

    @Test
    void everyRouteFileMatchesCamelsYamlDslSchema() throws IOException {
        List<Path> files = routeFiles();
        assertThat(files).as("route files found").isNotEmpty();
        List<String> problems = new ArrayList<>();
        for (Path file : files) {
            for (Error error : schema.validate(YAML.readTree(file.toFile()))) {
                if (!isPropertyPlaceholder(error.getInstanceNode())) {
                    problems.add(file + ": " + error);
                }
            }
        }
        assertThat(problems).isEmpty();
    }

    @Test
    void aMisspelledStepIsCaught() throws IOException {
        JsonNode route = YAML.readTree("""
                - route:
                    id: typo
                    from:
                      uri: direct:typo
                      steps:
                        - setBodyy:
                            constant: x
                """);
        assertThat(schema.validate(route)).isNotEmpty();
    }

    /**
     * The schema types options such as {@code autoStartup} as booleans or numbers, while Camel resolves a
     * {@code "{{property}}"} placeholder to that type when it loads the route.
     */
    private static boolean isPropertyPlaceholder(JsonNode value) {
        return value != null && value.isTextual() && value.asText().matches("\\{\\{[^{}]+}}");
    }

    private static List<Path> routeFiles() throws IOException {
        List<Path> files = new ArrayList<>();
        for (Path directory : ROUTE_DIRECTORIES) {
            if (Files.isDirectory(directory)) {
                try (Stream<Path> listing = Files.list(directory)) {
                    listing.filter(f -> f.toString().endsWith(".yaml")).sorted().forEach(files::add);
                }
            }
        }
        files.addAll(shippedLiveRoutes());
        return files;
    }

    /** The files of {@code ./routes} git tracks; none when this copy is not a git checkout. */
    private static List<Path> shippedLiveRoutes() throws IOException {
        Process git = new ProcessBuilder("git", "ls-files", "--", LIVE_ROUTES + "/*.yaml")
                .redirectError(ProcessBuilder.Redirect.DISCARD).start();
        List<Path> files = new String(git.getInputStream().readAllBytes(), StandardCharsets.UTF_8).lines()
                .filter(line -> !line.isBlank()).map(Path::of).sorted().toList();
        try {
            return git.waitFor() == 0 ? files : List.of();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IOException("interrupted while listing the shipped route files", e);
        }
    }
}
