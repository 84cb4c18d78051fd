package io.selfheal.ingest.http;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.selfheal.testing.ServicePerClass;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import java.net.http.HttpResponse;
import java.util.Map;

import static io.selfheal.testing.RunningApp.count;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * POST /api/v1/logs with input a hostile or broken client sends, on the running service and real PostgreSQL: every
 * record is stored or dead-lettered with its reason, the reply counts exactly that, and nothing poisons what follows.
 */
class HostileHttpInputTest {
    private static final ObjectMapper JSON = new ObjectMapper();

    @RegisterExtension
    static final ServicePerClass SERVICE = ServicePerClass.with(Map.of("selfheal.files.enabled", "false"));

    @Test
    void nulBytesAndLoneSurrogatesAreStoredVisiblyAndDoNotPoisonTheirGroup() throws Exception {
        // The NUL arrives first, so it is in the message the template miner starts the group from.
        JsonNode first = reply(post(error("payment 7\\u0000 declined for user u\\u0000x")), 200);
        assertThat(first.path("accepted").asInt()).isEqualTo(1);
        assertThat(first.path("rejected").asInt()).isZero();
        for (int i = 0; i < 5; i++) {
            JsonNode clean = reply(post(error("payment " + (200 + i) + " declined for user v" + i)), 200);
            assertThat(clean.path("accepted").asInt()).isEqualTo(1);
        }
        JsonNode surrogate = reply(post("{\"level\":\"error\",\"service\":\"shop\\u0000\",\"message\":"
                + "\"payment 9 declined for user \\ud800z\",\"labels\":{\"k\\u0000\":\"v\\udc00\"}}"), 200);
        assertThat(surrogate.path("accepted").asInt()).isEqualTo(1);

        assertThat(count("SELECT count(*) FROM dead_letters")).isZero();
        assertThat(count("SELECT count(*) FROM log_entries WHERE service = 'shop'")).isEqualTo(6);
        assertThat(count("SELECT count(*) FROM log_entries WHERE message = 'payment 7\uFFFD declined for user u\uFFFDx'"))
                .isEqualTo(1);
        assertThat(count("SELECT count(*) FROM log_entries WHERE service = 'shop\uFFFD'"
                + " AND message = 'payment 9 declined for user \uFFFDz'")).isEqualTo(1);
        assertThat(count("SELECT sum(occurrence_count) FROM error_fingerprints")).isEqualTo(7);
    }

    @Test
    void aBodyWithSomeBadRecordsStoresTheGoodOnesAndCountsExactlyWhatWasStored() throws Exception {
        JsonNode answer = reply(post("["
                + error("card declined for order 1") + ","
                + "42,"
                + error("card declined for order \\u0000 2") + ","
                + "{\"level\":\"error\",\"timestamp\":9e24,\"message\":\"far future\"},"
                + "{\"level\":\"error\",\"timestamp\":1e40,\"message\":\"further future\"},"
                + "{\"level\":\"error\",\"timestamp\":\"+300000-01-01T00:00:00Z\",\"message\":\"beyond PostgreSQL\"}"
                + "]"), 200);

        long stored = count("SELECT count(*) FROM log_entries");
        long deadLetters = count("SELECT count(*) FROM dead_letters");
        assertThat(answer.path("accepted").asLong()).isEqualTo(stored);
        assertThat(answer.path("rejected").asLong()).isEqualTo(deadLetters);
        assertThat(stored + deadLetters).isEqualTo(6);
        assertThat(count("SELECT count(*) FROM log_entries WHERE message LIKE 'card declined%'")).isEqualTo(2);
        assertThat(count("SELECT count(*) FROM dead_letters WHERE reason LIKE 'item 1: expected a log object%'"))
                .isEqualTo(1);
        // Out-of-range timestamps are stored at the receive time with the original kept, or dead-lettered with the
        // reason: never counted as accepted and then lost.
        assertThat(count("SELECT count(*) FROM log_entries WHERE message LIKE '%future' OR message LIKE 'beyond%'")
                + count("SELECT count(*) FROM dead_letters WHERE raw LIKE '%future%' OR raw LIKE '%beyond%'"))
                .isEqualTo(3);
        assertThat(count("SELECT count(*) FROM log_entries WHERE ts > now() + interval '1 day'")).isZero();
    }

    @Test
    void outOfRangeTimestampsAreNeverRetryLater() throws Exception {
        for (String timestamp : new String[] {"9e24", "1e40", "-1e40", "\"99999999999999999999999999999999999999\""}) {
            HttpResponse<String> response = post("{\"level\":\"error\",\"timestamp\":" + timestamp
                    + ",\"message\":\"odd clock " + timestamp.replace("\"", "") + "\"}");
            assertThat(response.statusCode()).as(timestamp).isIn(200, 400);
            JsonNode answer = JSON.readTree(response.body());
            assertThat(answer.path("accepted").asInt() + answer.path("rejected").asInt()).as(timestamp).isEqualTo(1);
            if (response.statusCode() == 400) {
                assertThat(answer.path("errors").get(0).asText()).as(timestamp).isNotBlank();
            }
        }
        assertThat(count("SELECT count(*) FROM log_entries") + count("SELECT count(*) FROM dead_letters"))
                .isEqualTo(4);
        // The service still ingests normally afterwards.
        assertThat(reply(post(error("card declined for order 3")), 200).path("accepted").asInt()).isEqualTo(1);
    }

    private static String error(String message) {
        return "{\"level\":\"error\",\"service\":\"shop\",\"message\":\"" + message + "\"}";
    }

    private static HttpResponse<String> post(String json) throws Exception {
        return SERVICE.app().post("/api/v1/logs", "application/json", json);
    }

    private static JsonNode reply(HttpResponse<String> response, int status) throws Exception {
        assertThat(response.statusCode()).as(response.body()).isEqualTo(status);
        return JSON.readTree(response.body());
    }
}
