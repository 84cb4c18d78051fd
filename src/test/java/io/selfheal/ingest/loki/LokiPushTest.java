package io.selfheal.ingest.loki;

import io.selfheal.testing.ServicePerClass;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.xerial.snappy.Snappy;

import java.io.IOException;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import static io.selfheal.testing.RunningApp.count;
import static org.assertj.core.api.Assertions.assertThat;

/** POST /loki/api/v1/push on the running service, with bodies encoded as Promtail and Alloy encode them. */
class LokiPushTest {
    private static final int MAX_ENTRIES = 1000;
    private static final long T0 = Instant.parse("2024-05-01T10:00:00Z").getEpochSecond() * 1_000_000_000L;

    @RegisterExtension
    static final ServicePerClass SERVICE = ServicePerClass.with(Map.of("selfheal.files.enabled", "false",
            "selfheal.loki.push.max-entries", String.valueOf(MAX_ENTRIES)));

    @Test
    void snappyProtobufPushIsStoredWithLabelsAndStructuredMetadata() throws Exception {
        byte[] body = new PromtailPush()
                .stream(Map.of("service_name", "checkout", "env", "prod"), List.of(
                        new PromtailPush.Entry(T0 + 1, "level=error msg=\"card declined for order 42\"",
                                Map.of("trace_id", "abc123")),
                        new PromtailPush.Entry(T0 + 2, "level=info msg=\"order 43 placed\"", Map.of())))
                .stream(Map.of("job", "varlogs", "detected_level", "warn"), List.of(
                        new PromtailPush.Entry(T0 + 3, "disk usage at 91% on /var/lib/data", Map.of())))
                .snappyProtobuf();
        HttpResponse<String> response = SERVICE.app().post("/loki/api/v1/push", "application/x-protobuf", body);
        assertThat(response.statusCode()).isEqualTo(204);
        assertThat(count("SELECT count(*) FROM log_entries WHERE source = 'loki-push'")).isEqualTo(2);
        assertThat(count("SELECT count(*) FROM log_entries WHERE service = 'checkout' AND level = 'ERROR'"
                + " AND labels->>'trace_id' = 'abc123' AND labels->>'env' = 'prod'"
                + " AND ts = '2024-05-01T10:00:00.000000001Z'::timestamptz")).isEqualTo(1);
        assertThat(count("SELECT count(*) FROM log_entries WHERE service = 'varlogs' AND level = 'WARN'")).isEqualTo(1);

        // Promtail retries a push whose answer it did not get: the same entries are not counted twice.
        assertThat(SERVICE.app().post("/loki/api/v1/push", "application/x-protobuf", body).statusCode()).isEqualTo(204);
        assertThat(count("SELECT sum(occurrence_count) FROM error_fingerprints")).isEqualTo(2);
        assertThat(SERVICE.app().get("/api/v1/sources").body()).contains("\"source\":\"loki-push\"");
    }

    @Test
    void jsonPushIsStored() throws Exception {
        String json = """
                {"streams": [{"stream": {"app": "payments", "level": "error"},
                              "values": [["%d", "Request to bank-api timed out after 3000 ms", {"trace_id": "t-1"}],
                                         ["%d", "Request to bank-api timed out after 3010 ms"]]}]}
                """.formatted(T0 + 10, T0 + 11);
        HttpResponse<String> response = SERVICE.app().post("/loki/api/v1/push", "application/json",
                json.getBytes(StandardCharsets.UTF_8));
        assertThat(response.statusCode()).isEqualTo(204);
        assertThat(count("SELECT occurrence_count FROM error_fingerprints WHERE service = 'payments'")).isEqualTo(2);
        assertThat(count("SELECT count(*) FROM log_entries WHERE labels->>'trace_id' = 't-1'")).isEqualTo(1);
    }

    @Test
    void badPayloadsAre400WithTheReasonAndKeptAsDeadLetters() throws Exception {
        HttpResponse<String> notSnappy = SERVICE.app().post("/loki/api/v1/push", "application/x-protobuf",
                "definitely not snappy".getBytes(StandardCharsets.UTF_8));
        assertThat(notSnappy.statusCode()).isEqualTo(400);
        assertThat(notSnappy.body()).contains("snappy");

        HttpResponse<String> badJson = SERVICE.app().post("/loki/api/v1/push", "application/json",
                "{\"streams\": [{\"stream\": {}, \"values\": [[1, 2]]}]}".getBytes(StandardCharsets.UTF_8));
        assertThat(badJson.statusCode()).isEqualTo(400);
        assertThat(badJson.body()).contains("each value must be");

        assertThat(count("SELECT count(*) FROM dead_letters WHERE source = 'loki-push'")).isEqualTo(2);
    }

    @Test
    void aDecompressionBombIs413AndTheServiceKeepsIngesting() throws Exception {
        byte[] bomb = snappyPushDecodingTo(100 * 1024 * 1024);
        assertThat(bomb.length).isLessThan(10 * 1024 * 1024); // under the HTTP body limit: only decoding is too big

        HttpResponse<String> response = SERVICE.app().post("/loki/api/v1/push", "application/x-protobuf", bomb);
        assertThat(response.statusCode()).isEqualTo(413);
        assertThat(response.body()).contains("decompresses to").contains("more than");
        assertThat(count("SELECT count(*) FROM dead_letters WHERE source = 'loki-push'")).isEqualTo(1);

        assertThat(SERVICE.app().get("/observe/health").statusCode()).isEqualTo(200);
        byte[] normal = new PromtailPush().stream(Map.of("service_name", "after"), List.of(
                new PromtailPush.Entry(T0, "level=error msg=\"still ingesting\"", Map.of()))).snappyProtobuf();
        assertThat(SERVICE.app().post("/loki/api/v1/push", "application/x-protobuf", normal).statusCode())
                .isEqualTo(204);
        assertThat(count("SELECT count(*) FROM log_entries WHERE service = 'after'")).isEqualTo(1);
    }

    /** A PushRequest of about {@code bytes} (copies of a 100 kB one) that snappy shrinks to a few MB. */
    private static byte[] snappyPushDecodingTo(int bytes) throws IOException {
        List<PromtailPush.Entry> entries = new ArrayList<>();
        for (int i = 0; i < 500; i++) {
            entries.add(new PromtailPush.Entry(T0 + i, "level=error msg=\"" + "A".repeat(180) + "\"", Map.of()));
        }
        byte[] unit = new PromtailPush().stream(Map.of("service_name", "bomb"), entries).protobuf();
        int copies = bytes / unit.length;
        byte[] decoded = new byte[unit.length * copies];
        for (int i = 0; i < copies; i++) {
            System.arraycopy(unit, 0, decoded, i * unit.length, unit.length);
        }
        return Snappy.compress(decoded);
    }

    @Test
    void aPushOverTheEntryLimitIs413() throws Exception {
        List<PromtailPush.Entry> entries = new ArrayList<>();
        for (int i = 0; i <= MAX_ENTRIES; i++) {
            entries.add(new PromtailPush.Entry(T0 + i, "e" + i, Map.of()));
        }
        HttpResponse<String> response = SERVICE.app().post("/loki/api/v1/push", "application/x-protobuf",
                new PromtailPush().stream(Map.of("service_name", "many"), entries).snappyProtobuf());
        assertThat(response.statusCode()).isEqualTo(413);
        assertThat(response.body()).contains("more than " + MAX_ENTRIES + " entries");
        assertThat(count("SELECT count(*) FROM log_entries")).isZero();
    }
}
