package io.selfheal.ingest.loki;

import java.net.URI;
import java.time.Duration;
import java.util.List;

/**
 * How the Loki pull source reaches Loki and what it reads ({@code selfheal.loki.*}); timeouts, TLS and a proxy
 * are options of the route's camel-http endpoint ({@code routes/source-loki.yaml}).
 *
 * @param url          Loki's base URL, e.g. {@code http://loki:3100}
 * @param queries      LogQL stream selectors (optionally with line filters), each followed on its own cursor
 * @param tenant       {@code X-Scope-OrgID} for multi-tenant Loki, or null
 * @param username     basic-auth user, or null
 * @param password     basic-auth password, or null
 * @param bearerToken  bearer token (used when no username is set), or null
 * @param limit        entries asked per request; a full page is followed by the next one at once
 * @param lookBack     how far back a query that has no stored cursor starts
 * @param delay        how far behind "now" queries stop, so lines Loki receives a little late are not skipped
 * @param maxPages     pages read per query and poll, so one busy query cannot starve the others
 * @param minBackoff   first wait after a 429, a 5xx or an unreachable Loki
 * @param maxBackoff   longest wait between failing attempts
 */
public record LokiSettings(URI url, List<String> queries, String tenant, String username, String password,
                           String bearerToken, int limit, Duration lookBack, Duration delay, int maxPages,
                           Duration minBackoff, Duration maxBackoff) {

    public LokiSettings {
        queries = List.copyOf(queries);
        if (limit < 1) {
            throw new IllegalArgumentException("selfheal.loki.limit must be at least 1");
        }
    }
}
