package io.selfheal.ingest.loki;

import io.selfheal.ingest.http.BadPayloadException;
import io.selfheal.ingest.http.PayloadTooLargeException;
import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class PushJsonReaderTest {

    @Test
    void readsValuesWithMetadataWhateverTheOrderOfAStreamsFields() {
        List<LokiEntry> entries = read("""
                {"streams": [
                  {"values": [["1700000000000000001", "first", {"trace_id": "t-1", "n": 5}], [1700000000000000002, "second"]],
                   "stream": {"service": "payments", "pod": {"name": "p-1"}}},
                  {"stream": {"service": "orders"}, "values": []}],
                 "ignored": {"a": [1, 2]}}
                """, 10);

        Map<String, String> labels = Map.of("service", "payments", "pod", "{\"name\":\"p-1\"}");
        assertThat(entries).containsExactly(
                new LokiEntry(labels, 1700000000000000001L, "first", Map.of("trace_id", "t-1", "n", "5")),
                new LokiEntry(labels, 1700000000000000002L, "second", Map.of()));
    }

    @Test
    void readsLokisOlderFormWithLabelTextAndRfc3339Entries() {
        List<LokiEntry> entries = read("""
                {"streams": [{"labels": "{service=\\"billing\\"}",
                              "entries": [{"ts": "2026-12-02T10:00:00.5Z", "line": "hello"}]}]}
                """, 10);

        assertThat(entries).containsExactly(new LokiEntry(Map.of("service", "billing"),
                1_796_205_600_500_000_000L, "hello", Map.of()));
    }

    @Test
    void malformedPushesAreRefusedWithTheReason() {
        assertThatThrownBy(() -> read("{\"streams\": [{\"stream\": {}, \"values\": [[1, 2]]}]}", 10))
                .isInstanceOf(BadPayloadException.class).hasMessageContaining("streams[0]: each value must be");
        assertThatThrownBy(() -> read("{\"streams\": [{\"stream\": {}, \"values\": [[\"soon\", \"x\"]]}]}", 10))
                .isInstanceOf(BadPayloadException.class)
                .hasMessageContaining("timestamp must be nanoseconds since the epoch as a string, not \"soon\"");
        assertThatThrownBy(() -> read("{\"streams\": [{}, {\"values\": []}]}", 10))
                .isInstanceOf(BadPayloadException.class).hasMessageContaining("streams[0]: a stream needs");
        assertThatThrownBy(() -> read("{\"streams\": {}}", 10))
                .isInstanceOf(BadPayloadException.class).hasMessageContaining("a JSON push must be");
        assertThatThrownBy(() -> read("[]", 10))
                .isInstanceOf(BadPayloadException.class).hasMessageContaining("a JSON push must be");
        assertThatThrownBy(() -> read("{\"streams\": [{\"stream\": {}, \"values\": [[\"1\", \"x\"]", 10))
                .isInstanceOf(BadPayloadException.class).hasMessageStartingWith("invalid JSON: ");
        assertThatThrownBy(() -> read("{\"streams\": [{\"labels\": \"{\", \"values\": []}]}", 10))
                .isInstanceOf(BadPayloadException.class).hasMessageStartingWith("streams[0]: ");
    }

    @Test
    void aPushOverTheEntryLimitIsRefusedOnceTheLimitIsPassed() {
        String values = "[\"1\", \"a\"], [\"2\", \"b\"], [\"3\", \"c\"]";
        assertThat(read("{\"streams\": [{\"stream\": {}, \"values\": [" + values + "]}]}", 3)).hasSize(3);
        assertThatThrownBy(() -> read("{\"streams\": [{\"stream\": {}, \"values\": [" + values + "]},"
                + " {\"stream\": {}, \"values\": [[\"4\", \"d\"], {\"never\": \"read\"}]}]}", 3))
                .isInstanceOf(PayloadTooLargeException.class).hasMessageContaining("more than 3 entries");
    }

    private static List<LokiEntry> read(String json, int maxEntries) {
        return PushJsonReader.read(json.getBytes(StandardCharsets.UTF_8), maxEntries);
    }
}
