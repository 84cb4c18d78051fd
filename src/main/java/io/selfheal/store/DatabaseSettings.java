package io.selfheal.store;

import java.nio.file.Path;

/**
 * Where the database is.
 *
 * @param url             JDBC URL of an external PostgreSQL, or null to run an embedded one
 * @param user            user for the external server (ignored when embedded)
 * @param password        password for the external server (ignored when embedded)
 * @param embeddedDataDir data directory of the embedded server, kept across restarts; null means {@code ./data/postgres}
 * @param embeddedPort    port of the embedded server; 0 picks any free port
 * @param poolSize        maximum connections in the pool; 0 or less means {@value #DEFAULT_POOL_SIZE}
 */
public record DatabaseSettings(
        String url,
        String user,
        String password,
        Path embeddedDataDir,
        int embeddedPort,
        int poolSize) {

    public static final Path DEFAULT_EMBEDDED_DATA_DIR = Path.of("data", "postgres");
    public static final int DEFAULT_POOL_SIZE = 10;

    public DatabaseSettings {
        embeddedDataDir = embeddedDataDir == null ? DEFAULT_EMBEDDED_DATA_DIR : embeddedDataDir;
        poolSize = poolSize <= 0 ? DEFAULT_POOL_SIZE : poolSize;
    }

    /** An embedded server in {@code dataDir} on any free port. */
    public static DatabaseSettings embedded(Path dataDir) {
        return new DatabaseSettings(null, null, null, dataDir, 0, DEFAULT_POOL_SIZE);
    }

    /** An external server. */
    public static DatabaseSettings external(String url, String user, String password) {
        return new DatabaseSettings(url, user, password, null, 0, DEFAULT_POOL_SIZE);
    }

    public boolean isEmbedded() {
        return url == null;
    }
}
