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
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.sql.SQLException;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The state behind the {@code source-loki} route, which follows LogQL queries with Loki's {@code query_range}
 * (direction forward, paged by {@code limit}) through camel-http.
 *
 * <p>Every poll reads from the last <em>acknowledged</em> cursor of each query ({@link #due()}); the route asks for
 * one page at a time ({@link #queryRange}), hands the answer to {@link #answered}, which turns it into a batch that
 * carries the cursor after it, and {@link #acknowledge}s the batch once {@code direct:ingest} stored it — the store
 * saves the cursor in the same transaction as the events, so a crash or a failed store neither skips nor repeats an
 * entry. A query whose Loki answers 429 or 5xx, or cannot be reached, waits with exponential backoff (or Loki's
 * Retry-After) while the others go on; each failure is counted for {@code GET /api/v1/sources} and logged.
 */
public final class LokiPuller {
    private static final Logger LOG = LoggerFactory.getLogger(LokiPuller.class);
    private static final long NANOS_PER_MILLI = 1_000_000L;

    private final LokiSettings settings;
    private final LokiQueryRangeAnswer answers;
    private final LokiEntryMapper mapper;
    private final CheckpointStore checkpoints;
    private final SourceStats stats;
    private final Clock clock;
    private final Map<String, FollowedQuery> queries = new LinkedHashMap<>();

    public LokiPuller(LokiSettings settings, ObjectMapper json, LogParser parser, CheckpointStore checkpoints,
                      SourceStats stats, Clock clock) {
        this.settings = settings;
        this.answers = new LokiQueryRangeAnswer(json);
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

    /** A poll for every query that is not waiting out a backoff and has something to read before "now - delay". */
    public synchronized List<LokiPoll> due() {
        long end = (clock.millis() - settings.delay().toMillis()) * NANOS_PER_MILLI;
        List<LokiPoll> polls = new ArrayList<>();
        for (FollowedQuery query : queries.values()) {
            if (!query.backoff.ready(clock.millis())) {
                continue;
            }
            try {
                LokiPoll poll = new LokiPoll(query, acknowledged(query), end, settings.maxPages());
                if (poll.hasNextPage()) {
                    polls.add(poll);
                }
            } catch (SQLException e) {
                fail(query, "cannot load the stored cursor: " + e.getMessage(), null);
            }
        }
        return polls;
    }

    /** The query string of the poll's next page (the route's {@code CamelHttpQuery} header). */
    public String queryRange(LokiPoll poll) {
        return "query=" + URLEncoder.encode(poll.query().query, StandardCharsets.UTF_8).replace("+", "%20")
                + "&start=" + poll.cursor().nanos() + "&end=" + poll.end()
                + "&limit=" + settings.limit() + "&direction=forward";
    }

    /** Adds the request headers the settings ask for: {@code X-Scope-OrgID} and basic or bearer credentials. */
    public void addRequestHeaders(Map<String, Object> headers) {
        if (settings.tenant() != null) {
            headers.put("X-Scope-OrgID", settings.tenant());
        }
        if (settings.username() != null) {
            String credentials = settings.username() + ":" + (settings.password() == null ? "" : settings.password());
            headers.put("Authorization", "Basic "
                    + Base64.getEncoder().encodeToString(credentials.getBytes(StandardCharsets.UTF_8)));
        } else if (settings.bearerToken() != null) {
            headers.put("Authorization", "Bearer " + settings.bearerToken());
        }
    }

    /**
     * Loki's answer to the poll's page: the batch of the entries not stored yet with the cursor after them, or null
     * when there is nothing to store (a failure, counted and backed off; or a page that does not move the cursor).
     *
     * @param status     the HTTP status
     * @param body       the answer's body (may be null)
     * @param retryAfter Loki's Retry-After header, or null
     */
    public synchronized IngestBatch answered(LokiPoll poll, int status, byte[] body, String retryAfter) {
        FollowedQuery query = poll.query();
        if (status == 429 || status >= 500) {
            poll.stop();
            fail(query, "Loki answered " + status + ": " + snippet(body), retryAfter(retryAfter));
            return null;
        }
        if (status != 200) {
            poll.stop();
            fail(query, "Loki answered " + status + " to " + query.query + ": " + snippet(body), null);
            return null;
        }
        List<LokiEntry> answer;
        try {
            answer = answers.parse(body == null ? new byte[0] : body);
        } catch (IOException e) {
            poll.stop();
            fail(query, "unreadable answer: " + e.getMessage(), null);
            return null;
        }
        query.backoff.succeeded();
        LokiCursor cursor = poll.cursor();
        List<LokiEntry> fresh = new ArrayList<>(answer.size());
        for (LokiEntry entry : answer) {
            if (!cursor.covers(entry.nanos(), LokiEntryMapper.reference(entry))) {
                fresh.add(entry);
            }
        }
        boolean full = answer.size() >= settings.limit();
        // A page that is not full holds everything before `end`: resume at `end`, which keeps the window small
        // when a query is quiet. A full page resumes at its last entry, skipping those stored at that nanosecond.
        LokiCursor next = full ? cursor.after(fresh) : new LokiCursor(poll.end(), Set.of());
        if (fresh.isEmpty() && full) {
            // A whole page at one nanosecond, all stored already: more entries share it than one page holds.
            LOG.warn("{}: more than {} entries at {} ns; raise selfheal.loki.limit, moving past them",
                    query.sourceId, settings.limit(), cursor.nanos());
            next = new LokiCursor(cursor.nanos() + 1, Set.of());
        }
        poll.advance(next, full);
        if (next.equals(cursor)) {
            return null;
        }
        return mapper.toBatch(query.sourceId, fresh, new SourceCheckpoint(query.sourceId, next.encode()));
    }

    /** Loki could not be reached (connection refused, timeout...): back off this query. */
    public synchronized void unreachable(LokiPoll poll, Exception failure) {
        poll.stop();
        fail(poll.query(), "Loki unreachable: " + failure, null);
    }

    /** Confirms that a batch returned by {@link #answered} was stored: its query's cursor may move on. */
    public synchronized void acknowledge(IngestBatch batch) {
        SourceCheckpoint checkpoint = batch.checkpoint();
        FollowedQuery query = checkpoint == null ? null : queries.get(checkpoint.sourceId());
        if (query != null) {
            query.acknowledged = LokiCursor.decode(checkpoint.position());
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

    private static Duration retryAfter(String header) {
        try {
            return header == null ? null : Duration.ofSeconds(Long.parseLong(header.strip()));
        } catch (NumberFormatException e) {
            return null; // an HTTP-date: our own backoff applies
        }
    }

    private static String snippet(byte[] body) {
        String text = body == null ? "" : new String(body, StandardCharsets.UTF_8).strip();
        return text.length() > 300 ? text.substring(0, 300) + "…" : text;
    }

    static final class FollowedQuery {
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
