package io.selfheal.store;

import io.selfheal.fingerprint.GroupedEvent;
import io.selfheal.ingest.DeadLetter;
import io.selfheal.ingest.DeadLetterKind;
import io.selfheal.ingest.IngestBatch;
import io.selfheal.observe.SelfhealMetrics;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.sql.SQLException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/**
 * The last step of {@code direct:ingest}: stores a fingerprinted batch, the count of every line it read (per minute,
 * service and level) and its source position in one transaction.
 *
 * <p>A batch the database refuses because of its data (SQL state class 22 or 23, or a runtime exception while
 * writing it) is not retried as a whole, which
 * would block its source forever: its events are stored one by one and those refused become dead letters with the
 * database's reason. Anything else (database down) propagates, so the source keeps its position and tries again.
 */
public final class IngestBatchWriter {
    private static final Logger LOG = LoggerFactory.getLogger(IngestBatchWriter.class);

    private final EventStore store;
    private final SelfhealMetrics metrics;

    public IngestBatchWriter(EventStore store, SelfhealMetrics metrics) {
        this.store = store;
        this.metrics = metrics;
    }

    /** Leaves the batch as the message body, so a source route can acknowledge its position afterwards. */
    public void write(IngestBatch batch) throws SQLException {
        int read = batch.events().size() + batch.deadLetters().size();
        // Every line read is counted, also those below the level that is stored (LineCounts).
        LineCounts counts = LineCounts.of(batch.events(), Instant.now());
        StoreResult result;
        try {
            result = store.store(batch.grouped(), batch.deadLetters(), counts, batch.checkpoint());
        } catch (SQLException | RuntimeException e) {
            rethrowUnlessCausedByData(e);
            LOG.warn("A batch from {} was refused ({}); storing its events one by one", batch.source(), e.getMessage());
            result = storeOneByOne(batch, counts);
        }
        // The batch's dead letters include the events the database refused one by one (see storeOneByOne).
        metrics.ingested(batch.source(), read, result.stored(), result.newFingerprintIds().size(),
                batch.deadLetters());
    }

    /** Also moves the refused events to the batch's dead letters, so its summary counts only what was stored. */
    private StoreResult storeOneByOne(IngestBatch batch, LineCounts counts) throws SQLException {
        List<DeadLetter> refused = new ArrayList<>();
        int stored = 0;
        int duplicates = 0;
        List<String> newFingerprints = new ArrayList<>();
        for (GroupedEvent event : batch.grouped()) {
            try {
                StoreResult one = store.store(List.of(event), List.of(), null);
                stored += one.stored();
                duplicates += one.duplicates();
                newFingerprints.addAll(one.newFingerprintIds());
            } catch (SQLException | RuntimeException e) {
                rethrowUnlessCausedByData(e);
                refused.add(DeadLetter.of(event.event(), DeadLetterKind.STORE_REFUSED, "refused by the database: " + e.getMessage()));
            }
        }
        batch.deadLettered(refused);
        StoreResult rest = store.store(List.of(), batch.deadLetters(), counts, batch.checkpoint());
        return new StoreResult(stored, duplicates, rest.deadLetters(), newFingerprints);
    }

    /**
     * A database that cannot be reached propagates, so the source keeps its position and retries. A runtime exception
     * (an event missing a required field, say) comes from the data like SQL state classes 22 and 23: retrying the
     * same batch would fail the same way forever.
     */
    private static void rethrowUnlessCausedByData(Exception e) throws SQLException {
        if (e instanceof SQLException sql && !isDataError(sql)) {
            throw sql;
        }
    }

    private static boolean isDataError(SQLException e) {
        String state = e.getSQLState();
        return state != null && (state.startsWith("22") || state.startsWith("23"));
    }
}
