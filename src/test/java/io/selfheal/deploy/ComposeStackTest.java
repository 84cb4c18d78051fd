package io.selfheal.deploy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import io.selfheal.testing.ProjectDocs;
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
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * What can be checked of docker-compose.yml and monitoring/ without a Docker engine: everything parses, every file
 * it mounts or builds exists, ports, paths and environment variables agree with the service's settings, every
 * service has a healthcheck, no database or broker port is published and every log file takes exactly one path.
 */
class ComposeStackTest {
    private static final ObjectMapper YAML = new ObjectMapper(new YAMLFactory());
    private static final ObjectMapper JSON = new ObjectMapper();

    private final JsonNode compose = yaml(Path.of("docker-compose.yml"));
    private final Properties settings = defaults();

    ComposeStackTest() throws IOException {
    }

    /** Services only the compose network may reach: a database, a broker, an unauthenticated log store and LLM. */
    private static final List<String> INTERNAL = List.of("postgres", "kafka", "loki", "ollama");
    /** Documented environment variables that are read from the environment only, never from a setting. */
    private static final Set<String> ENVIRONMENT_ONLY = Set.of("SELFHEAL_LLM_API_KEY");
    private static final Pattern DOCUMENTED_VARIABLE = Pattern.compile("SELFHEAL_[A-Z0-9_]*[A-Z0-9]");

    @Test
    void theStackHasEveryServiceAndOllamaIsOptional() {
        assertThat(names(compose.get("services"))).contains(
                "postgres", "kafka", "loki", "promtail", "grafana", "ollama", "selfheal", "hawtio", "prometheus",
                "loggen");
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
        for (String service : names(compose.get("services"))) {
            compose.get("services").get(service).path("environment").fieldNames().forEachRemaining(variable -> {
                if (variable.startsWith("SELFHEAL_") && settingFor(variable) == null) {
                    unknown.add(service + ": " + variable);
                }
            });
        }
        assertThat(unknown).as("environment variables that match no selfheal.* setting").isEmpty();
        assertThat(selfheal.at("/environment/SELFHEAL_HTTP_PORT").asText()).isEqualTo(port);
    }

    @Test
    void everyEnvironmentVariableTheDocsNameIsASetting() throws IOException {
        Set<String> unknown = new TreeSet<>();
        for (Path document : ProjectDocs.markdownFiles()) {
            Matcher variables = DOCUMENTED_VARIABLE.matcher(Files.readString(document));
            while (variables.find()) {
                String variable = variables.group();
                if (!ENVIRONMENT_ONLY.contains(variable) && settingFor(variable) == null) {
                    unknown.add(document + ": " + variable);
                }
            }
        }
        assertThat(unknown).as("documented variables that no setting reads").isEmpty();
    }

    @Test
    void everyServiceHasAHealthcheckAndWaitsForHealthyDependencies() {
        for (String service : names(compose.get("services"))) {
            JsonNode definition = compose.get("services").get(service);
            assertThat(definition.at("/healthcheck/test").isArray()).as(service + " has a healthcheck").isTrue();
            assertThat(definition.at("/healthcheck/test/0").asText()).as(service).isIn("CMD", "CMD-SHELL");
            JsonNode dependsOn = definition.path("depends_on");
            for (String dependency : names(dependsOn)) {
                assertThat(compose.get("services").has(dependency)).as(service + " depends on " + dependency).isTrue();
                if (!dependency.equals("loggen")) {
                    assertThat(dependsOn.at("/" + dependency + "/condition").asText())
                            .as(service + " waits for " + dependency).isEqualTo("service_healthy");
                }
            }
        }
    }

    @Test
    void noDatabaseBrokerOrLogStorePortIsPublishedAndUisListenOnLocalhost() {
        for (String service : INTERNAL) {
            assertThat(compose.at("/services/" + service).has("ports")).as(service + " publishes no port").isFalse();
        }
        for (String service : names(compose.get("services"))) {
            for (JsonNode port : compose.get("services").get(service).path("ports")) {
                assertThat(port.asText()).as(service + " publishes on 127.0.0.1 only").startsWith("127.0.0.1:");
            }
        }
    }

    @Test
    void everyLogFileTakesExactlyOnePathIntoSelfheal() throws IOException {
        JsonNode selfheal = compose.at("/services/selfheal/environment");
        boolean tails = Boolean.parseBoolean(setting(selfheal, "selfheal.files.enabled"));
        boolean pulls = Boolean.parseBoolean(setting(selfheal, "selfheal.loki.enabled"));
        JsonNode promtail = yaml(Path.of("monitoring/promtail-config.yaml"));

        // What Promtail reads reaches Loki, and Selfheal's query asks for exactly that job.
        Set<String> promtailVolumes = volumeSources("promtail");
        assertThat(pulls).as("Selfheal pulls from Loki").isTrue();
        String job = promtail.at("/scrape_configs/0/static_configs/0/labels/job").asText();
        assertThat(setting(selfheal, "selfheal.loki.queries")).isEqualTo("{job=\"" + job + "\"}");

        // Never the same files a second time: not tailed by Selfheal, not pushed to Selfheal by Promtail.
        Set<String> tailed = tails ? volumeSources("selfheal") : Set.of();
        assertThat(tailed).as("volumes Selfheal tails that Promtail also ships").doesNotContainAnyElementsOf(promtailVolumes);
        for (JsonNode client : promtail.get("clients")) {
            assertThat(client.get("url").asText()).as("Promtail pushes only to Loki").startsWith("http://loki:");
        }

        // Something writes those files: the log generator shares Promtail's volume and writes where it mounts it.
        JsonNode loggen = compose.at("/services/loggen");
        String written = loggen.at("/entrypoint").get(loggen.at("/entrypoint").size() - 1).asText();
        assertThat(loggen.get("entrypoint").toString()).contains("demo-logs");
        assertThat(volumeSources("loggen")).containsAnyElementsOf(promtailVolumes);
        assertThat(loggen.get("volumes").get(0).asText()).endsWith(":" + written);
    }

    /** The value a service's environment gives a setting, else its default. */
    private String setting(JsonNode environment, String key) {
        String variable = key.toUpperCase(Locale.ROOT).replace('.', '_').replace('-', '_');
        return environment.has(variable) ? environment.get(variable).asText() : settings.getProperty(key);
    }

    /** Named volumes and host folders a service mounts. */
    private Set<String> volumeSources(String service) {
        Set<String> sources = new HashSet<>();
        compose.at("/services/" + service + "/volumes").forEach(volume -> sources.add(volume.asText().split(":")[0]));
        return sources;
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
