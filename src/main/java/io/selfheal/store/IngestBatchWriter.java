package io.selfheal.store;

import io.selfheal.ingest.IngestBatch;

import java.sql.SQLException;

/** The last step of {@code direct:ingest}: stores a fingerprinted batch and its source position in one transaction. */
public final class IngestBatchWriter {
    private final EventStore store;

    public IngestBatchWriter(EventStore store) {
        this.store = store;
    }

    /** Leaves the batch as the message body, so a source route can acknowledge its position afterwards. */
    public void write(IngestBatch batch) throws SQLException {
        store.store(batch.grouped(), batch.deadLetters(), batch.checkpoint());
    }
}
