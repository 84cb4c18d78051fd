package io.selfheal.llm;

import javax.sql.DataSource;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.HashMap;
import java.util.Map;

/**
 * Past results of each strategy for one fingerprint, from {@code healing_results}. Plain JDBC, not a {@code sql:}
 * endpoint: it is read while the diagnosis processor builds one prompt, not a result a route passes on.
 */
final class StrategyHistory {
    private final DataSource dataSource;

    StrategyHistory(DataSource dataSource) {
        this.dataSource = dataSource;
    }

    Map<String, PastSuccess> forFingerprint(String fingerprintId) {
        String sql = """
                SELECT strategy, count(*), count(*) FILTER (WHERE outcome = 'verified')
                FROM healing_results WHERE fingerprint_id = ? GROUP BY strategy""";
        try (Connection c = dataSource.getConnection(); PreparedStatement ps = c.prepareStatement(sql)) {
            ps.setString(1, fingerprintId);
            Map<String, PastSuccess> history = new HashMap<>();
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    history.put(rs.getString(1), new PastSuccess(rs.getLong(2), rs.getLong(3)));
                }
            }
            return history;
        } catch (SQLException e) {
            throw new IllegalStateException("Cannot read the healing history of fingerprint " + fingerprintId, e);
        }
    }
}
