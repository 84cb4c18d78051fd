package io.selfheal.store;

import io.selfheal.testing.TestDatabase;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.Properties;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** The roles of migration V6 on the real PostgreSQL, and the service switching to its DML-only login. */
class LeastPrivilegeTest {
    private static final String APP_LOGIN = "selfheal_test_app";
    private static final String READER_LOGIN = "selfheal_test_reader";
    private static final String PASSWORD = "s3cret-for-tests";

    @BeforeAll
    static void createLogins() throws SQLException {
        TestDatabase.get().reset();
        try (Connection owner = TestDatabase.get().dataSource().getConnection(); Statement s = owner.createStatement()) {
            s.execute("DROP ROLE IF EXISTS " + APP_LOGIN);
            s.execute("DROP ROLE IF EXISTS " + READER_LOGIN);
            s.execute("CREATE ROLE " + APP_LOGIN + " LOGIN PASSWORD '" + PASSWORD + "' IN ROLE selfheal_app");
            s.execute("CREATE ROLE " + READER_LOGIN + " LOGIN PASSWORD '" + PASSWORD + "' IN ROLE selfheal_readonly");
        }
    }

    @Test
    void theAppRoleWritesRowsButCannotChangeTheSchema() throws SQLException {
        try (Connection app = connect(APP_LOGIN); Statement s = app.createStatement()) {
            s.execute("INSERT INTO dead_letters (source, reason, raw_size) VALUES ('test', 'probe', 0)");
            s.execute("UPDATE dead_letters SET reason = 'probed' WHERE source = 'test'");
            assertThat(count(s, "SELECT count(*) FROM dead_letters WHERE reason = 'probed'")).isEqualTo(1);
            assertThat(count(s, "SELECT count(*) FROM get_healing_stats()")).isZero();
            s.execute("DELETE FROM dead_letters WHERE source = 'test'");

            assertRefused(s, "CREATE TABLE sneaky (id int)");
            assertRefused(s, "ALTER TABLE dead_letters ADD COLUMN sneaky int");
            assertRefused(s, "DROP TABLE dead_letters");
            assertRefused(s, "TRUNCATE dead_letters");
            assertRefused(s, "DELETE FROM flyway_schema_history");
        }
    }

    @Test
    void theReadOnlyRoleCanOnlyRead() throws SQLException {
        try (Connection reader = connect(READER_LOGIN); Statement s = reader.createStatement()) {
            assertThat(count(s, "SELECT count(*) FROM healing_overview")).isZero();
            assertThat(count(s, "SELECT count(*) FROM get_healing_stats()")).isZero();
            assertRefused(s, "INSERT INTO dead_letters (source, reason, raw_size) VALUES ('test', 'probe', 0)");
            assertRefused(s, "UPDATE error_fingerprints SET status = 'ignored'");
            assertRefused(s, "DELETE FROM log_entries");
            assertRefused(s, "SELECT * FROM cleanup_old_healing_data(interval '1 day')");
            assertRefused(s, "CREATE TABLE sneaky (id int)");
        }
    }

    @Test
    void theServiceMigratesAsOwnerThenRunsAsTheAppLogin() throws SQLException {
        DatabaseSettings owner = TestDatabase.get().settings();
        DatabaseSettings settings = new DatabaseSettings(owner.url(), owner.user(), owner.password(), null, 0, 2,
                APP_LOGIN, PASSWORD);
        try (Database database = Database.start(settings);
             Connection connection = database.dataSource().getConnection();
             Statement s = connection.createStatement();
             ResultSet user = s.executeQuery("SELECT current_user")) {
            user.next();
            assertThat(user.getString(1)).isEqualTo(APP_LOGIN);
            assertRefused(s, "CREATE TABLE sneaky (id int)");
        }
    }

    private static Connection connect(String login) throws SQLException {
        Properties properties = new Properties();
        properties.setProperty("user", login);
        properties.setProperty("password", PASSWORD);
        return DriverManager.getConnection(TestDatabase.get().settings().url(), properties);
    }

    private static long count(Statement s, String sql) throws SQLException {
        try (ResultSet rs = s.executeQuery(sql)) {
            rs.next();
            return rs.getLong(1);
        }
    }

    private static void assertRefused(Statement s, String sql) {
        assertThatThrownBy(() -> s.execute(sql)).isInstanceOf(SQLException.class)
                .satisfies(e -> assertThat(((SQLException) e).getSQLState())
                        .as("SQL state of: " + sql).isEqualTo("42501")); // insufficient_privilege
    }
}
