package io.selfheal.app;

import io.selfheal.testing.ChildApp;
import io.selfheal.testing.RunningApp;
import io.selfheal.testing.TestDatabase;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The service started with secrets planted in every setting that holds one — as {@code -D} options (which the JVM
 * exposes as its arguments) and as environment variables — never prints them: not in any log line from start to
 * stop, not in any {@code /observe/*} reply (health, metrics, Jolokia reads of every attribute of every MBean, the
 * route dumps), not in the API's replies.
 */
class SecretsNeverPrintedTest {
    private static final HttpClient HTTP = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(10)).build();
    private static final String READER = "planted-read-R3adT0ken-5be1";
    private static final String CONTEXT = "org.apache.camel:context=selfheal,type=context,name=\\\"selfheal\\\"";

    @TempDir
    Path work;

    @Test
    void plantedSecretsAppearInNoLogLineAndNoReply() throws Exception {
        TestDatabase.get().reset();
        Map<String, String> options = new LinkedHashMap<>();
        options.put("selfheal.api.operator-token", "planted-op-0pT0ken-7f3a");
        options.put("selfheal.api.read-token", READER);
        options.put("selfheal.api.ingest-token", "planted-ingest-1ngT0ken-c2d4");
        options.put("selfheal.actions.kubernetes.token", "planted-k8s-K8sT0ken-91ab");
        options.put("selfheal.loki.password", "planted-loki-L0k1Pass-33ef");
        options.put("selfheal.loki.bearer-token", "planted-lokibearer-B3ar-4410");
        options.put("selfheal.actions.slack.webhook-url", "https://hooks.slack.invalid/services/T0/B0/planted-Sl4ckHook-e9");
        Map<String, String> environment = Map.of(
                "SELFHEAL_ACTIONS_PAGERDUTY_ROUTING_KEY", "planted-pd-R0ut1ngKey-0a9c",
                "SELFHEAL_ACTIONS_WEBHOOK_TOKEN", "planted-webhook-W3bh00k-77d1");
        List<String> secrets = new ArrayList<>(options.values());
        secrets.addAll(environment.values());

        int port = RunningApp.freePort();
        Map<String, String> settings = new LinkedHashMap<>(options);
        settings.put("selfheal.http.port", String.valueOf(port));
        settings.put("selfheal.routes.dir", work.resolve("routes").toString());
        settings.put("logback.configurationFile", "logback.xml"); // the production logging, Camel's INFO lines included
        Path output = work.resolve("selfheal.log");
        List<String> replies = new ArrayList<>();
        try (ChildApp child = ChildApp.start(work.resolve("logs"), settings, environment, output)) {
            String base = "http://127.0.0.1:" + port;
            RunningApp.await("the service answers", () -> status(base + "/observe/health") == 200, Duration.ofMinutes(3));
            for (String path : List.of("/observe/health", "/observe/metrics", "/api/v1/healing/strategies",
                    "/api/v1/healing/status", "/api/v1/sources", "/api/v1/routes/errors", "/api/v1/dashboard/incidents",
                    "/api/v1/incidents?Authorization=Bearer%20" + READER, "/application.properties")) {
                replies.add(get(base + path).body());
            }
            for (String request : List.of(
                    "{\"type\":\"version\"}",
                    "{\"type\":\"read\",\"mbean\":\"*:*\",\"config\":{\"ignoreErrors\":true}}",
                    "{\"type\":\"read\",\"mbean\":\"java.lang:type=Runtime\",\"config\":{\"ignoreErrors\":true}}",
                    "{\"type\":\"list\"}",
                    "{\"type\":\"exec\",\"mbean\":\"" + CONTEXT + "\",\"operation\":\"dumpRoutesAsXml(boolean,boolean)\",\"arguments\":[true,false]}",
                    "{\"type\":\"exec\",\"mbean\":\"" + CONTEXT + "\",\"operation\":\"dumpRoutesAsYaml(boolean,boolean)\",\"arguments\":[true,false]}",
                    "{\"type\":\"exec\",\"mbean\":\"" + CONTEXT + "\",\"operation\":\"dumpRoutesStatsAsXml(boolean,boolean)\",\"arguments\":[true,true]}")) {
                HttpResponse<String> reply = post(base + "/observe/jolokia", request);
                assertThat(reply.statusCode()).as(request).isEqualTo(200);
                replies.add(reply.body());
            }
            assertThat(replies.get(replies.size() - 6)).as("the whole-JVM read returned data").contains("HeapMemoryUsage");
            assertThat(replies.get(replies.size() - 3)).as("the route dump ran").contains("source-http");
        }
        List<String> logLines = Files.readAllLines(output);
        assertThat(String.join("\n", logLines)).as("Camel printed its property summary, masked")
                .contains("selfheal.api.operator-token = xxxxxx")
                .contains("selfheal.actions.pagerduty.routing-key = xxxxxx");
        for (String secret : secrets) {
            assertThat(logLines).as("log lines").noneMatch(line -> line.contains(secret));
            assertThat(replies).as("replies").noneMatch(reply -> reply.contains(secret));
        }
    }

    private static int status(String url) {
        try {
            return get(url).statusCode();
        } catch (Exception e) {
            return -1;
        }
    }

    private static HttpResponse<String> get(String url) throws Exception {
        return HTTP.send(HttpRequest.newBuilder(URI.create(url)).timeout(Duration.ofSeconds(60))
                .header("Authorization", "Bearer " + READER).build(), HttpResponse.BodyHandlers.ofString());
    }

    private static HttpResponse<String> post(String url, String body) throws Exception {
        return HTTP.send(HttpRequest.newBuilder(URI.create(url)).timeout(Duration.ofSeconds(120))
                .header("Authorization", "Bearer " + READER).header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(body)).build(), HttpResponse.BodyHandlers.ofString());
    }
}
