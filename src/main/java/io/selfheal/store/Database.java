package io.selfheal.store;

import com.zaxxer.hikari.HikariConfig;
import com.zaxxer.hikari.HikariDataSource;
import org.flywaydb.core.Flyway;

import javax.sql.DataSource;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Optional;

/**
 * The application's PostgreSQL: an external server, or an embedded one whose data directory survives restarts.
 * Starting it also migrates the schema, so a started {@code Database} is always ready to use.
 */
public final class Database implements AutoCloseable {

    private static final String MIGRATIONS = "classpath:db/migration";
    /**
     * How long a caller waits for a connection: short, so that with the database down an HTTP push gets its 503 and
     * readiness turns DOWN within seconds instead of after Hikari's default 30 s.
     */
    static final Duration CONNECTION_TIMEOUT = Duration.ofSeconds(3);

    private final EmbeddedServer embedded;
    private final HikariDataSource pool;
    private final String jdbcUrl;

    private Database(EmbeddedServer embedded, HikariDataSource pool, String jdbcUrl) {
        this.embedded = embedded;
        this.pool = pool;
        this.jdbcUrl = jdbcUrl;
    }

    public static Database start(DatabaseSettings settings) {
        EmbeddedServer embedded = settings.isEmbedded()
                ? EmbeddedServer.start(settings.embeddedDataDir(), settings.embeddedPort()) : null;
        String url = embedded == null ? settings.url() : embeddedUrl(embedded.port());
        HikariDataSource pool = null;
        try {
            pool = embedded == null ? pool(settings, url, settings.user(), settings.password())
                    : pool(settings, url, embedded.user(), embedded.password());
            // The migrations ship in Selfheal's jar: look there, not in the thread's class loader (under Camel JBang
            // the jar comes from --dep, in a class loader of its own).
            Flyway.configure(Database.class.getClassLoader()).dataSource(pool).locations(MIGRATIONS).load().migrate();
            if (settings.hasAppUser()) {
                // The schema is migrated by its owner; from now on the service can read and write rows, not DDL.
                HikariDataSource ownerPool = pool;
                pool = appPool(settings, url);
                ownerPool.close();
            }
            return new Database(embedded, pool, url);
        } catch (RuntimeException e) {
            try {
                stop(pool, embedded);
            } catch (RuntimeException stopFailure) {
                e.addSuppressed(stopFailure);
            }
            throw e;
        }
    }

    public DataSource dataSource() {
        return pool;
    }

    public String jdbcUrl() {
        return jdbcUrl;
    }

    public boolean isEmbedded() {
        return embedded != null;
    }

    /** Why the embedded server is not serving now (it died and is being restarted); empty when it runs or is external. */
    public Optional<String> embeddedProblem() {
        return embedded == null ? Optional.empty() : embedded.problem();
    }

    /** The file holding the embedded server's password; empty for an external server. */
    public Optional<Path> embeddedPasswordFile() {
        return embedded == null ? Optional.empty() : Optional.of(embedded.passwordFile());
    }

    /** Settings that reach this running server as an external one, e.g. for an application under test. */
    public DatabaseSettings externalSettings() {
        return DatabaseSettings.external(jdbcUrl, pool.getUsername(), pool.getPassword());
    }

    @Override
    public void close() {
        stop(pool, embedded);
    }

    private static String embeddedUrl(int port) {
        // The server listens on 127.0.0.1 only; "localhost" could resolve to ::1 first.
        return "jdbc:postgresql://127.0.0.1:" + port + "/postgres";
    }

    private static HikariDataSource appPool(DatabaseSettings settings, String url) {
        return pool(settings, url, settings.appUser(), settings.appPassword());
    }

    private static HikariDataSource pool(DatabaseSettings settings, String url, String user, String password) {
        HikariConfig config = new HikariConfig();
        config.setPoolName("selfheal-db");
        config.setJdbcUrl(url);
        config.setUsername(user);
        config.setPassword(password);
        config.setMaximumPoolSize(settings.poolSize());
        config.setConnectionTimeout(CONNECTION_TIMEOUT.toMillis());
        config.setValidationTimeout(Math.min(1000, CONNECTION_TIMEOUT.toMillis() / 2));
        // pgjdbc's own connect timeout (seconds), so one unreachable host cannot use up the pool's whole wait.
        config.addDataSourceProperty("connectTimeout", String.valueOf(CONNECTION_TIMEOUT.toSeconds()));
        // pgjdbc then sends a JDBC batch of INSERTs as multi-row INSERTs: the largest single write speed-up.
        config.addDataSourceProperty("reWriteBatchedInserts", "true");
        return new HikariDataSource(config);
    }

    private static void stop(HikariDataSource pool, EmbeddedServer embedded) {
        if (pool != null) {
            pool.close();
        }
        if (embedded != null) {
            embedded.close();
        }
    }
}
