package io.selfheal.app;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.selfheal.fingerprint.StableIds;
import io.selfheal.fingerprint.mining.TemplateMiner;
import io.selfheal.testing.RunningApp;
import io.selfheal.testing.TestDatabase;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import java.util.function.BooleanSupplier;

import static org.assertj.core.api.Assertions.assertThat;

/** Grouping in the running service: ids across a restart, the fingerprint API and the hot-reloaded rules file. */
class GroupingServiceTest {
    private static final String OPERATOR_TOKEN = "test-operator-token";
    private static final HttpClient HTTP = HttpClient.newHttpClient();
    private static final ObjectMapper JSON = new ObjectMapper();

    @TempDir
    Path dir;

    private int port;
    private SelfhealApp app;

    @BeforeEach
    void start() throws Exception {
        TestDatabase.get().reset();
        port = freePort();
        app = startApp();
    }

    @AfterEach
    void stop() {
        if (app != null) {
            app.close();
        }
    }

    @Test
    void idsSurviveARestartEvenForVariantsOnlySeenAfterIt() throws Exception {
        String[] before = {"0 bytes sent to 10.0.0.1", "user 42 logged in from 10.0.0.7",
            "Deleting block blk_1 file /data/1"};
        String[] after = {"1024 bytes (1.0 KB) sent to 10.0.0.2", "user 43 logged in from db.internal",
            "Deleting block blk_2 file /data/2 /data/3"};
        for (String message : before) {
            push("billing", message);
        }
        Map<String, String> idsBefore = new HashMap<>();
        for (String message : before) {
            idsBefore.put(message, fingerprintOf(message));
        }
        app.close();
        app = startApp();
        for (String message : after) {
            push("billing", message);
        }
        for (int i = 0; i < before.length; i++) {
            // Without the persisted miner a fresh instance would file the variant under an id of its own.
            assertThat(new TemplateMiner().match("billing", after[i]).id()).isNotEqualTo(idsBefore.get(before[i]));
            assertThat(fingerprintOf(after[i])).isEqualTo(idsBefore.get(before[i]));
        }
        assertThat(count("SELECT count(*) FROM error_fingerprints")).isEqualTo(before.length);
    }

    @Test
    void mergeSplitAndReadThroughTheApi() throws Exception {
        push("shop", "payment 17 declined by issuer");
        push("shop", "cart 9 could not be saved: timeout after 300 ms");
        String payment = fingerprintOf("payment 17 declined by issuer");
        String cart = fingerprintOf("cart 9 could not be saved: timeout after 300 ms");

        JsonNode read = JSON.readTree(get("/api/v1/fingerprints/" + payment).body());
        assertThat(read.path("template").asText()).isEqualTo("payment <int> declined by issuer");
        assertThat(read.path("parameters").get(0).path("placeholder").asText()).isEqualTo("<int>");
        assertThat(read.path("parameters").get(0).path("samples").get(0).asText()).isEqualTo("17");
        assertThat(read.path("occurrences").asLong()).isEqualTo(1);

        HttpResponse<String> anonymous = HTTP.send(HttpRequest.newBuilder(
                        URI.create("http://127.0.0.1:" + port + "/api/v1/fingerprints/" + payment + "/merge"))
                .POST(HttpRequest.BodyPublishers.ofString("{\"into\":\"" + cart + "\"}")).build(),
                HttpResponse.BodyHandlers.ofString());
        assertThat(anonymous.statusCode()).isEqualTo(401);
        HttpResponse<String> merged = post("/api/v1/fingerprints/" + payment + "/merge", "{\"into\":\"" + cart + "\"}");
        assertThat(merged.statusCode()).isEqualTo(200);
        push("shop", "payment 18 declined by issuer");
        assertThat(fingerprintOf("payment 18 declined by issuer")).isEqualTo(cart);
        assertThat(JSON.readTree(get("/api/v1/fingerprints/" + payment).body()).path("mergedInto").asText())
                .isEqualTo(cart);
        assertThat(JSON.readTree(get("/api/v1/fingerprints/" + cart).body()).path("occurrences").asLong())
                .isEqualTo(2);
        assertThat(post("/api/v1/fingerprints/" + cart + "/merge", "{\"into\":\"" + payment + "\"}").statusCode())
                .isEqualTo(409);

        HttpResponse<String> split = post("/api/v1/fingerprints/" + cart + "/split",
                "{\"pattern\":\"*timeout*\",\"title\":\"cart save timeout\"}");
        assertThat(split.statusCode()).isEqualTo(200);
        String timeouts = JSON.readTree(split.body()).path("into").asText();
        push("shop", "cart 10 could not be saved: timeout after 500 ms");
        assertThat(fingerprintOf("cart 10 could not be saved: timeout after 500 ms")).isEqualTo(timeouts);
        assertThat(JSON.readTree(get("/api/v1/fingerprints/" + timeouts).body()).path("template").asText())
                .isEqualTo("cart save timeout");

        assertThat(get("/api/v1/fingerprints/00000000000000ff").statusCode()).isEqualTo(404);
        assertThat(post("/api/v1/fingerprints/" + cart + "/merge", "{\"into\":\"00000000000000ff\"}").statusCode())
                .isEqualTo(404);
        assertThat(post("/api/v1/fingerprints/" + cart + "/merge", "{\"into\":").statusCode()).isEqualTo(400);
        assertThat(post("/api/v1/fingerprints/" + cart + "/split", "{\"pattern\":\"/([/\"}").statusCode())
                .isEqualTo(400);
    }

    @Test
    void anEditedRulesFileAppliesToTheNextEvents() throws Exception {
        push("orders", "order ORD-1 failed: stock service refused");
        String mined = fingerprintOf("order ORD-1 failed: stock service refused");
        Files.writeString(dir.resolve("grouping-rules.yaml"), """
                rules:
                  - name: stock
                    match: {service: orders, message: '*stock service*'}
                    fingerprint: [stock-outage, '{{ service }}']
                    title: Stock service outage
                """);
        String ruleId = StableIds.of("orders", "rule\nstock-outage\norders");
        await(() -> {
            push("orders", "order ORD-2 failed: stock service refused");
            return ruleId.equals(fingerprintOf("order ORD-2 failed: stock service refused"));
        }, Duration.ofSeconds(20));
        assertThat(ruleId).isNotEqualTo(mined);
        assertThat(JSON.readTree(get("/api/v1/fingerprints/" + ruleId).body()).path("template").asText())
                .isEqualTo("Stock service outage");
    }

    private SelfhealApp startApp() throws Exception {
        Map<String, String> properties = RunningApp.baseProperties(port, dir.resolve("logs"));
        properties.put("selfheal.api.operator-token", OPERATOR_TOKEN);
        properties.put("selfheal.grouping.rules-file", dir.resolve("grouping-rules.yaml").toString());
        properties.put("selfheal.grouping.sync-interval-ms", "200");
        return new SelfhealApp(null, properties).start();
    }

    private void push(String service, String message) {
        try {
            String body = JSON.writeValueAsString(Map.of("level", "ERROR", "message", message));
            HttpResponse<String> response = post("/api/v1/logs?service=" + service, body);
            assertThat(response.statusCode()).isEqualTo(200);
        } catch (IOException | InterruptedException e) {
            throw new IllegalStateException(e);
        }
    }

    private static String fingerprintOf(String message) {
        try (Connection c = TestDatabase.get().dataSource().getConnection();
             PreparedStatement s = c.prepareStatement(
                     "SELECT fingerprint_id FROM log_entries WHERE message = ? ORDER BY id DESC LIMIT 1")) {
            s.setString(1, message);
            try (ResultSet rs = s.executeQuery()) {
                return rs.next() ? rs.getString(1) : null;
            }
        } catch (SQLException e) {
            throw new IllegalStateException(e);
        }
    }

    private HttpResponse<String> get(String path) throws IOException, InterruptedException {
        return HTTP.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + path)).build(),
                HttpResponse.BodyHandlers.ofString());
    }

    private HttpResponse<String> post(String path, String body) throws IOException, InterruptedException {
        return HTTP.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + path))
                .header("Content-Type", "application/json")
                .header("Authorization", "Bearer " + OPERATOR_TOKEN)
                .POST(HttpRequest.BodyPublishers.ofString(body, StandardCharsets.UTF_8)).build(),
                HttpResponse.BodyHandlers.ofString());
    }

    private static long count(String sql) throws SQLException {
        try (Connection c = TestDatabase.get().dataSource().getConnection();
             PreparedStatement s = c.prepareStatement(sql);
             ResultSet rs = s.executeQuery()) {
            rs.next();
            return rs.getLong(1);
        }
    }

    private static void await(BooleanSupplier condition, Duration timeout) throws InterruptedException {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (!condition.getAsBoolean()) {
            if (System.nanoTime() > deadline) {
                throw new AssertionError("condition not met within " + timeout);
            }
            Thread.sleep(100);
        }
    }

    private static int freePort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        }
    }
}
