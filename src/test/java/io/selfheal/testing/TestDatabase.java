package io.selfheal.testing;

import io.selfheal.store.Database;
import io.selfheal.store.DatabaseSettings;

import javax.sql.DataSource;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

/**
 * The one embedded PostgreSQL of a test JVM, migrated with the real migrations. Started on first use in a throwaway
 * data directory under {@code target/}, stopped and deleted when the JVM exits.
 *
 * <pre>{@code
 * TestDatabase db = TestDatabase.get();
 * db.reset();                                   // empty every application table
 * new EventStore(db.dataSource());              // use it directly...
 * startAppUnderTest(db.settings());             // ...or let an application connect to it as an external server
 * }</pre>
 */
public final class TestDatabase {

    private static final int POOL_SIZE = 8;
    private static TestDatabase instance;

    private final Database database;
    private final Path dataDir;

    private TestDatabase(Database database, Path dataDir) {
        this.database = database;
        this.dataDir = dataDir;
    }

    public static synchronized TestDatabase get() {
        if (instance == null) {
            instance = start();
        }
        return instance;
    }

    public DataSource dataSource() {
        return database.dataSource();
    }

    /** The running database, for wiring classes that take one (e.g. {@code HealingWiring.bind}). */
    public Database database() {
        return database;
    }

    /** Settings that reach the running server as an external database. */
    public DatabaseSettings settings() {
        return database.externalSettings();
    }

    /** The embedded server's data directory. */
    public Path dataDir() {
        return dataDir;
    }

    /** Runs statements that return no rows (DDL, fixtures). */
    public void execute(String sql) {
        try (Connection connection = dataSource().getConnection(); Statement statement = connection.createStatement()) {
            statement.execute(sql);
        } catch (SQLException e) {
            throw new IllegalStateException(e);
        }
    }

    /** Empties every application table (all tables except Flyway's history) and restarts their id sequences. */
    public void reset() {
        reset(dataSource());
    }

    /**
     * As {@link #reset()}, for any migrated database (the benchmarks also run on an external server). A running app's
     * background writers (grouping sync, assessments) may hold a lock the TRUNCATE needs while waiting for one it
     * already took; PostgreSQL then aborts one side as a deadlock. The TRUNCATE is the side that can simply try again.
     */
    public static void reset(DataSource dataSource) {
        SQLException last = null;
        for (int attempt = 0; attempt < 5; attempt++) {
            try {
                truncateAll(dataSource);
                return;
            } catch (SQLException e) {
                last = e;
                if (!"40P01".equals(e.getSQLState()) && !"55P03".equals(e.getSQLState())) {
                    break;
                }
            }
        }
        throw new IllegalStateException("Could not reset the test database: " + last.getMessage()
                + " (SQLState " + last.getSQLState() + ")", last);
    }

    private static void truncateAll(DataSource dataSource) throws SQLException {
        try (Connection connection = dataSource.getConnection();
             Statement statement = connection.createStatement()) {
            List<String> tables = new ArrayList<>();
            try (ResultSet rows = statement.executeQuery("""
                    SELECT quote_ident(tablename) FROM pg_tables
                    WHERE schemaname = current_schema() AND tablename <> 'flyway_schema_history'
                    """)) {
                while (rows.next()) {
                    tables.add(rows.getString(1));
                }
            }
            if (tables.isEmpty()) {
                return;
            }
            connection.setAutoCommit(false);
            try {
                // Bounded wait: a writer that holds a lock for long makes this attempt fail and the next one retry.
                statement.execute("SET LOCAL lock_timeout = '5s'");
                statement.execute("TRUNCATE " + String.join(", ", tables) + " RESTART IDENTITY CASCADE");
                connection.commit();
            } catch (SQLException e) {
                connection.rollback();
                throw e;
            } finally {
                connection.setAutoCommit(true);
            }
        }
    }

    private static TestDatabase start() {
        Path dataDir;
        try {
            // Under target/ so that whatever an abruptly ended JVM leaves behind goes with `mvn clean`.
            dataDir = Files.createTempDirectory(Files.createDirectories(Path.of("target")), "test-postgres-");
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        Database database = Database.start(new DatabaseSettings(null, null, null, dataDir, 0, POOL_SIZE));
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            try {
                database.close();
            } finally {
                deleteOnceStopped(dataDir);
            }
        }, "test-database-shutdown"));
        return new TestDatabase(database, dataDir);
    }

    /**
     * The embedded server's own shutdown hook may be stopping it at the same time; PostgreSQL removes postmaster.pid
     * last, so waiting for it keeps the server from writing into a directory being deleted.
     */
    private static void deleteOnceStopped(Path dataDir) {
        Path pidFile = dataDir.resolve("postmaster.pid");
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
        try {
            while (Files.exists(pidFile) && System.nanoTime() < deadline) {
                Thread.sleep(50);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        try (Stream<Path> paths = Files.walk(dataDir)) {
            paths.sorted(Comparator.reverseOrder()).forEach(path -> path.toFile().delete());
            // The password and lock files the embedded server keeps next to its directory.
            for (String suffix : new String[] {".password", ".lock"}) {
                Files.deleteIfExists(dataDir.resolveSibling(dataDir.getFileName() + suffix));
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
