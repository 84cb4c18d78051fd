package io.selfheal.api;

import java.util.Locale;
import java.util.Set;

/**
 * The token an HTTP request needs, decided from its method and path alone, so that every route — built-in, added
 * later or loaded live from the routes directory — is covered: anything not named here as open or as ingestion is a
 * read (GET, HEAD) or an operation (every other method).
 */
public enum AccessLevel {
    /** The dashboard's own files, health and metrics: nothing secret, needed by browsers, probes and Prometheus. */
    OPEN,
    /** Pushed logs: the ingest token when one is configured. */
    INGEST,
    /** The read token when one is configured (the operator token also reads). */
    READ,
    /** The operator token, always; with none configured, refused. */
    OPERATE;

    /** The dashboard's files: the only static content served (see {@code DashboardFiles}). */
    public static final Set<String> DASHBOARD_FILES = Set.of("/", "/index.html", "/dashboard.css", "/dashboard.js",
            "/detail.js");
    private static final Set<String> INGEST_PATHS = Set.of("/api/v1/logs", "/loki/api/v1/push");
    private static final Set<String> PROBES = Set.of("/observe/health", "/observe/metrics");
    /** Jolokia only reads (its policy refuses writes and operations), but Hawtio sends reads as POSTs. */
    private static final String JOLOKIA = "/observe/jolokia";

    /** @param path the request's normalized path (no {@code ..}, no query) */
    public static AccessLevel of(String method, String path) {
        String verb = method.toUpperCase(Locale.ROOT);
        boolean read = verb.equals("GET") || verb.equals("HEAD");
        if (read && DASHBOARD_FILES.contains(path)
                || PROBES.contains(path) || path.startsWith("/observe/health/")) {
            return OPEN;
        }
        if (verb.equals("POST") && INGEST_PATHS.contains(path)) {
            return INGEST;
        }
        if (read || (verb.equals("POST") && (path.equals(JOLOKIA) || path.startsWith(JOLOKIA + "/")))) {
            return READ;
        }
        return OPERATE;
    }
}
