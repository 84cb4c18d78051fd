package io.selfheal.observe.health;

import org.apache.camel.health.HealthCheckResultBuilder;
import org.apache.camel.impl.health.AbstractHealthCheck;

import javax.sql.DataSource;
import java.sql.Connection;
import java.sql.SQLException;
import java.util.Map;
import java.util.Optional;
import java.util.function.Supplier;

/**
 * UP when a pooled connection answers within a few seconds (the pool's own wait is short too, so a database that is
 * down turns this DOWN within seconds); DOWN at once while the embedded server is known to be down and restarting.
 * Readiness only: restarting Selfheal cannot fix the database.
 */
public final class DatabaseHealthCheck extends AbstractHealthCheck {
    private static final int TIMEOUT_SECONDS = 2;
    private final DataSource dataSource;
    private final Supplier<Optional<String>> serverProblem;

    /** @param serverProblem why the embedded server is down right now, if it is */
    public DatabaseHealthCheck(DataSource dataSource, Supplier<Optional<String>> serverProblem) {
        super("selfheal", "database");
        this.dataSource = dataSource;
        this.serverProblem = serverProblem;
    }

    @Override
    public boolean isLiveness() {
        return false;
    }

    @Override
    protected void doCall(HealthCheckResultBuilder builder, Map<String, Object> options) {
        Optional<String> problem = serverProblem.get();
        if (problem.isPresent()) {
            builder.down().message(problem.get());
            return;
        }
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
