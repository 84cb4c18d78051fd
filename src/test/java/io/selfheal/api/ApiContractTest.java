package io.selfheal.api;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.selfheal.testing.RunningApp;
import io.selfheal.testing.TestDatabase;
import org.apache.camel.model.ModelCamelContext;
import org.apache.camel.model.rest.RestDefinition;
import org.apache.camel.model.rest.VerbDefinition;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.util.Locale;
import java.util.Map;
import java.util.TreeSet;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The API's contract as a client meets it: an OpenAPI description listing every rest endpoint the service has, behind
 * the read token like every read; log pushes in the content types curl and shippers send, and a 415 with a hint for
 * the others.
 */
class ApiContractTest {
    private static final String READER = "read-token-contract";
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final HttpClient HTTP = HttpClient.newHttpClient();
    private static RunningApp app;

    @BeforeAll
    static void start() throws Exception {
        TestDatabase.get().reset();
        app = RunningApp.startIn(Files.createTempDirectory("selfheal-contract"),
                Map.of("selfheal.api.read-token", READER, "selfheal.api.operator-token", "operator-token-contract"));
    }

    @AfterAll
    static void stop() {
        if (app != null) {
            app.close();
        }
    }

    @Test
    void theOpenApiDescriptionListsEveryRestEndpointAndNeedsTheReadToken() throws Exception {
        assertThat(get("/api/v1/openapi.json", null).statusCode()).isEqualTo(401);
        HttpResponse<String> response = get("/api/v1/openapi.json", READER);
        assertThat(response.statusCode()).isEqualTo(200);
        JsonNode openapi = JSON.readTree(response.body());
        assertThat(openapi.path("openapi").asText()).startsWith("3.");
        assertThat(openapi.path("info").path("title").asText()).isEqualTo("Selfheal API");

        TreeSet<String> declared = new TreeSet<>();
        ModelCamelContext model = (ModelCamelContext) app.app().camelContext();
        for (RestDefinition rest : model.getRestDefinitions()) {
            for (VerbDefinition verb : rest.getVerbs()) {
                declared.add(verb.asVerb().toLowerCase(Locale.ROOT) + " " + join(rest.getPath(), verb.getPath()));
            }
        }
        TreeSet<String> described = new TreeSet<>();
        openapi.path("paths").fields().forEachRemaining(path -> path.getValue().fieldNames()
                .forEachRemaining(verb -> described.add(verb + " " + path.getKey())));
        assertThat(declared).contains("get /api/v1/incidents/{id}", "post /api/v1/incidents/{id}/{change}",
                "post /api/v1/logs", "get /api/v1/fingerprints/{id}", "get /api/v1/dashboard/{view}");
        assertThat(described).containsAll(declared);
    }

    @Test
    void curlFormsAndPlainTextAreReadAsLinesAndOtherTypesGetA415WithAHint() throws Exception {
        HttpResponse<String> form = push("application/x-www-form-urlencoded",
                "2026-12-02 10:00:00 ERROR [checkout] payment gateway timed out after 3000 ms");
        assertThat(form.statusCode()).as(form.body()).isEqualTo(200);
        assertThat(JSON.readTree(form.body()).path("accepted").asInt()).isEqualTo(1);
        HttpResponse<String> text = push("text/plain", "ERROR first line\nERROR second line\n");
        assertThat(JSON.readTree(text.body()).path("accepted").asInt()).isEqualTo(2);
        assertThat(RunningApp.count("SELECT count(*) FROM log_entries WHERE message LIKE '%payment gateway timed out%'"))
                .isEqualTo(1);

        HttpResponse<String> xml = push("application/xml", "<log>ERROR nope</log>");
        assertThat(xml.statusCode()).isEqualTo(415);
        JsonNode refusal = JSON.readTree(xml.body());
        assertThat(refusal.path("error").asText()).isNotEmpty();
        assertThat(xml.body()).contains("text/plain").contains("application/json");
    }

    private static String join(String base, String path) {
        String p = path == null ? "" : path;
        return (base.endsWith("/") ? base.substring(0, base.length() - 1) : base) + (p.startsWith("/") || p.isEmpty() ? p : "/" + p);
    }

    private static HttpResponse<String> push(String contentType, String body) throws Exception {
        return HTTP.send(HttpRequest.newBuilder(app.uri("/api/v1/logs?service=checkout")).header("Content-Type", contentType)
                .POST(HttpRequest.BodyPublishers.ofString(body)).build(), HttpResponse.BodyHandlers.ofString());
    }

    private static HttpResponse<String> get(String path, String token) throws Exception {
        HttpRequest.Builder request = HttpRequest.newBuilder(app.uri(path));
        if (token != null) {
            request.header("Authorization", "Bearer " + token);
        }
        return HTTP.send(request.build(), HttpResponse.BodyHandlers.ofString());
    }
}
