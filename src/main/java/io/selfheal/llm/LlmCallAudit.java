package io.selfheal.llm;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.selfheal.ingest.parse.TextLimits;
import io.selfheal.observe.SelfhealMetrics;

import javax.sql.DataSource;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Types;
import java.time.Duration;

/**
 * Writes {@code llm_calls} and reads the last hour's usage from it (shared by all instances: the budget is global).
 * Every call that was sent is also counted in this instance's metrics.
 */
final class LlmCallAudit {
    private static final int MAX_STORED_CHARS = 32 * 1024;

    private final DataSource dataSource;
    private final ObjectMapper json;
    private final SelfhealMetrics metrics;

    LlmCallAudit(DataSource dataSource, ObjectMapper json, SelfhealMetrics metrics) {
        this.dataSource = dataSource;
        this.json = json;
        this.metrics = metrics;
    }

    void record(LlmCall call) {
        if (call.latencyMillis() != null) {
            metrics.llmCall(call.provider(), call.model() == null ? "unknown" : call.model(), call.outcome().code(),
                    Duration.ofMillis(call.latencyMillis()), orZero(call.tokensIn()), orZero(call.tokensOut()));
        }
        String sql = """
                INSERT INTO llm_calls (incident_id, fingerprint_id, provider, model, attempt, outcome, latency_ms,
                                       tokens_in, tokens_out, redactions, prompt_redacted, response, error)
                VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?::jsonb, ?, ?, ?)""";
        try (Connection c = dataSource.getConnection(); PreparedStatement ps = c.prepareStatement(sql)) {
            ps.setLong(1, call.incidentId());
            ps.setString(2, call.fingerprintId());
            ps.setString(3, call.provider());
            ps.setString(4, call.model());
            ps.setInt(5, call.attempt());
            ps.setString(6, call.outcome().code());
            setNullable(ps, 7, call.latencyMillis() == null ? null : (int) Math.min(Integer.MAX_VALUE, call.latencyMillis()));
            setNullable(ps, 8, call.tokensIn());
            setNullable(ps, 9, call.tokensOut());
            ps.setString(10, json.writeValueAsString(call.redactions()));
            ps.setString(11, TextLimits.cap(call.promptRedacted(), MAX_STORED_CHARS));
            ps.setString(12, TextLimits.cap(call.response(), MAX_STORED_CHARS));
            ps.setString(13, TextLimits.cap(call.error(), 2000));
            ps.executeUpdate();
        } catch (SQLException | JsonProcessingException e) {
            throw new IllegalStateException("Cannot audit an LLM call", e);
        }
    }

    /** Calls actually sent and tokens spent in the last hour, by all instances. */
    HourlyUsage lastHour() {
        String sql = """
                SELECT count(*) FILTER (WHERE outcome NOT IN ('circuit_open', 'budget_exhausted')),
                       coalesce(sum(coalesce(tokens_in, 0) + coalesce(tokens_out, 0)), 0)
                FROM llm_calls WHERE created_at > now() - interval '1 hour'""";
        try (Connection c = dataSource.getConnection(); PreparedStatement ps = c.prepareStatement(sql);
             ResultSet rs = ps.executeQuery()) {
            rs.next();
            return new HourlyUsage(rs.getLong(1), rs.getLong(2));
        } catch (SQLException e) {
            throw new IllegalStateException("Cannot read LLM usage", e);
        }
    }

    private static long orZero(Integer tokens) {
        return tokens == null ? 0 : tokens;
    }

    private static void setNullable(PreparedStatement ps, int index, Integer value) throws SQLException {
        if (value == null) {
            ps.setNull(index, Types.INTEGER);
        } else {
            ps.setInt(index, value);
        }
    }

    record HourlyUsage(long calls, long tokens) {
    }
}
