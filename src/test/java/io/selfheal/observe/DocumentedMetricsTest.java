package io.selfheal.observe;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.selfheal.heal.RecordingHttpServer;
import io.selfheal.llm.FakeLlmServer;
import io.selfheal.testing.ProjectDocs;
import io.selfheal.testing.RunningApp;
import io.selfheal.testing.TestDatabase;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

import static io.selfheal.testing.RunningApp.await;
import static io.selfheal.testing.RunningApp.count;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * One real run of the service, then its Prometheus scrape: errors in through a log file and HTTP (one line a dead
 * letter), an assessment opening an incident, the diagnosis asking a language model (a fake Ollama server over real
 * HTTP), the healing webhook sent and verified. Every {@code selfheal_*} series the docs name must then be in the
 * scrape with a plausible value, and every metric a Grafana dashboard queries must be one the service exports.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class DocumentedMetricsTest {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String SERVICE = "metrics-shop";
    /** Names in the docs that look like metrics but are database roles and a label. */
    private static final Set<String> NOT_METRICS =
            Set.of("selfheal_app", "selfheal_readonly", "selfheal_service", "selfheal_original_timestamp");
    private static final Pattern DOCUMENTED = Pattern.compile("\\bselfheal_[a-z_]*[a-z]");
    private static final Pattern SAMPLE = Pattern.compile("^([a-zA-Z_:][a-zA-Z0-9_:]*)(\\{[^}]*})?\\s+(\\S+)$");
    private static final Pattern LABEL = Pattern.compile("([a-zA-Z_][a-zA-Z0-9_]*)=\"((?:[^\"\\\\]|\\\\.)*)\"");

    @TempDir
    static Path work;
    private RecordingHttpServer target;
    private FakeLlmServer llm;
    private RunningApp app;
    private List<Sample> scrape;

    @BeforeAll
    void aRealRun() throws Exception {
        TestDatabase.get().reset();
        target = new RecordingHttpServer();
        llm = new FakeLlmServer(FakeLlmServer.Protocol.OLLAMA).answerWhen("service: " + SERVICE,
                "{\"strategy\":\"clear-cache\",\"parameters\":{},\"rationale\":\"stale entries\",\"confidence\":0.95,"
                        + "\"risk\":\"low\"}");
        Files.createDirectories(work.resolve("routes"));
        Files.writeString(work.resolve("routes/broken.yaml"), "- route:\n    from: {uri: \"timer:x\"\n");
        Files.createDirectories(work.resolve("logs"));
        Files.writeString(work.resolve("logs/orders.log"), Instant.now() + " ERROR [main] c.a.Orders - order 7 lost\n");

        Map<String, String> settings = new HashMap<>();
        settings.put("selfheal.metrics.db-refresh-ms", "200");
        settings.put("selfheal.assess.cron", "* * * * * ?");
        settings.put("selfheal.assess.window", "1m");
        settings.put("selfheal.assess.min-occurrences", "5");
        settings.put("selfheal.healing.dry-run", "false");
        settings.put("selfheal.healing.verify-after", "2s");
        settings.put("selfheal.actions.webhook.url", target.url() + "/hooks");
        settings.put("selfheal.llm.provider", "ollama");
        settings.put("selfheal.llm.base-url", llm.baseUrl());
        app = RunningApp.startIn(work, settings);

        StringBuilder errors = new StringBuilder();
        for (int i = 0; i < 12; i++) {
            errors.append("{\"level\":\"ERROR\",\"message\":\"Stale cache entry for cart ").append(i)
                    .append("\",\"stack_trace\":\"java.lang.IllegalStateException: stale entry\\n\\tat com.acme.Cart.get(Cart.java:12)\"}\n");
        }
        errors.append("not json\n");
        assertThat(app.post("/api/v1/logs?service=" + SERVICE, "application/x-ndjson", errors.toString()).statusCode())
                .isEqualTo(200);

        await("the clear-cache webhook sent", () -> !target.requestsTo("/hooks/clear-cache").isEmpty(), Duration.ofSeconds(90));
        await("the action verified", () -> count("SELECT count(*) FROM healing_results") > 0, Duration.ofSeconds(60));
        // The counters and gauges read the database on a timer, with a lag of a few seconds.
        await("settled actions counted", () -> value(scrape(), "selfheal_actions_finished_total", Map.of()) > 0,
                Duration.ofSeconds(30));
        scrape = scrape();
    }

    @AfterAll
    void stop() {
        if (app != null) {
            app.close();
        }
        llm.close();
        target.close();
    }

    @Test
    void everyDocumentedSeriesIsExported() throws IOException {
        Set<String> exported = new TreeSet<>();
        scrape.forEach(s -> exported.add(s.name()));
        Set<String> missing = new TreeSet<>();
        for (String name : documentedMetrics()) {
            if (!exported.contains(name) && !exported.contains(name + "_count")) {
                missing.add(name);
            }
        }
        assertThat(documentedMetrics()).hasSizeGreaterThan(15);
        assertThat(missing).as("documented metrics absent from /observe/metrics").isEmpty();
    }

    @Test
    void ingestionCountersMatchWhatWasSent() {
        assertThat(value(scrape, "selfheal_lines_ingested_total", Map.of("source", "http"))).isEqualTo(13);
        assertThat(value(scrape, "selfheal_events_stored_total", Map.of("source", "http"))).isEqualTo(12);
        assertThat(value(scrape, "selfheal_lines_ingested_total", Map.of())).isGreaterThanOrEqualTo(14);
        assertThat(value(scrape, "selfheal_fingerprints_new_total", Map.of())).isGreaterThanOrEqualTo(2);
        assertThat(value(scrape, "selfheal_dead_letters_total", Map.of("source", "http", "reason", "unparseable")))
                .isEqualTo(1);
        assertThat(value(scrape, "selfheal_dead_letters_stored", Map.of())).isGreaterThanOrEqualTo(1);
        // Per source: records read (dead letters apart), so 12 + 1 through HTTP and the file's line.
        assertThat(value(scrape, "selfheal_source_lines_read_total", Map.of())).isEqualTo(13);
        assertThat(value(scrape, "selfheal_source_dead_letters_total", Map.of("source", "http"))).isEqualTo(1);
        String file = "file:" + work.resolve("logs/orders.log");
        assertThat(value(scrape, "selfheal_source_lines_read_total", Map.of("source", file))).isEqualTo(1);
        assertThat(scrape).anySatisfy(sample -> {
            assertThat(sample.name()).isEqualTo("selfheal_source_lag_bytes");
            assertThat(sample.labels()).containsEntry("source", file);
            assertThat(sample.value()).isZero(); // everything the file holds was stored
        });
        assertThat(value(scrape, "selfheal_source_last_read_timestamp_seconds", Map.of("source", "http")))
                .isGreaterThan(Instant.now().minus(Duration.ofHours(1)).getEpochSecond());
    }

    @Test
    void incidentsAndActionsAreCountedAsTheDatabaseRecordsThem() {
        long incidents = count("SELECT count(*) FROM self_heal_events");
        assertThat(incidents).isPositive();
        assertThat(value(scrape, "selfheal_incidents_detected_total", Map.of())).isEqualTo(incidents);
        assertThat(value(scrape, "selfheal_incidents", Map.of())).isEqualTo(incidents);
        assertThat(value(scrape, "selfheal_actions_finished_total", Map.of("strategy", "clear-cache")))
                .isEqualTo(count("SELECT count(*) FROM healing_actions WHERE strategy = 'clear-cache'"
                        + " AND settled_at < now() - interval '5 seconds'"));
        assertThat(value(scrape, "selfheal_actions", Map.of("strategy", "clear-cache"))).isPositive();
        assertThat(value(scrape, "selfheal_healing_results", Map.of("strategy", "clear-cache"))).isPositive();
        assertThat(value(scrape, "selfheal_fingerprints", Map.of("status", "active"))).isPositive();
    }

    @Test
    void languageModelCallsHaveALatencyHistogramAndTokens() {
        long calls = count("SELECT count(*) FROM llm_calls WHERE latency_ms IS NOT NULL");
        assertThat(calls).isPositive();
        Map<String, String> answered = Map.of("provider", "ollama", "model", "llama3.1", "outcome", "answered");
        assertThat(value(scrape, "selfheal_llm_calls_seconds_count", answered)).isEqualTo(calls);
        assertThat(value(scrape, "selfheal_llm_calls_seconds_sum", answered)).isPositive();
        assertThat(value(scrape, "selfheal_llm_calls_seconds_bucket", Map.of("le", "+Inf"))).isEqualTo(calls);
        assertThat(scrape.stream().filter(s -> s.name().equals("selfheal_llm_calls_seconds_bucket")).count())
                .as("histogram buckets").isGreaterThan(5);
        // The fake Ollama server reports 700 prompt and 50 completion tokens per answer.
        assertThat(value(scrape, "selfheal_llm_tokens_total", Map.of("kind", "prompt"))).isEqualTo(700.0 * calls);
        assertThat(value(scrape, "selfheal_llm_tokens_total", Map.of("kind", "completion"))).isEqualTo(50.0 * calls);
        assertThat(value(scrape, "selfheal_llm_calls_recorded", Map.of())).isEqualTo(calls);
    }

    @Test
    void aBrokenUserRouteFileIsCounted() {
        assertThat(value(scrape, "selfheal_route_load_errors", Map.of())).isEqualTo(1);
    }

    /**
     * Every metric a dashboard's Prometheus query names is exported, and every {@code max by (...)} over a gauge keeps
     * all of its labels: {@code max} only removes the duplicates instances publish, while dropping a label (as
     * {@code max by (status)} over per-severity series did) silently undercounts.
     */
    @Test
    void everyDashboardQueryReadsExportedSeries() throws IOException {
        Map<String, Set<String>> labelsByMetric = new HashMap<>();
        scrape.forEach(s -> labelsByMetric.computeIfAbsent(s.name(), n -> new TreeSet<>()).addAll(s.labels().keySet()));
        List<Path> dashboards;
        try (Stream<Path> files = Files.walk(Path.of("monitoring"))) {
            dashboards = files.filter(f -> f.toString().endsWith(".json")).sorted().toList();
        }
        assertThat(dashboards).isNotEmpty();
        List<String> problems = new ArrayList<>();
        int queries = 0;
        for (Path dashboard : dashboards) {
            for (JsonNode panel : JSON.readTree(dashboard.toFile()).path("panels")) {
                if (!panel.at("/datasource/type").asText().equals("prometheus")) {
                    continue;
                }
                for (JsonNode query : panel.path("targets")) {
                    String expr = query.path("expr").asText();
                    queries++;
                    String where = dashboard.getFileName() + " '" + panel.path("title").asText() + "': ";
                    for (String metric : PromQl.metricNames(expr)) {
                        if (!labelsByMetric.containsKey(metric)) {
                            problems.add(where + metric + " is not exported");
                        }
                    }
                    for (PromQl.MaxBy max : PromQl.maxBys(expr)) {
                        Set<String> labels = new TreeSet<>(labelsByMetric.getOrDefault(max.metric(), Set.of()));
                        labels.remove("le");
                        if (!max.labels().equals(labels)) {
                            problems.add(where + "max by " + max.labels() + " over " + max.metric() + " whose labels are "
                                    + labels);
                        }
                    }
                }
            }
        }
        assertThat(queries).isGreaterThan(5);
        assertThat(problems).isEmpty();
    }

    private static Set<String> documentedMetrics() throws IOException {
        Set<String> names = new LinkedHashSet<>();
        for (Path document : ProjectDocs.markdownFiles()) {
            Matcher matcher = DOCUMENTED.matcher(Files.readString(document));
            while (matcher.find()) {
                if (!NOT_METRICS.contains(matcher.group())) {
                    names.add(matcher.group());
                }
            }
        }
        return names;
    }

    /** The sum of every sample of {@code name} whose labels include {@code labels}. */
    private static double value(List<Sample> scrape, String name, Map<String, String> labels) {
        return scrape.stream().filter(s -> s.name().equals(name))
                .filter(s -> s.labels().entrySet().containsAll(labels.entrySet()))
                .mapToDouble(Sample::value).sum();
    }

    private List<Sample> scrape() {
        try {
            List<Sample> samples = new ArrayList<>();
            String text = app.get("/observe/metrics").body();
            // Kept for whoever reads a failure: the whole scrape this test judged.
            Files.writeString(Files.createDirectories(Path.of("target")).resolve("documented-metrics-scrape.txt"), text);
            for (String line : text.lines().toList()) {
                Matcher sample = SAMPLE.matcher(line);
                if (line.startsWith("#") || !sample.matches()) {
                    continue;
                }
                Map<String, String> labels = new HashMap<>();
                if (sample.group(2) != null) {
                    Matcher label = LABEL.matcher(sample.group(2));
                    while (label.find()) {
                        labels.put(label.group(1), label.group(2));
                    }
                }
                samples.add(new Sample(sample.group(1), labels, Double.parseDouble(sample.group(3))));
            }
            return samples;
        } catch (IOException | InterruptedException e) {
            throw new IllegalStateException(e);
        }
    }

    private record Sample(String name, Map<String, String> labels, double value) {
    }
}
