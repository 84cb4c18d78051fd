package io.selfheal.observe;

import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Tags;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import javax.sql.DataSource;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.ResultSetMetaData;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Gauges of the state kept in the database (fingerprints, incidents, actions, results, LLM calls, dead letters),
 * refreshed by the {@code observe-db-gauges} route. Every instance publishes the same numbers, so dashboards should
 * take {@code max} over instances, not {@code sum}.
 *
 * <p>Each query stands alone: a table another feature has not created yet (or a failing query) leaves its gauge
 * empty and is logged, without hiding the others.
 */
public final class DatabaseGauges {
    private static final Logger LOG = LoggerFactory.getLogger(DatabaseGauges.class);

    private final DataSource dataSource;
    private final List<Gauge> gauges = new ArrayList<>();

    public DatabaseGauges(DataSource dataSource, MeterRegistry registry) {
        this.dataSource = dataSource;
        gauges.add(new Gauge(registry, "selfheal.fingerprints", "Error groups per status", "error_fingerprints",
                "SELECT status, count(*) FROM error_fingerprints GROUP BY status"));
        gauges.add(new Gauge(registry, "selfheal.incidents", "Incidents per status and severity", "self_heal_events",
                "SELECT status, severity, count(*) FROM self_heal_events GROUP BY status, severity"));
        gauges.add(new Gauge(registry, "selfheal.actions", "Healing actions per strategy and status", "healing_actions",
                "SELECT strategy, status, count(*) FROM healing_actions GROUP BY strategy, status"));
        gauges.add(new Gauge(registry, "selfheal.healing.results", "Verification results per strategy and outcome",
                "healing_results",
                "SELECT strategy, outcome, count(*) FROM healing_results GROUP BY strategy, outcome"));
        gauges.add(new Gauge(registry, "selfheal.llm.calls.recorded", "Language model calls in the audit table",
                "llm_calls", "SELECT count(*) FROM llm_calls"));
        gauges.add(new Gauge(registry, "selfheal.dead.letters.stored", "Dead letters kept in the database",
                "dead_letters", "SELECT count(*) FROM dead_letters"));
    }

    /** Re-reads every gauge; called on a timer. */
    public void refresh() {
        try (Connection connection = dataSource.getConnection()) {
            for (Gauge gauge : gauges) {
                gauge.refresh(connection);
            }
        } catch (SQLException e) {
            LOG.warn("Cannot refresh the database gauges: {}", e.getMessage());
        }
    }

    /**
     * One multi-dimensional gauge: every column but the last names a tag (the column's name), the last is the value.
     * Each tag set is registered once and its value updated in place; a tag set the query no longer returns reads 0.
     * (Re-registering rows, as {@code MultiGauge.register(rows, true)} does, removes and re-adds each meter, and a
     * scrape in between misses it: micrometer-metrics/micrometer#6851.)
     */
    private static final class Gauge {
        private final MeterRegistry registry;
        private final String name;
        private final String description;
        private final Map<Tags, AtomicLong> values = new ConcurrentHashMap<>();
        private final String table;
        private final String sql;
        private boolean failureLogged;

        Gauge(MeterRegistry registry, String name, String description, String table, String sql) {
            this.registry = registry;
            this.name = name;
            this.description = description;
            this.table = table;
            this.sql = sql;
        }

        void refresh(Connection connection) {
            try {
                if (!tableExists(connection)) {
                    return;
                }
                Map<Tags, Long> rows = new HashMap<>();
                try (PreparedStatement statement = connection.prepareStatement(sql);
                     ResultSet result = statement.executeQuery()) {
                    ResultSetMetaData meta = result.getMetaData();
                    int valueColumn = meta.getColumnCount();
                    while (result.next()) {
                        Tags tags = Tags.empty();
                        for (int column = 1; column < valueColumn; column++) {
                            String value = result.getString(column);
                            tags = tags.and(meta.getColumnLabel(column), value == null ? "none" : value);
                        }
                        rows.put(tags, result.getLong(valueColumn));
                    }
                }
                values.forEach((tags, value) -> value.set(rows.getOrDefault(tags, 0L)));
                rows.forEach((tags, value) -> values.computeIfAbsent(tags, this::register).set(value));
                failureLogged = false;
            } catch (SQLException e) {
                if (!failureLogged) {
                    LOG.warn("Gauge query on {} failed (logged once until it works again): {}", table, e.getMessage());
                    failureLogged = true;
                }
            }
        }

        private AtomicLong register(Tags tags) {
            AtomicLong value = new AtomicLong();
            io.micrometer.core.instrument.Gauge.builder(name, value, AtomicLong::get).description(description)
                    .tags(tags).strongReference(true).register(registry);
            return value;
        }

        private boolean tableExists(Connection connection) throws SQLException {
            try (PreparedStatement statement = connection.prepareStatement("SELECT to_regclass(?) IS NOT NULL")) {
                statement.setString(1, table);
                try (ResultSet result = statement.executeQuery()) {
                    return result.next() && result.getBoolean(1);
                }
            }
        }
    }
}
