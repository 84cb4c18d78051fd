package io.selfheal.heal;

import io.selfheal.fingerprint.ErrorType;

import javax.sql.DataSource;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.HashMap;
import java.util.Map;

/**
 * How well each strategy has worked, from {@code healing_results}: for this error type in this service when it was
 * tried there, otherwise for this error type anywhere. A verification counts as success only when verified.
 * The router reads it through the headers it sets and through {@code ${bean:successRates?method=rate(...)}}.
 * Plain JDBC, not a {@code sql:} endpoint: the router evaluates it inside its choice, so it must be a value, not a step.
 */
public final class SuccessRates {
    private final DataSource dataSource;

    public SuccessRates(DataSource dataSource) {
        this.dataSource = dataSource;
    }

    /** Verifications of a strategy: all of them, those verified, those failed (the rest were inconclusive). */
    public record Track(long attempts, long verified, long failed) {
        public double rate() {
            return attempts == 0 ? 0 : (double) verified / attempts;
        }
    }

    public Map<String, Track> byStrategy(ErrorType errorType, String service) {
        Map<String, Track> tracks = new HashMap<>();
        try (Connection c = dataSource.getConnection(); PreparedStatement ps = c.prepareStatement("""
                SELECT r.strategy,
                       count(*) FILTER (WHERE f.service = ?),
                       count(*) FILTER (WHERE f.service = ? AND r.outcome = 'verified'),
                       count(*) FILTER (WHERE f.service = ? AND r.outcome = 'failed'),
                       count(*),
                       count(*) FILTER (WHERE r.outcome = 'verified'),
                       count(*) FILTER (WHERE r.outcome = 'failed')
                FROM healing_results r JOIN error_fingerprints f ON f.id = r.fingerprint_id
                WHERE f.error_type = ?
                GROUP BY r.strategy""")) {
            ps.setString(1, service);
            ps.setString(2, service);
            ps.setString(3, service);
            ps.setString(4, errorType.code());
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    tracks.put(rs.getString(1), rs.getLong(2) > 0
                            ? new Track(rs.getLong(2), rs.getLong(3), rs.getLong(4)) : new Track(rs.getLong(5), rs.getLong(6), rs.getLong(7)));
                }
            }
        } catch (SQLException e) {
            throw new IllegalStateException("Could not read healing success rates", e);
        }
        return tracks;
    }

    /** Verified / attempts of {@code strategy} for this error type (code) and service; 0 when never tried. */
    public double rate(String strategy, String errorTypeCode, String service) {
        return byStrategy(ErrorType.fromCode(errorTypeCode), service).getOrDefault(strategy, new Track(0, 0, 0)).rate();
    }
}
