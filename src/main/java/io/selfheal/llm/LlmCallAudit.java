package io.selfheal.llm;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.selfheal.ingest.parse.TextLimits;
import io.selfheal.observe.SelfhealMetrics;
import org.apache.camel.CamelExecutionException;

import javax.sql.DataSource;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Duration;
import java.util.HashMap;
import java.util.Map;

/**
 * Writes {@code llm_calls} through the llm-audit route (routes/llm-diagnosis.yaml) and reads the last hour's usage
 * from it (shared by all instances: the budget is global). Every call that was sent is also counted in this
 * instance's metrics.
 */
final class LlmCallAudit {
    static final String ENDPOINT = "direct:llm-audit";
    private static final int MAX_STORED_CHARS = 32 * 1024;

    private final DataSource dataSource;
    private final LazyProducerTemplate routes;
    private final ObjectMapper json;
    private final SelfhealMetrics metrics;

    LlmCallAudit(DataSource dataSource, LazyProducerTemplate routes, ObjectMapper json, SelfhealMetrics metrics) {
        this.dataSource = dataSource;
        this.routes = routes;
        this.json = json;
        this.metrics = metrics;
    }

    /** Sent synchronously: the next budget check must count this call. */
    void record(LlmCall call) {
        if (call.latencyMillis() != null) {
            metrics.llmCall(call.provider(), call.model() == null ? "unknown" : call.model(), call.outcome().code(),
                    Duration.ofMillis(call.latencyMillis()), orZero(call.tokensIn()), orZero(call.tokensOut()));
        }
        try {
            routes.get().sendBody(ENDPOINT, row(call));
        } catch (JsonProcessingException | CamelExecutionException e) {
            throw new IllegalStateException("Cannot audit an LLM call", e);
        }
    }

    /** The named values of the llm-audit route's INSERT. */
    private Map<String, Object> row(LlmCall call) throws JsonProcessingException {
        Map<String, Object> row = new HashMap<>();
        row.put("incidentId", call.incidentId());
        row.put("fingerprintId", call.fingerprintId());
        row.put("provider", call.provider());
        row.put("model", call.model());
        row.put("attempt", call.attempt());
        row.put("outcome", call.outcome().code());
        row.put("latencyMs", call.latencyMillis() == null ? null : (int) Math.min(Integer.MAX_VALUE, call.latencyMillis()));
        row.put("tokensIn", call.tokensIn());
        row.put("tokensOut", call.tokensOut());
        row.put("redactions", json.writeValueAsString(call.redactions()));
        row.put("promptRedacted", TextLimits.cap(call.promptRedacted(), MAX_STORED_CHARS));
        row.put("response", TextLimits.cap(call.response(), MAX_STORED_CHARS));
        row.put("error", TextLimits.cap(call.error(), 2000));
        return row;
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

    record HourlyUsage(long calls, long tokens) {
    }
}
