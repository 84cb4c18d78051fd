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
 * @param appUser         when set, the login the pool uses once the owner ran the migrations: a member of the DML-only
 *                        role {@code selfheal_app} (migration V6); null keeps the owner's connection
 * @param appPassword     that login's password (may be null, e.g. for a trusted local connection)
 */
public record DatabaseSettings(
        String url,
        String user,
        String password,
        Path embeddedDataDir,
        int embeddedPort,
        int poolSize,
        String appUser,
        String appPassword) {

    public static final Path DEFAULT_EMBEDDED_DATA_DIR = Path.of("data", "postgres");
    public static final int DEFAULT_POOL_SIZE = 10;

    public DatabaseSettings {
        embeddedDataDir = embeddedDataDir == null ? DEFAULT_EMBEDDED_DATA_DIR : embeddedDataDir;
        poolSize = poolSize <= 0 ? DEFAULT_POOL_SIZE : poolSize;
    }

    /** Settings whose pool stays connected as the owner that runs the migrations. */
    public DatabaseSettings(String url, String user, String password, Path embeddedDataDir, int embeddedPort, int poolSize) {
        this(url, user, password, embeddedDataDir, embeddedPort, poolSize, null, null);
    }

    /** An embedded server in {@code dataDir} on any free port. */
    public static DatabaseSettings embedded(Path dataDir) {
        return new DatabaseSettings(null, null, null, dataDir, 0, DEFAULT_POOL_SIZE);
    }

    /** An external server. */
    public static DatabaseSettings external(String url, String user, String password) {
        return new DatabaseSettings(url, user, password, null, 0, DEFAULT_POOL_SIZE);
    }

    /** Whether the service runs as a DML-only login after migrating as the owner. */
    public boolean hasAppUser() {
        return appUser != null;
    }

    public boolean isEmbedded() {
        return url == null;
    }
}
