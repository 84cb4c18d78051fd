package io.selfheal.ingest.loki;

import io.selfheal.ingest.parse.LogParser;
import io.selfheal.ingest.source.SourceStats;
import io.selfheal.testing.TestDatabase;
import io.selfheal.testing.YamlRouteTestSupport;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import javax.sql.DataSource;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The real routes/source-loki-push.yaml over real HTTP, with the real routes/ingest.yaml and
 * routes/push-unavailable.yaml behind it and the test PostgreSQL: answers as Loki does (204, 400/413 with the reason
 * as text, 503 with Retry-After) and keeps every refused push as a dead letter.
 */
class LokiPushRouteTest extends YamlRouteTestSupport {
    private static final long T0 = Instant.parse("2024-05-01T10:00:00Z").getEpochSecond() * 1_000_000_000L;
    private static final int MAX_ENTRIES = 3;

    @BeforeEach
    void emptyDatabase() {
        TestDatabase.get().reset();
    }

    private void start(DataSource database) throws Exception {
        bindIngest(database, new SourceStats(Clock.systemUTC(), () -> null));
        context.getRegistry().bind("lokiPushDecoder", new LokiPushDecoder(new LogParser(), 1 << 20, MAX_ENTRIES));
        serveHttp();
        load("classpath:routes/ingest.yaml", "classpath:routes/push-unavailable.yaml", "classpath:routes/source-loki-push.yaml");
        context.start();
    }

    @Test
    void aPromtailPushIsStoredAndAnswered204() throws Exception {
        start(TestDatabase.get().dataSource());
        byte[] push = new PromtailPush().stream(Map.of("service_name", "api", "env", "prod"), List.of(
                new PromtailPush.Entry(T0, "ERROR Could not reach the payment gateway", Map.of()),
                new PromtailPush.Entry(T0 + 1_000_000_000L, "ERROR Could not reach the payment gateway", Map.of()))).snappyProtobuf();

        HttpResponse<String> answer = send(request("/loki/api/v1/push").header("Content-Type", "application/x-protobuf")
                .header("X-Scope-OrgID", "team-a").POST(HttpRequest.BodyPublishers.ofByteArray(push)));

        assertThat(answer.statusCode()).isEqualTo(204);
        assertThat(answer.body()).isEmpty();
        assertThat(text("SELECT count(*) FROM log_entries")).isEqualTo("2");
        assertThat(text("SELECT string_agg(DISTINCT concat_ws(' ', service, source, labels->>'env', labels->>'tenant'), ',') FROM log_entries"))
                .isEqualTo("api loki-push prod team-a");
    }

    @Test
    void aJsonPushIsStoredToo() throws Exception {
        start(TestDatabase.get().dataSource());
        String push = """
                {"streams": [{"stream": {"service_name": "worker"}, "values": [["%d", "ERROR Job 17 failed"]]}]}""".formatted(T0);

        HttpResponse<String> answer = http("POST", "/loki/api/v1/push", "application/json", push.getBytes(StandardCharsets.UTF_8));

        assertThat(answer.statusCode()).isEqualTo(204);
        assertThat(text("SELECT service || ' ' || ts FROM log_entries")).isEqualTo("worker 2024-05-01 10:00:00+00");
    }

    @Test
    void aBadPushIs400WithTheReasonAndKeptAsADeadLetter() throws Exception {
        start(TestDatabase.get().dataSource());

        HttpResponse<String> answer = http("POST", "/loki/api/v1/push", "application/json", "{\"streams\": [".getBytes(StandardCharsets.UTF_8));

        assertThat(answer.statusCode()).isEqualTo(400);
        assertThat(answer.headers().firstValue("Content-Type")).hasValue("text/plain; charset=utf-8");
        assertThat(answer.body()).startsWith("invalid JSON");
        assertThat(text("SELECT concat_ws(' ', source, raw) FROM dead_letters")).isEqualTo("loki-push {\"streams\": [");
        assertThat(text("SELECT count(*) FROM log_entries")).isEqualTo("0");
    }

    @Test
    void aPushOverTheEntryLimitIs413() throws Exception {
        start(TestDatabase.get().dataSource());
        List<PromtailPush.Entry> entries = List.of(new PromtailPush.Entry(T0, "a", Map.of()),
                new PromtailPush.Entry(T0 + 1, "b", Map.of()), new PromtailPush.Entry(T0 + 2, "c", Map.of()),
                new PromtailPush.Entry(T0 + 3, "d", Map.of()));
        byte[] push = new PromtailPush().stream(Map.of("service_name", "api"), entries).snappyProtobuf();

        HttpResponse<String> answer = http("POST", "/loki/api/v1/push", "application/x-protobuf", push);

        assertThat(answer.statusCode()).isEqualTo(413);
        assertThat(text("SELECT count(*) FROM dead_letters")).isEqualTo("1");
        assertThat(text("SELECT count(*) FROM log_entries")).isEqualTo("0");
    }

    @Test
    void withTheDatabaseDownAGoodPushIs503AndABadOneStill400() throws Exception {
        start(unreachableDatabase());
        String good = """
                {"streams": [{"stream": {"service_name": "worker"}, "values": [["%d", "ERROR Job 17 failed"]]}]}""".formatted(T0);

        HttpResponse<String> unavailable = http("POST", "/loki/api/v1/push", "application/json", good.getBytes(StandardCharsets.UTF_8));
        assertThat(unavailable.statusCode()).isEqualTo(503);
        assertThat(unavailable.headers().firstValue("Retry-After")).hasValue("5");

        HttpResponse<String> refused = http("POST", "/loki/api/v1/push", "application/json", "not json".getBytes(StandardCharsets.UTF_8));
        assertThat(refused.statusCode()).as("sending it again cannot help").isEqualTo(400);
        assertThat(refused.body()).as("the reason, although its dead letter could not be stored").startsWith("invalid JSON");
    }
}
