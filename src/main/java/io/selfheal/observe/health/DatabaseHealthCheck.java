package io.selfheal.observe.health;

import org.apache.camel.health.HealthCheckResultBuilder;
import org.apache.camel.impl.health.AbstractHealthCheck;

import javax.sql.DataSource;
import java.sql.Connection;
import java.sql.SQLException;
import java.util.Map;

/** UP when a pooled connection answers within a few seconds. Readiness only: restarting Selfheal cannot fix the database. */
public final class DatabaseHealthCheck extends AbstractHealthCheck {
    private static final int TIMEOUT_SECONDS = 3;
    private final DataSource dataSource;

    public DatabaseHealthCheck(DataSource dataSource) {
        super("selfheal", "database");
        this.dataSource = dataSource;
    }

    @Override
    public boolean isLiveness() {
        return false;
    }

    @Override
    protected void doCall(HealthCheckResultBuilder builder, Map<String, Object> options) {
        try (Connection connection = dataSource.getConnection()) {
            if (connection.isValid(TIMEOUT_SECONDS)) {
                builder.up();
            } else {
                builder.down().message("The database did not answer within " + TIMEOUT_SECONDS + " s");
            }
        } catch (SQLException e) {
            builder.down().message("Cannot reach the database: " + e.getMessage()).error(e);
        }
    }
}
