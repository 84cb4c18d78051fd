package io.selfheal.routes;

import com.fasterxml.jackson.databind.JsonNode;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.selfheal.ingest.Level;
import io.selfheal.ingest.IngestNormalizer;
import io.selfheal.ingest.http.HttpErrorResponder;
import io.selfheal.ingest.http.HttpLogDecoder;
import io.selfheal.ingest.parse.LogParser;
import io.selfheal.ingest.source.SourceStats;
import io.selfheal.observe.SelfhealMetrics;
import io.selfheal.store.EventStore;
import io.selfheal.testing.TestDatabase;
import io.selfheal.testing.YamlRouteTestSupport;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import javax.sql.DataSource;
import java.io.ByteArrayOutputStream;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.util.zip.GZIPOutputStream;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The real routes/source-http.yaml over real HTTP, with the real routes/ingest.yaml and routes/push-unavailable.yaml
 * behind it and the test PostgreSQL: what is stored, what becomes a dead letter, and the status each push gets.
 */
class SourceHttpRouteTest extends YamlRouteTestSupport {
    private static final String LINES = """
            2024-05-01T10:00:00Z ERROR Could not save order 1234: connection reset
            2024-05-01T10:00:01Z ERROR Could not save order 1235: connection reset
            """;

    @BeforeEach
    void emptyDatabase() {
        TestDatabase.get().reset();
    }

    private void start(DataSource eventsDatabase) throws Exception {
        SourceStats stats = new SourceStats(Clock.systemUTC(), () -> null);
        bindIngest(eventsDatabase, stats);
        LogParser parser = new LogParser();
        HttpLogDecoder decoder = new HttpLogDecoder(parser, new IngestNormalizer(parser, JSON, Clock.systemUTC(), Level.WARN), JSON,
                Clock.systemUTC(), 1 << 20);
        context.getRegistry().bind("httpLogDecoder", decoder);
        // Dead letters of refused payloads always go to the test PostgreSQL, even when events cannot be stored.
        context.getRegistry().bind("httpErrors", new HttpErrorResponder(decoder, new EventStore(TestDatabase.get().dataSource()),
                new SelfhealMetrics(new SimpleMeterRegistry())));
        serveHttp();
        load("classpath:routes/ingest.yaml", "classpath:routes/push-unavailable.yaml", "classpath:routes/source-http.yaml");
        context.start();
    }

    @Test
    void textLinesAreStoredForTheServiceNamedInTheQuery() throws Exception {
        start(TestDatabase.get().dataSource());

        HttpResponse<String> answer = send(request("/api/v1/logs?service=checkout").header("Content-Type", "text/plain")
                .header("X-Scope-OrgID", "team-a").POST(HttpRequest.BodyPublishers.ofString(LINES)));

        assertThat(answer.statusCode()).isEqualTo(200);
        assertThat(answer.headers().firstValue("Content-Type")).hasValue("application/json");
        JsonNode summary = JSON.readTree(answer.body());
        assertThat(summary.get("accepted").asInt()).isEqualTo(2);
        assertThat(summary.get("rejected").asInt()).isZero();
        assertThat(text("SELECT string_agg(DISTINCT service || ' ' || source || ' ' || (labels->>'tenant'), ',') FROM log_entries"))
                .isEqualTo("checkout http team-a");
        assertThat(text("SELECT count(*) FROM log_entries")).isEqualTo("2");
    }

    @Test
    void aGzippedNdjsonPushKeepsItsBadLineAsADeadLetter() throws Exception {
        start(TestDatabase.get().dataSource());
        byte[] ndjson = gzip("""
                {"timestamp": "2024-05-01T10:00:00Z", "level": "ERROR", "service": "orders", "message": "Pool exhausted"}
                {"timestamp": "2024-05-01T10:00:01Z", "level": "ERROR", "service": "orders", "message": "Pool exhausted"
                """);

        HttpResponse<String> answer = send(request("/api/v1/logs").header("Content-Type", "application/x-ndjson")
                .header("Content-Encoding", "gzip").POST(HttpRequest.BodyPublishers.ofByteArray(ndjson)));

        assertThat(answer.statusCode()).isEqualTo(200);
        JsonNode summary = JSON.readTree(answer.body());
        assertThat(summary.get("accepted").asInt()).isEqualTo(1);
        assertThat(summary.get("rejected").asInt()).isEqualTo(1);
        assertThat(summary.get("errors")).hasSize(1);
        assertThat(text("SELECT service || ' ' || message FROM log_entries")).isEqualTo("orders Pool exhausted");
        assertThat(text("SELECT count(*) FROM dead_letters WHERE source = 'http'")).isEqualTo("1");
    }

    @Test
    void aFormEncodedPushIsReadAsLinesAndNoLineComesBackAsAHeader() throws Exception {
        start(TestDatabase.get().dataSource());

        HttpResponse<String> answer = http("POST", "/api/v1/logs", "application/x-www-form-urlencoded",
                "2024-05-01T10:00:00Z ERROR [orders] Disk full".getBytes(StandardCharsets.UTF_8));

        assertThat(answer.statusCode()).isEqualTo(200);
        assertThat(JSON.readTree(answer.body()).get("accepted").asInt()).isEqualTo(1);
        assertThat(answer.headers().map().keySet()).noneMatch(h -> h.contains("Disk"));
        assertThat(text("SELECT message FROM log_entries")).contains("Disk full");
    }

    @Test
    void invalidJsonIs400AndKeptAsADeadLetter() throws Exception {
        start(TestDatabase.get().dataSource());

        HttpResponse<String> answer = http("POST", "/api/v1/logs", "application/json", "[{\"message\": ".getBytes(StandardCharsets.UTF_8));

        assertThat(answer.statusCode()).isEqualTo(400);
        JsonNode error = JSON.readTree(answer.body());
        assertThat(error.get("error").asText()).isEqualTo("bad_request");
        assertThat(error.get("message").asText()).startsWith("invalid JSON");
        assertThat(text("SELECT raw FROM dead_letters")).isEqualTo("[{\"message\": ");
        assertThat(text("SELECT count(*) FROM log_entries")).isEqualTo("0");
    }

    @Test
    void anUnsupportedContentTypeIs415() throws Exception {
        start(TestDatabase.get().dataSource());

        HttpResponse<String> answer = http("POST", "/api/v1/logs", "application/xml", "<log/>".getBytes(StandardCharsets.UTF_8));

        assertThat(answer.statusCode()).isEqualTo(415);
        assertThat(JSON.readTree(answer.body()).get("message").asText()).startsWith("unsupported Content-Type 'application/xml'");
    }

    @Test
    void aPushTheDatabaseCannotTakeIs503WithRetryAfter() throws Exception {
        start(unreachableDatabase());

        HttpResponse<String> answer = http("POST", "/api/v1/logs", "text/plain", LINES.getBytes(StandardCharsets.UTF_8));

        assertThat(answer.statusCode()).isEqualTo(503);
        assertThat(answer.headers().firstValue("Retry-After")).hasValue("5");
        assertThat(JSON.readTree(answer.body()).get("error").asText()).isEqualTo("unavailable");
    }

    private static byte[] gzip(String text) throws Exception {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try (GZIPOutputStream zip = new GZIPOutputStream(out)) {
            zip.write(text.getBytes(StandardCharsets.UTF_8));
        }
        return out.toByteArray();
    }
}
