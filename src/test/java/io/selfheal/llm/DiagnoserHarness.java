package io.selfheal.llm;

import io.micrometer.prometheusmetrics.PrometheusConfig;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import io.selfheal.observe.SelfhealMetrics;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.selfheal.assess.Severity;
import io.selfheal.fingerprint.ErrorType;
import io.selfheal.heal.Incident;
import io.selfheal.heal.RiskLevel;
import io.selfheal.heal.StrategyOption;
import io.selfheal.testing.DevTooling;
import io.selfheal.testing.TestDatabase;
import org.apache.camel.CamelContext;
import org.apache.camel.impl.DefaultCamelContext;
import org.apache.camel.support.PluginHelper;
import org.apache.camel.support.ResourceHelper;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Properties;
import java.util.Set;

/** A real Camel context with routes/llm-diagnosis.yaml (the LLM call and its audit) and the real wiring, against the test PostgreSQL. */
final class DiagnoserHarness implements AutoCloseable {
    static final List<StrategyOption> ALLOWED = List.of(
            new StrategyOption("restart-service", "Restart the service's pods one at a time",
                    Set.of(ErrorType.RESOURCE, ErrorType.UNKNOWN), RiskLevel.MEDIUM, 5, 0.8, 10),
            new StrategyOption("scale-out", "Add one replica to the service",
                    Set.of(ErrorType.DATABASE, ErrorType.RESOURCE), RiskLevel.LOW, 3, 0.6, 5),
            new StrategyOption("rollback-deployment", "Roll back to the previous deployment",
                    Set.of(), RiskLevel.HIGH, 1, 0.0, 0));

    private final CamelContext camel;
    final FailoverDiagnoser diagnoser;
    /** What the diagnoser recorded, as {@code /observe/metrics} would serve it. */
    final PrometheusMeterRegistry meters = new PrometheusMeterRegistry(PrometheusConfig.DEFAULT);

    DiagnoserHarness(Map<String, String> overrides, Map<String, String> env) throws Exception {
        Map<String, String> properties = properties(overrides);
        camel = DevTooling.off(new DefaultCamelContext());
        camel.getRegistry().bind("selfhealMetrics", new SelfhealMetrics(meters));
        camel.getRegistry().bind("dataSource", TestDatabase.get().dataSource());
        PluginHelper.getRoutesLoader(camel).loadRoutes(ResourceHelper.resolveResource(camel, "classpath:routes/llm-diagnosis.yaml"));
        diagnoser = DiagnosisWiring.bind(camel, key -> Optional.ofNullable(properties.get(key)), env::get,
                TestDatabase.get().dataSource(), new ObjectMapper());
        camel.start();
    }

    /** The packaged application.properties with {@code overrides} applied. */
    static Map<String, String> properties(Map<String, String> overrides) throws IOException {
        Properties defaults = new Properties();
        try (InputStream in = DiagnoserHarness.class.getResourceAsStream("/application.properties")) {
            defaults.load(in);
        }
        Map<String, String> properties = new HashMap<>();
        defaults.stringPropertyNames().forEach(k -> properties.put(k, defaults.getProperty(k)));
        properties.putAll(overrides);
        return properties;
    }

    static Incident incident(long id, String fingerprint, ErrorType type, String template, String stack) {
        return new Incident(id, fingerprint, "orders", type, Severity.HIGH, template,
                "java.sql.SQLTransientConnectionException", stack, 240, 12.5, 0.4,
                Map.of("env", "prod", "deployment", "orders-7f9c"), Instant.parse("2024-05-01T10:00:00Z"));
    }

    static Incident poolIncident(long id, String fingerprint) {
        return incident(id, fingerprint, ErrorType.DATABASE,
                "HikariPool-1 - Connection is not available, request timed out after <NUM>ms.",
                "java.sql.SQLTransientConnectionException: HikariPool-1 - Connection is not available\n"
                        + "\tat com.zaxxer.hikari.pool.HikariPool.createTimeoutException(HikariPool.java:696)\n"
                        + "\tat com.acme.orders.OrderRepository.save(OrderRepository.java:41)");
    }

    static long count(String sql) {
        try (Connection c = TestDatabase.get().dataSource().getConnection(); Statement s = c.createStatement();
             ResultSet rs = s.executeQuery(sql)) {
            rs.next();
            return rs.getLong(1);
        } catch (SQLException e) {
            throw new IllegalStateException(e);
        }
    }

    static String text(String sql) {
        try (Connection c = TestDatabase.get().dataSource().getConnection(); Statement s = c.createStatement();
             ResultSet rs = s.executeQuery(sql)) {
            StringBuilder out = new StringBuilder();
            while (rs.next()) {
                out.append(rs.getString(1)).append('\n');
            }
            return out.toString();
        } catch (SQLException e) {
            throw new IllegalStateException(e);
        }
    }

    static void execute(String sql) {
        try (Connection c = TestDatabase.get().dataSource().getConnection(); Statement s = c.createStatement()) {
            s.execute(sql);
        } catch (SQLException e) {
            throw new IllegalStateException(e);
        }
    }

    @Override
    public void close() {
        try {
            camel.close();
        } catch (Exception e) {
            throw new UncheckedIOException(new IOException(e));
        }
    }
}
