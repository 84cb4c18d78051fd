package io.selfheal.store;

import io.selfheal.fingerprint.manual.GroupOverrides;
import io.selfheal.fingerprint.manual.GroupSplit;
import io.selfheal.fingerprint.rules.MessagePattern;

import javax.sql.DataSource;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Manual merges and splits of groups in table {@code grouping_overrides}, and the read model of one group for the
 * fingerprint API. Every change runs in one transaction that locks the groups involved, so two operators acting on
 * the same groups at once cannot build a merge cycle.
 */
public final class GroupOverrideStore {
    private static final String SELECT_OVERRIDES = """
            SELECT o.kind, o.fingerprint_id, o.target_id, o.pattern, o.title
            FROM grouping_overrides o ORDER BY o.id""";
    private static final String LOCK_GROUPS =
            "SELECT id, service FROM error_fingerprints WHERE id = ANY (?) ORDER BY id FOR UPDATE";
    private static final String SELECT_MERGES = "SELECT fingerprint_id, target_id FROM grouping_overrides WHERE kind = 'merge'";
    private static final String DELETE_MERGE = "DELETE FROM grouping_overrides WHERE kind = 'merge' AND fingerprint_id = ?";
    private static final String INSERT_MERGE =
            "INSERT INTO grouping_overrides (kind, fingerprint_id, target_id) VALUES ('merge', ?, ?)";
    private static final String MARK_MERGED = "UPDATE error_fingerprints SET merged_into = ?, updated_at = now() WHERE id = ?";
    // The split-off group exists from the start, so it can be read and merged before its first event arrives.
    private static final String INSERT_SPLIT_GROUP = """
            INSERT INTO error_fingerprints (id, service, error_type, template, exception_type, stack_signature, level,
                                            occurrence_count, first_seen, last_seen)
            SELECT ?, service, error_type, COALESCE(?, template), exception_type, stack_signature, level, 0, now(), now()
            FROM error_fingerprints WHERE id = ?
            ON CONFLICT (id) DO NOTHING""";
    private static final String INSERT_SPLIT = """
            INSERT INTO grouping_overrides (kind, fingerprint_id, target_id, pattern, title) VALUES ('split', ?, ?, ?, ?)
            ON CONFLICT DO NOTHING""";

    private final DataSource dataSource;

    public GroupOverrideStore(DataSource dataSource) {
        this.dataSource = dataSource;
    }

    /** Every merge and split in force. */
    public GroupOverrides load() throws SQLException {
        Map<String, String> merges = new HashMap<>();
        Map<String, List<GroupSplit>> splits = new HashMap<>();
        try (Connection connection = dataSource.getConnection();
             PreparedStatement select = connection.prepareStatement(SELECT_OVERRIDES);
             ResultSet rows = select.executeQuery()) {
            while (rows.next()) {
                String source = rows.getString("fingerprint_id");
                String target = rows.getString("target_id");
                if (rows.getString("kind").equals("merge")) {
                    merges.put(source, target);
                } else {
                    splits.computeIfAbsent(source, k -> new ArrayList<>()).add(new GroupSplit(source,
                            MessagePattern.parse(rows.getString("pattern")), target, rows.getString("title")));
                }
            }
        }
        return new GroupOverrides(merges, splits);
    }

    /**
     * Counts the events of group {@code id} under {@code into} from now on and marks {@code id} as merged. Merging a
     * group again moves it to the new target.
     */
    public void merge(String id, String into) throws SQLException, GroupingChangeException {
        if (id.equals(into)) {
            throw new GroupingChangeException(GroupingChangeException.Reason.INVALID, "a group cannot be merged into itself");
        }
        inTransaction(connection -> {
            Map<String, String> services = lock(connection, List.of(id, into));
            requireExists(services, id);
            requireExists(services, into);
            if (!services.get(id).equals(services.get(into))) {
                throw new GroupingChangeException(GroupingChangeException.Reason.INVALID,
                        "groups of different services cannot be merged");
            }
            Map<String, String> merges = new HashMap<>();
            try (PreparedStatement select = connection.prepareStatement(SELECT_MERGES);
                 ResultSet rows = select.executeQuery()) {
                while (rows.next()) {
                    merges.put(rows.getString(1), rows.getString(2));
                }
            }
            merges.remove(id);
            if (new GroupOverrides(merges, Map.of()).finalGroup(into).equals(id)) {
                throw new GroupingChangeException(GroupingChangeException.Reason.CONFLICT,
                        into + " is already merged into " + id);
            }
            update(connection, DELETE_MERGE, id);
            update(connection, INSERT_MERGE, id, into);
            update(connection, MARK_MERGED, into, id);
            return null;
        });
    }

    /**
     * Gives the events of group {@code id} whose message matches {@code pattern} (a glob, or {@code /regex/}) a group
     * of their own, created now with {@code title} (or the source's template) as its template. Returns its id; the
     * same split made twice returns the same id.
     */
    public String split(String id, String pattern, String title) throws SQLException, GroupingChangeException {
        try {
            MessagePattern.parse(pattern);
        } catch (IllegalArgumentException e) {
            throw new GroupingChangeException(GroupingChangeException.Reason.INVALID, e.getMessage());
        }
        return inTransaction(connection -> {
            Map<String, String> services = lock(connection, List.of(id));
            requireExists(services, id);
            String target = GroupSplit.targetId(services.get(id), id, pattern);
            update(connection, INSERT_SPLIT_GROUP, target, title, id);
            update(connection, INSERT_SPLIT, id, target, pattern, title);
            return target;
        });
    }

    /** The group as the API shows it: template, parameters with sample values, counts and manual changes. */
    private static Map<String, String> lock(Connection connection, List<String> ids) throws SQLException {
        Map<String, String> services = new HashMap<>();
        try (PreparedStatement select = connection.prepareStatement(LOCK_GROUPS)) {
            select.setArray(1, connection.createArrayOf("text", ids.toArray()));
            try (ResultSet rows = select.executeQuery()) {
                while (rows.next()) {
                    services.put(rows.getString(1), rows.getString(2));
                }
            }
        }
        return services;
    }

    private static void requireExists(Map<String, String> services, String id) throws GroupingChangeException {
        if (!services.containsKey(id)) {
            throw new GroupingChangeException(GroupingChangeException.Reason.NOT_FOUND, "no fingerprint " + id);
        }
    }

    private static void update(Connection connection, String sql, String... values) throws SQLException {
        try (PreparedStatement statement = connection.prepareStatement(sql)) {
            for (int i = 0; i < values.length; i++) {
                statement.setString(i + 1, values[i]);
            }
            statement.executeUpdate();
        }
    }

    private interface Work<T> {
        T run(Connection connection) throws SQLException, GroupingChangeException;
    }

    private <T> T inTransaction(Work<T> work) throws SQLException, GroupingChangeException {
        try (Connection connection = dataSource.getConnection()) {
            connection.setAutoCommit(false);
            try {
                T result = work.run(connection);
                connection.commit();
                return result;
            } catch (SQLException | GroupingChangeException | RuntimeException e) {
                connection.rollback();
                throw e;
            }
        }
    }
}
