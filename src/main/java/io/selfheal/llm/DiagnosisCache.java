package io.selfheal.llm;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.selfheal.fingerprint.StableIds;
import io.selfheal.heal.RiskLevel;
import io.selfheal.heal.StrategyOption;

import javax.sql.DataSource;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Duration;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Collectors;

/**
 * Validated LLM answers per fingerprint and allow-list, in PostgreSQL so every instance reuses them until they expire.
 * Plain JDBC, not a {@code sql:} endpoint: a cache consulted inside the diagnosis processor (hit or miss decides whether
 * the provider is called), not a result; the LLM call audit, which is one, goes through the llm-audit route.
 */
final class DiagnosisCache {
    private static final TypeReference<Map<String, String>> PARAMETERS = new TypeReference<>() {
    };

    private final DataSource dataSource;
    private final ObjectMapper json;
    private final Duration ttl;

    DiagnosisCache(DataSource dataSource, ObjectMapper json, Duration ttl) {
        this.dataSource = dataSource;
        this.json = json;
        this.ttl = ttl;
    }

    /** Identifies an allow-list by its sorted strategy names: a new or removed strategy asks the model afresh. */
    static String optionsKey(List<StrategyOption> allowed) {
        return StableIds.of(allowed.stream().map(StrategyOption::name).sorted().collect(Collectors.joining("\n")));
    }

    Optional<Cached> find(String fingerprintId, String optionsKey) {
        String sql = """
                SELECT strategy, parameters::text, rationale, model_confidence, risk, source FROM llm_diagnosis_cache
                WHERE fingerprint_id = ? AND options_key = ? AND expires_at > now()""";
        try (Connection c = dataSource.getConnection(); PreparedStatement ps = c.prepareStatement(sql)) {
            ps.setString(1, fingerprintId);
            ps.setString(2, optionsKey);
            try (ResultSet rs = ps.executeQuery()) {
                if (!rs.next()) {
                    return Optional.empty();
                }
                DiagnosisAnswer answer = new DiagnosisAnswer(rs.getString(1), json.readValue(rs.getString(2), PARAMETERS),
                        rs.getString(3), rs.getDouble(4), RiskLevel.valueOf(rs.getString(5).toUpperCase(Locale.ROOT)));
                return Optional.of(new Cached(answer, rs.getString(6)));
            }
        } catch (SQLException | JsonProcessingException e) {
            throw new IllegalStateException("Cannot read the diagnosis cache", e);
        }
    }

    void put(String fingerprintId, String optionsKey, DiagnosisAnswer answer, String source) {
        String upsert = """
                INSERT INTO llm_diagnosis_cache (fingerprint_id, options_key, strategy, parameters, rationale,
                                                 model_confidence, risk, source, expires_at)
                VALUES (?, ?, ?, ?::jsonb, ?, ?, ?, ?, now() + ?::interval)
                ON CONFLICT (fingerprint_id, options_key) DO UPDATE SET
                    strategy = excluded.strategy, parameters = excluded.parameters, rationale = excluded.rationale,
                    model_confidence = excluded.model_confidence, risk = excluded.risk, source = excluded.source,
                    created_at = now(), expires_at = excluded.expires_at""";
        try (Connection c = dataSource.getConnection()) {
            try (PreparedStatement ps = c.prepareStatement(upsert)) {
                ps.setString(1, fingerprintId);
                ps.setString(2, optionsKey);
                ps.setString(3, answer.strategy());
                ps.setString(4, json.writeValueAsString(answer.parameters()));
                ps.setString(5, answer.rationale());
                ps.setDouble(6, answer.confidence());
                ps.setString(7, answer.risk().name().toLowerCase(Locale.ROOT));
                ps.setString(8, source);
                ps.setString(9, ttl.toMillis() + " milliseconds");
                ps.executeUpdate();
            }
            // Expired rows are dropped as new ones arrive, so the table stays as small as the set of live patterns.
            try (PreparedStatement ps = c.prepareStatement("DELETE FROM llm_diagnosis_cache WHERE expires_at <= now()")) {
                ps.executeUpdate();
            }
        } catch (SQLException | JsonProcessingException e) {
            throw new IllegalStateException("Cannot write the diagnosis cache", e);
        }
    }

    record Cached(DiagnosisAnswer answer, String source) {
    }
}
