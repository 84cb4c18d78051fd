package io.selfheal.store;

import io.selfheal.ingest.IngestBatch;
import io.selfheal.observe.SelfhealMetrics;

import java.sql.SQLException;

/** The last step of {@code direct:ingest}: stores a fingerprinted batch and its source position in one transaction. */
public final class IngestBatchWriter {
    private final EventStore store;
    private final SelfhealMetrics metrics;

    public IngestBatchWriter(EventStore store, SelfhealMetrics metrics) {
        this.store = store;
        this.metrics = metrics;
    }

    /** Leaves the batch as the message body, so a source route can acknowledge its position afterwards. */
    public void write(IngestBatch batch) throws SQLException {
        StoreResult result = store.store(batch.grouped(), batch.deadLetters(), batch.checkpoint());
        metrics.ingested(batch.source(), batch.events().size() + batch.deadLetters().size(), result.stored(), result.newFingerprintIds().size(),
                result.deadLetters());
    }
}
