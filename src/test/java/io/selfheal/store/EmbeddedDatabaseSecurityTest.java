package io.selfheal.store;

import io.selfheal.testing.TestDatabase;
import org.junit.jupiter.api.Test;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.Properties;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * The embedded server (the one the tests share, started like the service's) lets in only who holds its password,
 * only over 127.0.0.1, and writes durably.
 */
class EmbeddedDatabaseSecurityTest {
    private final DatabaseSettings db = TestDatabase.get().settings();
    private final Path passwordFile = EmbeddedServer.passwordFile(TestDatabase.get().dataDir());

    @Test
    void thePasswordIsGeneratedIntoAFileOnlyItsOwnerCanRead() throws Exception {
        assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(passwordFile))).isEqualTo("rw-------");
        assertThat(Files.readString(passwordFile).trim()).isEqualTo(db.password()).hasSizeGreaterThanOrEqualTo(32);
    }

    @Test
    void connectingWithoutThePasswordOrWithAWrongOneFails() {
        assertThatThrownBy(() -> connect(null).close()).isInstanceOf(SQLException.class)
                .satisfies(e -> assertThat(((SQLException) e).getSQLState()).isIn("28P01", "08004"));
        assertThatThrownBy(() -> connect("postgres").close()).isInstanceOf(SQLException.class)
                .satisfies(e -> assertThat(((SQLException) e).getSQLState()).isEqualTo("28P01"));
    }

    @Test
    void theFilesPasswordLetsInWithScramOverLoopbackOnly() throws Exception {
        try (Connection connection = connect(Files.readString(passwordFile).trim());
             Statement statement = connection.createStatement()) {
            assertThat(text(statement, "SHOW listen_addresses")).isEqualTo("127.0.0.1");
            assertThat(text(statement, "SELECT string_agg(DISTINCT auth_method, ',') FROM pg_hba_file_rules"))
                    .isEqualTo("scram-sha-256");
            assertThat(text(statement, "SELECT string_agg(DISTINCT type, ',') FROM pg_hba_file_rules")).isEqualTo("host");
            assertThat(text(statement, "SELECT left(rolpassword, 13) FROM pg_authid WHERE rolname = 'postgres'"))
                    .isEqualTo("SCRAM-SHA-256");
        }
    }

    @Test
    void anAcknowledgedCommitIsOnDisk() throws Exception {
        try (Connection connection = TestDatabase.get().dataSource().getConnection();
             Statement statement = connection.createStatement()) {
            assertThat(text(statement, "SHOW fsync")).isEqualTo("on");
            assertThat(text(statement, "SHOW synchronous_commit")).isEqualTo("on");
            assertThat(text(statement, "SHOW full_page_writes")).isEqualTo("on");
        }
    }

    private Connection connect(String password) throws SQLException {
        Properties properties = new Properties();
        properties.setProperty("user", db.user());
        if (password != null) {
            properties.setProperty("password", password);
        }
        return DriverManager.getConnection(db.url(), properties);
    }

    private static String text(Statement statement, String sql) throws SQLException {
        try (ResultSet rows = statement.executeQuery(sql)) {
            rows.next();
            return rows.getString(1);
        }
    }
}
