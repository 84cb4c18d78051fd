package io.selfheal.assess;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import javax.sql.DataSource;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;

/** Runs {@code cleanup_old_healing_data(retention)} and trims old assessment runs; returns rows deleted per table. */
public final class RetentionJob {
    private static final Logger LOG = LoggerFactory.getLogger(RetentionJob.class);
    private final DataSource dataSource;
    private final Duration retention;

    public RetentionJob(DataSource dataSource, Duration retention) {
        this.dataSource = dataSource;
        this.retention = retention;
    }

    public Map<String, Long> cleanup() throws SQLException {
        Map<String, Long> deleted = new LinkedHashMap<>();
        try (Connection c = dataSource.getConnection()) {
            try (PreparedStatement ps = c.prepareStatement("SELECT * FROM cleanup_old_healing_data(make_interval(secs => ?))")) {
                ps.setDouble(1, retention.toSeconds());
                try (ResultSet rs = ps.executeQuery()) {
                    while (rs.next()) {
                        deleted.put(rs.getString(1), rs.getLong(2));
                    }
                }
            }
            try (PreparedStatement ps = c.prepareStatement(
                    "DELETE FROM assessment_runs WHERE started_at < now() - make_interval(secs => ?)")) {
                ps.setDouble(1, retention.toSeconds());
                deleted.put("assessment_runs", (long) ps.executeUpdate());
            }
        }
        LOG.info("Retention ({}): deleted {}", retention, deleted);
        return deleted;
    }
}
