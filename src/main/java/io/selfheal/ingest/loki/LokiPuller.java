package io.selfheal.ingest.loki;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.selfheal.ingest.IngestBatch;
import io.selfheal.ingest.parse.LogParser;
import io.selfheal.ingest.source.SourceStats;
import io.selfheal.store.CheckpointStore;
import io.selfheal.store.SourceCheckpoint;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.IOException;
import java.sql.SQLException;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Follows LogQL queries on Loki with {@code query_range} (direction forward, paged by {@code limit}).
 *
 * <p>Like the file tailer, every poll reads from the last <em>acknowledged</em> cursor of each query and a cursor only
 * moves when {@link #acknowledge} confirms the batch ending at it was stored — the store saves the cursor in the same
 * transaction as the events, so a crash or a failed store neither skips nor repeats an entry. A query whose Loki
 * answers 429 or 5xx, or cannot be reached, waits with exponential backoff (or Loki's Retry-After) while the others
 * go on.
 */
public final class LokiPuller {
    private static final Logger LOG = LoggerFactory.getLogger(LokiPuller.class);
    private static final long NANOS_PER_MILLI = 1_000_000L;

    private final LokiSettings settings;
    private final LokiQueryClient client;
    private final LokiEntryMapper mapper;
    private final CheckpointStore checkpoints;
    private final SourceStats stats;
    private final Clock clock;
    private final Map<String, FollowedQuery> queries = new LinkedHashMap<>();

    public LokiPuller(LokiSettings settings, ObjectMapper json, LogParser parser, CheckpointStore checkpoints,
                      SourceStats stats, Clock clock) {
        this.settings = settings;
        this.client = new LokiQueryClient(settings, json);
        this.mapper = new LokiEntryMapper(parser);
        this.checkpoints = checkpoints;
        this.stats = stats;
        this.clock = clock;
        for (String query : settings.queries()) {
            queries.put(sourceId(query), new FollowedQuery(query, sourceId(query),
                    new Backoff(settings.minBackoff(), settings.maxBackoff())));
        }
    }

    /** {@code loki:<query>}: the source name in stats and the key of the stored cursor. */
    static String sourceId(String query) {
        return "loki:" + query.strip();
    }

    /** Reads what is new for every query not waiting out a backoff; one batch per page, in order. */
    public synchronized List<IngestBatch> poll() throws InterruptedException {
        List<IngestBatch> batches = new ArrayList<>();
        for (FollowedQuery query : queries.values()) {
            if (query.backoff.ready(clock.millis())) {
                poll(query, batches);
            }
        }
        return batches;
    }

    /** Confirms that a batch returned by {@link #poll()} was stored: its query's cursor may move on. */
    public synchronized void acknowledge(IngestBatch batch) {
        SourceCheckpoint checkpoint = batch.checkpoint();
        FollowedQuery query = checkpoint == null ? null : queries.get(checkpoint.sourceId());
        if (query != null) {
            query.acknowledged = LokiCursor.decode(checkpoint.position());
        }
    }

    private void poll(FollowedQuery query, List<IngestBatch> batches) throws InterruptedException {
        long end = (clock.millis() - settings.delay().toMillis()) * NANOS_PER_MILLI;
        LokiCursor cursor;
        try {
            cursor = acknowledged(query);
        } catch (SQLException e) {
            fail(query, "cannot load the stored cursor: " + e.getMessage(), null);
            return;
        }
        for (int page = 0; page < settings.maxPages() && cursor.nanos() < end; page++) {
            List<LokiEntry> answer;
            try {
                answer = client.queryRange(query.query, cursor.nanos(), end);
            } catch (LokiUnavailableException e) {
                fail(query, e.getMessage(), e.retryAfter());
                return;
            } catch (IOException e) {
                fail(query, e.getMessage(), null);
                return;
            }
            query.backoff.succeeded();
            List<LokiEntry> fresh = new ArrayList<>(answer.size());
            for (LokiEntry entry : answer) {
                if (!cursor.covers(entry.nanos(), LokiEntryMapper.reference(entry))) {
                    fresh.add(entry);
                }
            }
            boolean full = answer.size() >= settings.limit();
            // A page that is not full holds everything before `end`: resume at `end`, which keeps the window small
            // when a query is quiet. A full page resumes at its last entry, skipping those stored at that nanosecond.
            LokiCursor next = full ? cursor.after(fresh) : new LokiCursor(end, Set.of());
            if (fresh.isEmpty() && full) {
                // A whole page at one nanosecond, all stored already: more entries share it than one page holds.
                LOG.warn("{}: more than {} entries at {} ns; raise selfheal.loki.limit, moving past them",
                        query.sourceId, settings.limit(), cursor.nanos());
                next = new LokiCursor(cursor.nanos() + 1, Set.of());
            }
            if (!next.equals(cursor)) {
                batches.add(mapper.toBatch(query.sourceId, fresh,
                        new SourceCheckpoint(query.sourceId, next.encode())));
            }
            cursor = next;
            if (!full) {
                return;
            }
        }
    }

    private LokiCursor acknowledged(FollowedQuery query) throws SQLException {
        if (query.acknowledged == null) {
            query.acknowledged = checkpoints.load(query.sourceId).map(LokiCursor::decode).orElseGet(() ->
                    new LokiCursor((clock.millis() - settings.lookBack().toMillis()) * NANOS_PER_MILLI, Set.of()));
        }
        return query.acknowledged;
    }

    private void fail(FollowedQuery query, String reason, Duration retryAfter) {
        Duration wait = query.backoff.failed(clock.millis(), retryAfter);
        stats.failed(query.sourceId, reason);
        LOG.warn("{}: {}; next attempt in {} ms", query.sourceId, reason, wait.toMillis());
    }

    private static final class FollowedQuery {
        final String query;
        final String sourceId;
        final Backoff backoff;
        LokiCursor acknowledged;

        FollowedQuery(String query, String sourceId, Backoff backoff) {
            this.query = query;
            this.sourceId = sourceId;
            this.backoff = backoff;
        }
    }
}
