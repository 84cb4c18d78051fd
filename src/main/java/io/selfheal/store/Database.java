package io.selfheal.store;

import com.zaxxer.hikari.HikariConfig;
import com.zaxxer.hikari.HikariDataSource;
import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import org.flywaydb.core.Flyway;

import javax.sql.DataSource;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;

/**
 * The application's PostgreSQL: an external server, or an embedded one whose data directory survives restarts.
 * Starting it also migrates the schema, so a started {@code Database} is always ready to use.
 */
public final class Database implements AutoCloseable {

    private static final String MIGRATIONS = "classpath:db/migration";
    private static final String EMBEDDED_USER = "postgres";

    private final EmbeddedPostgres embedded;
    private final HikariDataSource pool;
    private final String jdbcUrl;

    private Database(EmbeddedPostgres embedded, HikariDataSource pool, String jdbcUrl) {
        this.embedded = embedded;
        this.pool = pool;
        this.jdbcUrl = jdbcUrl;
    }

    public static Database start(DatabaseSettings settings) {
        EmbeddedPostgres embedded = settings.isEmbedded() ? startEmbedded(settings) : null;
        String url = embedded == null ? settings.url() : embeddedUrl(embedded.getPort());
        HikariDataSource pool = null;
        try {
            pool = pool(settings, url);
            Flyway.configure().dataSource(pool).locations(MIGRATIONS).load().migrate();
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
            } catch (IOException stopFailure) {
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

    /** Settings that reach this running server as an external one, e.g. for an application under test. */
    public DatabaseSettings externalSettings() {
        return DatabaseSettings.external(jdbcUrl, pool.getUsername(), pool.getPassword());
    }

    @Override
    public void close() {
        try {
            stop(pool, embedded);
        } catch (IOException e) {
            throw new UncheckedIOException("Could not stop the embedded PostgreSQL", e);
        }
    }

    private static EmbeddedPostgres startEmbedded(DatabaseSettings settings) {
        try {
            Files.createDirectories(settings.embeddedDataDir());
            return EmbeddedPostgres.builder()
                    .setDataDirectory(settings.embeddedDataDir())
                    // Keeping the directory is what makes the embedded database durable across restarts.
                    .setCleanDataDirectory(false)
                    .setPort(settings.embeddedPort())
                    .start();
        } catch (IOException e) {
            throw new UncheckedIOException(
                    "Could not start the embedded PostgreSQL in " + settings.embeddedDataDir().toAbsolutePath(), e);
        }
    }

    private static String embeddedUrl(int port) {
        return "jdbc:postgresql://localhost:" + port + "/postgres";
    }

    private static HikariDataSource pool(DatabaseSettings settings, String url) {
        return pool(settings, url, settings.isEmbedded() ? EMBEDDED_USER : settings.user(),
                settings.isEmbedded() ? null : settings.password());
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
        // pgjdbc then sends a JDBC batch of INSERTs as multi-row INSERTs: the largest single write speed-up.
        config.addDataSourceProperty("reWriteBatchedInserts", "true");
        return new HikariDataSource(config);
    }

    private static void stop(HikariDataSource pool, EmbeddedPostgres embedded) throws IOException {
        if (pool != null) {
            pool.close();
        }
        if (embedded != null) {
            embedded.close();
        }
    }
}
