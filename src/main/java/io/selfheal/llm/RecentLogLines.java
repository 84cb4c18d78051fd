package io.selfheal.llm;

import javax.sql.DataSource;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;

/**
 * The newest stored lines of a fingerprint (few and capped: they are examples, not the whole history). Plain JDBC, not
 * a {@code sql:} endpoint: it is read while the diagnosis processor builds one prompt, not a result a route passes on.
 */
final class RecentLogLines {
    private final DataSource dataSource;

    RecentLogLines(DataSource dataSource) {
        this.dataSource = dataSource;
    }

    List<RecentLine> newest(String fingerprintId, int limit) {
        // Served by log_entries_fingerprint_ts_idx; only the head of each message is read.
        String sql = "SELECT ts, level, left(message, 4000) FROM log_entries WHERE fingerprint_id = ? ORDER BY ts DESC, id DESC LIMIT ?";
        try (Connection c = dataSource.getConnection(); PreparedStatement ps = c.prepareStatement(sql)) {
            ps.setString(1, fingerprintId);
            ps.setInt(2, limit);
            List<RecentLine> lines = new ArrayList<>();
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    lines.add(new RecentLine(rs.getTimestamp(1).toInstant(), rs.getString(2), rs.getString(3)));
                }
            }
            return lines;
        } catch (SQLException e) {
            throw new IllegalStateException("Cannot read recent lines of fingerprint " + fingerprintId, e);
        }
    }
}
