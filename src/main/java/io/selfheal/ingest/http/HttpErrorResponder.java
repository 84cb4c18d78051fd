package io.selfheal.ingest.http;

import io.selfheal.ingest.DeadLetter;
import io.selfheal.observe.SelfhealMetrics;
import io.selfheal.store.EventStore;

import java.sql.SQLException;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** Answers a rejected push with a JSON error, after keeping the payload as a dead letter. */
public final class HttpErrorResponder {
    private final HttpLogDecoder decoder;
    private final EventStore store;
    private final SelfhealMetrics metrics;

    public HttpErrorResponder(HttpLogDecoder decoder, EventStore store, SelfhealMetrics metrics) {
        this.decoder = decoder;
        this.store = store;
        this.metrics = metrics;
    }

    public Map<String, Object> badPayload(byte[] payload, String reason, int status) throws SQLException {
        DeadLetter deadLetter = decoder.rejected(payload, reason, status);
        store.store(List.of(), List.of(deadLetter), null);
        metrics.deadLettered("http", List.of(deadLetter));
        Map<String, Object> answer = new LinkedHashMap<>();
        answer.put("error", "bad_request");
        answer.put("message", reason);
        return answer;
    }
}
