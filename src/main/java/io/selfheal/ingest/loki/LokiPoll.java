package io.selfheal.ingest.loki;

/**
 * One query's turn in a poll of the {@code source-loki} route: the cursor the next page starts at, the end of the
 * window and whether another page is to be asked for ({@link #hasNextPage()}, the route's loop condition).
 */
public final class LokiPoll {
    private final LokiPuller.FollowedQuery query;
    private final long end;
    private final int maxPages;
    private LokiCursor cursor;
    private int pages;
    private boolean finished;

    LokiPoll(LokiPuller.FollowedQuery query, LokiCursor cursor, long end, int maxPages) {
        this.query = query;
        this.cursor = cursor;
        this.end = end;
        this.maxPages = maxPages;
    }

    /** Whether the route asks Loki for another page of this query. */
    public boolean hasNextPage() {
        return !finished && pages < maxPages && cursor.nanos() < end;
    }

    LokiPuller.FollowedQuery query() {
        return query;
    }

    LokiCursor cursor() {
        return cursor;
    }

    long end() {
        return end;
    }

    /** A page was read: the next one starts at {@code next}; {@code more} is false after a page that was not full. */
    void advance(LokiCursor next, boolean more) {
        cursor = next;
        pages++;
        finished = !more;
    }

    /** Loki failed or answered something unusable: no further page in this poll. */
    void stop() {
        finished = true;
    }

    @Override
    public String toString() {
        return query.sourceId + " from " + cursor.encode() + " to " + end;
    }
}
