package io.selfheal.store;

import io.selfheal.fingerprint.GroupedEvent;
import io.selfheal.ingest.DeadLetter;
import io.selfheal.ingest.IngestBatch;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;

/**
 * The last step of {@code direct:ingest}: stores a fingerprinted batch and its source position in one transaction.
 *
 * <p>A batch the database refuses because of its data (SQL state class 22 or 23) is not retried as a whole, which
 * would block its source forever: its events are stored one by one and those refused become dead letters with the
 * database's reason. Anything else (database down) propagates, so the source keeps its position and tries again.
 */
public final class IngestBatchWriter {
    private static final Logger LOG = LoggerFactory.getLogger(IngestBatchWriter.class);

    private final EventStore store;

    public IngestBatchWriter(EventStore store) {
        this.store = store;
    }

    /** Leaves the batch as the message body, so a source route can acknowledge its position afterwards. */
    public void write(IngestBatch batch) throws SQLException {
        try {
            store.store(batch.grouped(), batch.deadLetters(), batch.checkpoint());
        } catch (SQLException e) {
            if (!isDataError(e)) {
                throw e;
            }
            LOG.warn("A batch from {} was refused ({}); storing its events one by one", batch.source(), e.getMessage());
            storeOneByOne(batch);
        }
    }

    private void storeOneByOne(IngestBatch batch) throws SQLException {
        List<DeadLetter> refused = new ArrayList<>(batch.deadLetters());
        for (GroupedEvent event : batch.grouped()) {
            try {
                store.store(List.of(event), List.of(), null);
            } catch (SQLException e) {
                if (!isDataError(e)) {
                    throw e;
                }
                refused.add(DeadLetter.of(event.event(), "refused by the database: " + e.getMessage()));
            }
        }
        store.store(List.of(), refused, batch.checkpoint());
    }

    private static boolean isDataError(SQLException e) {
        String state = e.getSQLState();
        return state != null && (state.startsWith("22") || state.startsWith("23"));
    }
}
