package io.selfheal.routes;

import com.fasterxml.jackson.databind.JsonNode;
import io.selfheal.grouping.api.FingerprintApi;
import io.selfheal.store.GroupOverrideStore;
import io.selfheal.testing.TestDatabase;
import io.selfheal.testing.YamlRouteTestSupport;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The real routes/grouping-api.yaml over real HTTP: a group's page read by its sql: queries, merges and splits written
 * by the real FingerprintApi into the test PostgreSQL and answered with their status. routes/healing-api.yaml is loaded
 * beside it for the shared error handling and the samples and rate routes.
 */
class GroupingApiRouteTest extends YamlRouteTestSupport {
    private static final String POOL = "00000000000000a1";
    private static final String POOL_TOO = "00000000000000a2";
    private static final String BILLING = "00000000000000b1";

    @BeforeEach
    void startRoutes() throws Exception {
        TestDatabase.get().reset();
        errorGroup(POOL, "orders", "database", "Pool <*> exhausted");
        errorGroup(POOL_TOO, "orders", "database", "Pool exhausted after <NUM> ms");
        errorGroup(BILLING, "billing", "network", "Connection reset");
        TestDatabase.get().execute("""
                INSERT INTO log_entries (fingerprint_id, service, ts, level, message)
                VALUES ('%1$s', 'orders', now() - interval '5 minutes', 'ERROR', 'Pool main exhausted'),
                       ('%1$s', 'orders', now() - interval '1 minute', 'ERROR', 'Pool replica exhausted');
                INSERT INTO self_heal_events (fingerprint_id, service, error_type, severity, status, detected_at)
                VALUES ('%1$s', 'orders', 'database', 'high', 'open', now())""".formatted(POOL));
        useAppProperties(Map.of());
        bindApi();
        context.getRegistry().bind("fingerprintApi", new FingerprintApi(new GroupOverrideStore(TestDatabase.get().dataSource()),
                groupingState(), JSON));
        serveHttp();
        load("classpath:routes/healing-api.yaml", "classpath:routes/grouping-api.yaml");
        context.start();
    }

    @Test
    void aGroupsPageHasItsSamplesIncidentsAndMerges() throws Exception {
        assertThat(post(POOL_TOO + "/merge", "{\"into\": \"" + POOL + "\"}").statusCode()).isEqualTo(200);

        HttpResponse<String> answer = get("/api/v1/fingerprints/" + POOL);

        assertThat(answer.statusCode()).isEqualTo(200);
        assertThat(answer.headers().firstValue("Content-Type")).hasValue("application/json");
        assertThat(answer.headers().map().keySet()).noneMatch(h -> h.toLowerCase().startsWith("view"));
        JsonNode group = JSON.readTree(answer.body());
        assertThat(group.get("template").asText()).isEqualTo("Pool <*> exhausted");
        assertThat(group.get("samples")).extracting(s -> s.get("message").asText())
                .containsExactly("Pool replica exhausted", "Pool main exhausted");
        assertThat(group.get("incidents")).hasSize(1);
        assertThat(group.get("incidents").get(0).get("severity").asText()).isEqualTo("high");
        assertThat(group.get("mergedFrom")).extracting(JsonNode::asText).containsExactly(POOL_TOO);
        assertThat(group.get("actions")).isEmpty();
    }

    @Test
    void aMergeIsStoredAndMarksTheGroup() throws Exception {
        HttpResponse<String> merged = post(POOL_TOO + "/merge", "{\"into\": \"" + POOL + "\"}");

        assertThat(merged.statusCode()).isEqualTo(200);
        assertThat(merged.headers().firstValue("Content-Type")).hasValue("application/json");
        assertThat(JSON.readTree(merged.body()).get("mergedInto").asText()).isEqualTo(POOL);
        assertThat(text("SELECT concat_ws(' ', kind, fingerprint_id, target_id) FROM grouping_overrides"))
                .isEqualTo("merge " + POOL_TOO + " " + POOL);
        assertThat(text("SELECT merged_into FROM error_fingerprints WHERE id = '" + POOL_TOO + "'")).isEqualTo(POOL);
    }

    @Test
    void aSplitCreatesTheNewGroup() throws Exception {
        HttpResponse<String> split = post(POOL + "/split", "{\"pattern\": \"Pool replica*\", \"title\": \"Replica pool\"}");

        assertThat(split.statusCode()).isEqualTo(200);
        String into = JSON.readTree(split.body()).get("into").asText();
        assertThat(text("SELECT template || ' ' || service FROM error_fingerprints WHERE id = '" + into + "'"))
                .isEqualTo("Replica pool orders");
        assertThat(text("SELECT concat_ws(' ', kind, fingerprint_id, target_id, pattern) FROM grouping_overrides"))
                .isEqualTo("split " + POOL + " " + into + " Pool replica*");
    }

    @Test
    void refusedChangesAnswerWithTheirStatusAndChangeNothing() throws Exception {
        HttpResponse<String> otherService = post(POOL + "/merge", "{\"into\": \"" + BILLING + "\"}");
        assertThat(otherService.statusCode()).isEqualTo(400);
        assertThat(JSON.readTree(otherService.body()).get("message").asText()).isEqualTo("groups of different services cannot be merged");

        assertThat(post(POOL + "/merge", "not json").statusCode()).isEqualTo(400);
        assertThat(post("00000000000000ff/split", "{\"pattern\": \"x*\"}").statusCode()).isEqualTo(404);
        assertThat(text("SELECT count(*) FROM grouping_overrides")).isEqualTo("0");
    }

    @Test
    void anUnknownOrMalformedIdIsAnsweredWithJson() throws Exception {
        HttpResponse<String> unknown = get("/api/v1/fingerprints/00000000000000ff");
        assertThat(unknown.statusCode()).isEqualTo(404);
        assertThat(JSON.readTree(unknown.body()).get("error").asText()).isEqualTo("not_found");

        HttpResponse<String> malformed = get("/api/v1/fingerprints/DROP");
        assertThat(malformed.statusCode()).isEqualTo(400);
        assertThat(JSON.readTree(malformed.body()).get("message").asText())
                .isEqualTo("a fingerprint id is 16 lowercase hex characters, got 'DROP'");
    }

    private HttpResponse<String> post(String path, String body) throws Exception {
        return http("POST", "/api/v1/fingerprints/" + path, "application/json", body.getBytes(StandardCharsets.UTF_8));
    }
}
