package io.selfheal.store;

import io.selfheal.testing.TestDatabase;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.List;
import java.util.stream.Stream;

import static io.selfheal.store.TestEvents.T0;
import static io.selfheal.store.TestEvents.event;
import static io.selfheal.store.TestEvents.fingerprintId;
import static org.assertj.core.api.Assertions.assertThat;

class DatabaseTest {

    @TempDir
    Path dataDir;

    /** The embedded default database must be durable: a restart on the same data directory finds yesterday's rows. */
    @Test
    void restartOnTheSameDataDirectoryKeepsRowsAndSkipsAppliedMigrations() throws SQLException, IOException {
        try (Database first = Database.start(DatabaseSettings.embedded(dataDir))) {
            assertThat(first.isEmbedded()).isTrue();
            new EventStore(first.dataSource()).store(List.of(event(fingerprintId(1), "f:1", T0)), List.of(),
                    new SourceCheckpoint("f", "1"));
        }

        try (Database second = Database.start(DatabaseSettings.embedded(dataDir))) {
            assertThat(count(second, "SELECT count(*) FROM log_entries")).isEqualTo(1);
            assertThat(count(second, "SELECT count(*) FROM flyway_schema_history WHERE success")).isEqualTo(migrationFiles());
            assertThat(new CheckpointStore(second.dataSource()).load("f")).contains("1");
        }
    }

    @Test
    void connectsToAnExternalServerAndFindsItMigrated() throws SQLException, IOException {
        DatabaseSettings external = TestDatabase.get().settings();

        try (Database database = Database.start(external)) {
            assertThat(database.isEmbedded()).isFalse();
            assertThat(database.jdbcUrl()).isEqualTo(external.url());
            assertThat(count(database, "SELECT count(*) FROM flyway_schema_history WHERE success")).isEqualTo(migrationFiles());
        }
        assertThat(Sql.count("SELECT 1")).as("the shared server outlives a client's Database").isEqualTo(1);
    }

    private static long count(Database database, String sql) throws SQLException {
        try (Connection connection = database.dataSource().getConnection();
             Statement statement = connection.createStatement();
             ResultSet rows = statement.executeQuery(sql)) {
            rows.next();
            return rows.getLong(1);
        }
    }

    /** Every migration in sql/ is applied, whichever feature added it. */
    private static long migrationFiles() throws IOException {
        try (Stream<Path> files = Files.list(Path.of("sql"))) {
            return files.filter(f -> f.getFileName().toString().matches("V\\d+__.*\\.sql")).count();
        }
    }
}
