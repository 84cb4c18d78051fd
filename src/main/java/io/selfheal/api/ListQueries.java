package io.selfheal.api;

import java.time.Clock;

/** Parses the query strings of the list endpoints, each against the values its list knows (see {@link ListQuery}). */
public final class ListQueries {
    private final Clock clock;

    public ListQueries(Clock clock) {
        this.clock = clock;
    }

    public ListQuery incidents(String status, String service, String severity, String since, String q, String limit,
                               String offset) {
        return ListQuery.parse(ListQuery.INCIDENT_STATUSES, status, service, severity, since, q, limit, offset, clock);
    }

    public ListQuery fingerprints(String status, String service, String severity, String since, String q,
                                  String limit, String offset) {
        return ListQuery.parse(ListQuery.FINGERPRINT_STATUSES, status, service, severity, since, q, limit, offset, clock);
    }

    public ListQuery actions(String status, String service, String since, String limit, String offset) {
        return ListQuery.parse(ListQuery.ACTION_STATUSES, status, service, null, since, null, limit, offset, clock);
    }
}
