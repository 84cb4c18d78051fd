package io.selfheal.ingest.http;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.selfheal.testing.ServicePerClass;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.zip.GZIPOutputStream;

import static io.selfheal.testing.RunningApp.count;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * POST /api/v1/logs in the forms log shippers send (NDJSON, gzip), on the running service and real PostgreSQL:
 * every record is stored or dead-lettered with its reason, and a gzip bomb is refused with 413 without inflating it.
 */
class HttpBodyFormatsTest {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final HttpClient HTTP = HttpClient.newHttpClient();

    @RegisterExtension
    static final ServicePerClass SERVICE = ServicePerClass.with(Map.of("selfheal.files.enabled", "false",
                "selfheal.http.max-decoded-bytes", String.valueOf(4 * 1024 * 1024)));

    @Test
    void ndjsonRecordsAreStoredAndABadLineIsADeadLetterWithItsReason() throws Exception {
        String body = error("checkout", "card declined for order 1") + "\n"
                + "{\"level\":\"error\",\"message\":\"cut off\n"
                + "\r\n"
                + error("checkout", "card declined for order 2") + "\r\n"
                + "[1, 2]\n"
                + error("billing", "invoice 7 not found") + "\n";

        JsonNode answer = reply(post(body.getBytes(StandardCharsets.UTF_8), "application/x-ndjson", null), 200);

        assertThat(answer.path("accepted").asInt()).isEqualTo(3);
        assertThat(answer.path("rejected").asInt()).isEqualTo(2);
        assertThat(answer.path("errors").toString()).contains("line 2: invalid JSON").contains("line 5: expected a JSON object");
        assertThat(count("SELECT count(*) FROM log_entries WHERE service = 'checkout'")).isEqualTo(2);
        assertThat(count("SELECT count(*) FROM log_entries WHERE service = 'billing'")).isEqualTo(1);
        assertThat(count("SELECT count(*) FROM dead_letters WHERE source = 'http' AND reason LIKE 'line 2: invalid JSON%'"
                + " AND raw = '{\"level\":\"error\",\"message\":\"cut off'")).isEqualTo(1);
        assertThat(count("SELECT count(*) FROM dead_letters WHERE reason LIKE 'line 5: %' AND raw = '[1, 2]'")).isEqualTo(1);
    }

    @Test
    void ndjsonLabelledAsJsonIsReadLineByLine() throws Exception {
        String body = error("a", "timeout calling inventory") + "\n" + error("b", "timeout calling pricing") + "\n";

        JsonNode answer = reply(post(body.getBytes(StandardCharsets.UTF_8), "application/json", null), 200);

        assertThat(answer.path("accepted").asInt()).isEqualTo(2);
        assertThat(count("SELECT count(*) FROM log_entries WHERE service IN ('a', 'b')")).isEqualTo(2);
        // Each record keeps its own text as raw, not the whole body.
        assertThat(count("SELECT count(*) FROM log_entries WHERE raw = '" + error("a", "timeout calling inventory") + "'"))
                .isEqualTo(1);
    }

    @Test
    void gzipEncodedJsonArrayAndNdjsonAreStored() throws Exception {
        String array = "[" + error("shop", "payment 1 declined") + ",\"ERROR plain line from a text shipper\"]";
        JsonNode first = reply(post(gzip(array.getBytes(StandardCharsets.UTF_8)), "application/json", "gzip"), 200);
        String ndjson = error("shop", "payment 2 declined") + "\n" + error("shop", "payment 3 declined") + "\n";
        JsonNode second = reply(post(gzip(ndjson.getBytes(StandardCharsets.UTF_8)), "application/x-ndjson", "gzip"), 200);

        assertThat(first.path("accepted").asInt()).isEqualTo(2);
        assertThat(second.path("accepted").asInt()).isEqualTo(2);
        assertThat(count("SELECT count(*) FROM log_entries WHERE service = 'shop'")).isEqualTo(3);
        assertThat(count("SELECT count(*) FROM log_entries WHERE message LIKE '%plain line from a text shipper%'"))
                .isEqualTo(1);
    }

    @Test
    void aGzipBombIs413AndKeptAsADeadLetterAndTheServiceKeepsIngesting() throws Exception {
        // 16 MB of one repeated record inflates past the 4 MB limit; compressed it is far under the HTTP body limit.
        byte[] record = (error("bomb", "x".repeat(200)) + "\n").getBytes(StandardCharsets.UTF_8);
        ByteArrayOutputStream compressed = new ByteArrayOutputStream();
        try (GZIPOutputStream out = new GZIPOutputStream(compressed)) {
            for (long written = 0; written < 16L * 1024 * 1024; written += record.length) {
                out.write(record);
            }
        }
        assertThat(compressed.size()).isLessThan(1024 * 1024);

        HttpResponse<String> response = post(compressed.toByteArray(), "application/x-ndjson", "gzip");

        assertThat(response.statusCode()).isEqualTo(413);
        assertThat(response.body()).contains("decompresses to more than 4194304 bytes");
        assertThat(count("SELECT count(*) FROM log_entries WHERE service = 'bomb'")).isZero();
        assertThat(count("SELECT count(*) FROM dead_letters WHERE source = 'http' AND raw LIKE 'base64:%'"
                + " AND reason LIKE '%decompresses to more than%'")).isEqualTo(1);
        reply(post(gzip(error("after", "still ingesting").getBytes(StandardCharsets.UTF_8)), "application/json", "gzip"), 200);
        assertThat(count("SELECT count(*) FROM log_entries WHERE service = 'after'")).isEqualTo(1);
    }

    @Test
    void aBodyThatIsNotGzipDespiteItsHeaderIs400WithTheReason() throws Exception {
        HttpResponse<String> response = post(error("x", "y").getBytes(StandardCharsets.UTF_8), "application/json", "gzip");

        assertThat(response.statusCode()).isEqualTo(400);
        assertThat(response.body()).contains("cannot gunzip");
        assertThat(count("SELECT count(*) FROM dead_letters WHERE source = 'http' AND reason LIKE 'cannot gunzip%'"))
                .isEqualTo(1);
    }

    private static String error(String service, String message) {
        return "{\"level\":\"error\",\"service\":\"" + service + "\",\"message\":\"" + message + "\"}";
    }

    private static byte[] gzip(byte[] bytes) throws IOException {
        ByteArrayOutputStream compressed = new ByteArrayOutputStream();
        try (GZIPOutputStream out = new GZIPOutputStream(compressed)) {
            out.write(bytes);
        }
        return compressed.toByteArray();
    }

    private static HttpResponse<String> post(byte[] body, String contentType, String contentEncoding) throws Exception {
        HttpRequest.Builder request = HttpRequest.newBuilder(SERVICE.app().uri("/api/v1/logs"))
                .header("Content-Type", contentType)
                .POST(HttpRequest.BodyPublishers.ofByteArray(body));
        if (contentEncoding != null) {
            request.header("Content-Encoding", contentEncoding);
        }
        return HTTP.send(request.build(), HttpResponse.BodyHandlers.ofString());
    }

    private static JsonNode reply(HttpResponse<String> response, int status) throws Exception {
        assertThat(response.statusCode()).as(response.body()).isEqualTo(status);
        return JSON.readTree(response.body());
    }
}
