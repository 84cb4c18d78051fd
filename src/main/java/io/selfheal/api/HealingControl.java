package io.selfheal.api;

import io.selfheal.heal.guard.GuardrailStateStore;

import javax.sql.DataSource;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.LinkedHashMap;
import java.util.Map;

/** The kill switch behind {@code POST /api/v1/healing/pause|resume}; the state is shared by every instance. */
public final class HealingControl {
    private final DataSource dataSource;
    private final GuardrailStateStore store;
    private final boolean dryRun;

    public HealingControl(DataSource dataSource, GuardrailStateStore store, boolean dryRun) {
        this.dataSource = dataSource;
        this.store = store;
        this.dryRun = dryRun;
    }

    public Map<String, Object> pause(String actor) throws SQLException {
        return set(true, actor);
    }

    public Map<String, Object> resume(String actor) throws SQLException {
        return set(false, actor);
    }

    private Map<String, Object> set(boolean paused, String actor) throws SQLException {
        try (Connection c = dataSource.getConnection()) {
            store.setPaused(c, paused, actor, paused ? "paused through the API" : "resumed through the API");
        }
        return status();
    }

    public Map<String, Object> status() throws SQLException {
        Map<String, Object> status = new LinkedHashMap<>();
        try (Connection c = dataSource.getConnection(); PreparedStatement ps = c.prepareStatement(
                "SELECT paused, changed_by, changed_at FROM healing_control");
             ResultSet rs = ps.executeQuery()) {
            boolean found = rs.next();
            status.put("paused", found && rs.getBoolean(1));
            status.put("changedBy", found ? rs.getString(2) : null);
            status.put("changedAt", found ? rs.getTimestamp(3).toInstant().toString() : null);
        }
        status.put("dryRun", dryRun);
        return status;
    }
}
