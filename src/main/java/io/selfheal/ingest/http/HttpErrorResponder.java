package io.selfheal.ingest.http;

import io.selfheal.ingest.DeadLetter;
import io.selfheal.observe.SelfhealMetrics;
import io.selfheal.store.EventStore;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.sql.SQLException;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** Answers a rejected push with a JSON error, after keeping the payload as a dead letter. */
public final class HttpErrorResponder {
    private static final Logger LOG = LoggerFactory.getLogger(HttpErrorResponder.class);

    private final HttpLogDecoder decoder;
    private final EventStore store;
    private final SelfhealMetrics metrics;

    public HttpErrorResponder(HttpLogDecoder decoder, EventStore store, SelfhealMetrics metrics) {
        this.decoder = decoder;
        this.store = store;
        this.metrics = metrics;
    }

    /**
     * Input that will never be accepted is answered with its 4xx even when its dead letter cannot be stored (database
     * down): a 5xx would have the client send it again and again.
     */
    public Map<String, Object> badPayload(byte[] payload, String reason, int status) {
        DeadLetter deadLetter = decoder.rejected(payload, reason, status);
        try {
            store.store(List.of(), List.of(deadLetter), null);
            metrics.deadLettered("http", List.of(deadLetter));
        } catch (SQLException | RuntimeException e) {
            LOG.warn("Refused push not kept as a dead letter ({}): {}", e.getMessage(), reason);
        }
        Map<String, Object> answer = new LinkedHashMap<>();
        answer.put("error", "bad_request");
        answer.put("message", reason);
        return answer;
    }
}
