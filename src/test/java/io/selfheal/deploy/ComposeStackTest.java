package io.selfheal.deploy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.io.Reader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Properties;
import java.util.Set;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * What can be checked of docker-compose.yml and monitoring/ without a Docker engine: everything parses, every file
 * it mounts or builds exists, and ports, paths and environment variables agree with the service's settings.
 */
class ComposeStackTest {
    private static final ObjectMapper YAML = new ObjectMapper(new YAMLFactory());
    private static final ObjectMapper JSON = new ObjectMapper();

    private final JsonNode compose = yaml(Path.of("docker-compose.yml"));
    private final Properties settings = defaults();

    ComposeStackTest() throws IOException {
    }

    @Test
    void theStackHasEveryServiceAndOllamaIsOptional() {
        assertThat(names(compose.get("services"))).contains(
                "postgres", "kafka", "loki", "promtail", "grafana", "ollama", "selfheal", "hawtio", "prometheus");
        assertThat(compose.at("/services/ollama/profiles").toString()).contains("ollama");
        assertThat(compose.at("/services/kafka/environment/KAFKA_PROCESS_ROLES").asText()).isEqualTo("broker,controller");
    }

    @Test
    void everyMountedFileAndBuildContextExists() {
        for (String service : names(compose.get("services"))) {
            JsonNode definition = compose.get("services").get(service);
            for (JsonNode volume : definition.path("volumes")) {
                String source = volume.asText().split(":")[0];
                if (source.startsWith("./")) {
                    assertThat(Path.of(source)).as(service + " mounts " + source).exists();
                }
            }
            if (definition.has("build")) {
                assertThat(Path.of(definition.get("build").asText(), "Dockerfile")).as(service + " builds").exists();
            }
        }
    }

    @Test
    void selfhealsPortAndEnvironmentMatchItsSettings() {
        JsonNode selfheal = compose.at("/services/selfheal");
        String port = settings.getProperty("selfheal.http.port");
        assertThat(selfheal.get("ports").get(0).asText()).endsWith(":" + port);
        List<String> unknown = new ArrayList<>();
        selfheal.get("environment").fieldNames().forEachRemaining(variable -> {
            if (variable.startsWith("SELFHEAL_") && settingFor(variable) == null) {
                unknown.add(variable);
            }
        });
        assertThat(unknown).as("environment variables that match no selfheal.* setting").isEmpty();
        assertThat(selfheal.at("/environment/SELFHEAL_HTTP_PORT").asText()).isEqualTo(port);
    }

    @Test
    void monitoringConfigsParseAndPointAtTheService() throws IOException {
        JsonNode prometheus = yaml(Path.of("monitoring/prometheus.yml"));
        assertThat(prometheus.at("/scrape_configs/0/metrics_path").asText()).isEqualTo("/observe/metrics");
        assertThat(prometheus.at("/scrape_configs/0/static_configs/0/targets/0").asText())
                .isEqualTo("selfheal:" + settings.getProperty("selfheal.http.port"));

        assertThat(yaml(Path.of("monitoring/loki-config.yaml")).at("/server/http_listen_port").asInt()).isEqualTo(3100);
        JsonNode promtail = yaml(Path.of("monitoring/promtail-config.yaml"));
        assertThat(promtail.at("/clients/0/url").asText()).isEqualTo("http://loki:3100/loki/api/v1/push");

        Set<String> uids = new HashSet<>();
        try (Stream<Path> files = Files.list(Path.of("monitoring/grafana/provisioning/datasources"))) {
            for (Path file : files.toList()) {
                yaml(file).get("datasources").forEach(d -> uids.add(d.get("uid").asText() + "/" + d.get("type").asText()));
            }
        }
        assertThat(uids).contains("prometheus/prometheus", "loki/loki", "selfheal-postgres/grafana-postgresql-datasource");

        JsonNode dashboard = JSON.readTree(Path.of("monitoring/grafana/provisioning/dashboards/selfheal-dashboard.json").toFile());
        assertThat(dashboard.get("uid").asText()).isEqualTo("selfheal");
        for (JsonNode panel : dashboard.get("panels")) {
            String datasource = panel.at("/datasource/uid").asText() + "/" + panel.at("/datasource/type").asText();
            assertThat(uids).as("panel '" + panel.get("title").asText() + "' uses a provisioned datasource").contains(datasource);
        }
        assertThat(dashboard.toString()).contains("selfheal_lines_ingested_total").contains("get_healing_stats()");
    }

    /** The setting an environment variable overrides (selfheal.x.y-z ← SELFHEAL_X_Y_Z), or null. */
    private String settingFor(String variable) {
        Set<String> keys = new HashSet<>(settings.stringPropertyNames());
        return keys.stream().filter(key -> key.startsWith("selfheal."))
                .filter(key -> key.toUpperCase(Locale.ROOT).replace('.', '_').replace('-', '_').equals(variable))
                .findFirst().orElse(null);
    }

    private static List<String> names(JsonNode object) {
        List<String> names = new ArrayList<>();
        object.fieldNames().forEachRemaining(names::add);
        return names;
    }

    private static JsonNode yaml(Path file) throws IOException {
        return YAML.readTree(file.toFile());
    }

    private static Properties defaults() throws IOException {
        Properties properties = new Properties();
        try (Reader reader = Files.newBufferedReader(Path.of("src/main/resources/application.properties"))) {
            properties.load(reader);
        }
        properties.replaceAll((k, v) -> v.toString().trim());
        return properties;
    }
}
