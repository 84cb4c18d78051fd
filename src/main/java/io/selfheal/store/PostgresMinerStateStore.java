package io.selfheal.store;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.selfheal.fingerprint.StableIds;
import io.selfheal.fingerprint.mining.GroupSnapshot;
import io.selfheal.fingerprint.mining.MinerStateStore;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import javax.sql.DataSource;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentMap;

/**
 * The template miner's state in table {@code miner_groups}, shared by every instance using the database.
 *
 * <p>Only a birth talks to the database synchronously ({@link #register}: one insert that the unique key on
 * (service, shape) lets exactly one instance win). Changes of existing groups are buffered by {@link #saveAll} and
 * written by {@link #flush()} in one batch, so matching a message never waits for the database. Reads overlay the
 * buffered, not yet written state. When the database cannot be reached, reads find nothing and a birth keeps its own
 * content-derived id: grouping goes on, only agreement with other instances about new groups is lost meanwhile.
 */
public final class PostgresMinerStateStore implements MinerStateStore {
    private static final Logger LOG = LoggerFactory.getLogger(PostgresMinerStateStore.class);
    private static final TypeReference<List<String>> STRINGS = new TypeReference<>() { };
    private static final TypeReference<List<Boolean>> FLAGS = new TypeReference<>() { };
    private static final TypeReference<List<List<String>>> SAMPLES = new TypeReference<>() { };

    private static final String COLUMNS =
            "id, service, tokens, variable, samples, match_count, created_at, updated_at, merged_into ";
    private static final String SELECT_BY_ID = "SELECT " + COLUMNS + " FROM miner_groups WHERE id = ?";
    private static final String SELECT_BY_ANCHOR = "SELECT " + COLUMNS + """
             FROM miner_groups WHERE service = ? AND anchor = ? AND merged_into IS NULL
             ORDER BY updated_at DESC LIMIT ?""";
    private static final String SELECT_SHAPE_OWNER = "SELECT " + COLUMNS + """
             FROM miner_groups WHERE (service = ? AND shape_hash = ?) OR id = ?
             ORDER BY (id = ?) LIMIT 1""";
    private static final String SELECT_RECENT = "SELECT " + COLUMNS + """
             FROM (SELECT *, row_number() OVER (PARTITION BY service ORDER BY updated_at DESC) AS rank
                   FROM miner_groups WHERE merged_into IS NULL) ranked
             WHERE rank <= ?""";
    // ON CONFLICT without a target: losing on the id or on (service, shape_hash) both mean "someone was first".
    private static final String INSERT = """
            INSERT INTO miner_groups (id, service, shape_hash, anchor, tokens, variable, samples, match_count,
                                      created_at, updated_at, merged_into)
            VALUES (?, ?, ?, ?, ?::jsonb, ?::jsonb, ?::jsonb, ?, ?, ?, ?)
            ON CONFLICT DO NOTHING""";
    // Template and samples: the last writer wins. Counts and times only grow, whichever instance writes.
    private static final String UPDATE = """
            UPDATE miner_groups SET anchor = ?, tokens = ?::jsonb, variable = ?::jsonb, samples = ?::jsonb,
                                    match_count = GREATEST(match_count, ?),
                                    updated_at = GREATEST(updated_at, ?),
                                    merged_into = COALESCE(?, merged_into)
            WHERE id = ?""";
    // The fingerprint of a group the miner merged counts under the survivor's, as after a manual merge, once the
    // survivor has a fingerprint of its own (merged_into references it) and unless an operator merged it already.
    private static final String MARK_FINGERPRINT_MERGED = """
            UPDATE error_fingerprints SET merged_into = ?, updated_at = now()
            WHERE id = ? AND merged_into IS NULL AND EXISTS (SELECT 1 FROM error_fingerprints WHERE id = ?)""";

    private final DataSource dataSource;
    private final ObjectMapper json;
    /** State handed over by the miner and not written yet, by group id; the latest hand-over wins. */
    private final ConcurrentMap<String, GroupSnapshot> pending = new ConcurrentHashMap<>();

    public PostgresMinerStateStore(DataSource dataSource, ObjectMapper json) {
        this.dataSource = dataSource;
        this.json = json;
    }

    @Override
    public void saveAll(Collection<GroupSnapshot> groups) {
        for (GroupSnapshot group : groups) {
            pending.put(group.id(), group);
        }
    }

    /**
     * Writes the buffered state in one transaction: an update of each group's row, and an insert for a group whose
     * row is missing (its registration failed while the database was away). Returns how many groups were written;
     * on failure they stay buffered for the next call.
     */
    public int flush() throws SQLException {
        List<GroupSnapshot> batch = new ArrayList<>(pending.values());
        if (batch.isEmpty()) {
            return 0;
        }
        batch.sort((a, b) -> a.id().compareTo(b.id())); // one lock order for every instance: no deadlocks
        try (Connection connection = dataSource.getConnection()) {
            connection.setAutoCommit(false);
            try (PreparedStatement update = connection.prepareStatement(UPDATE);
                 PreparedStatement insert = connection.prepareStatement(INSERT);
                 PreparedStatement merged = connection.prepareStatement(MARK_FINGERPRINT_MERGED)) {
                for (GroupSnapshot group : batch) {
                    update.setString(1, group.anchor());
                    update.setString(2, write(group.tokens()));
                    update.setString(3, write(group.variable()));
                    update.setString(4, write(group.samples()));
                    update.setLong(5, group.count());
                    update.setTimestamp(6, Timestamp.from(group.updatedAt()));
                    update.setString(7, group.mergedInto());
                    update.setString(8, group.id());
                    update.addBatch();
                    bindInsert(insert, group);
                    insert.addBatch();
                    if (group.mergedInto() != null) {
                        merged.setString(1, group.mergedInto());
                        merged.setString(2, group.id());
                        merged.setString(3, group.mergedInto());
                        merged.addBatch();
                    }
                }
                update.executeBatch();
                insert.executeBatch();
                merged.executeBatch();
                connection.commit();
            } catch (SQLException | RuntimeException e) {
                connection.rollback();
                throw e;
            }
        }
        for (GroupSnapshot group : batch) {
            pending.remove(group.id(), group);
        }
        return batch.size();
    }

    @Override
    public Optional<GroupSnapshot> load(String id) {
        GroupSnapshot buffered = pending.get(id);
        if (buffered != null) {
            return Optional.of(buffered);
        }
        try (Connection connection = dataSource.getConnection();
             PreparedStatement select = connection.prepareStatement(SELECT_BY_ID)) {
            select.setString(1, id);
            List<GroupSnapshot> found = read(select);
            return found.isEmpty() ? Optional.empty() : Optional.of(found.get(0));
        } catch (SQLException e) {
            LOG.warn("Cannot read miner group {}: {}", id, e.getMessage());
            return Optional.empty();
        }
    }

    @Override
    public List<GroupSnapshot> byAnchor(String service, String anchor, int limit) {
        try (Connection connection = dataSource.getConnection();
             PreparedStatement select = connection.prepareStatement(SELECT_BY_ANCHOR)) {
            select.setString(1, service);
            select.setString(2, anchor);
            select.setInt(3, limit);
            List<GroupSnapshot> found = read(select);
            found.replaceAll(stored -> pending.getOrDefault(stored.id(), stored));
            return found;
        } catch (SQLException e) {
            LOG.warn("Cannot read miner groups of {}: {}", service, e.getMessage());
            return List.of();
        }
    }

    @Override
    public GroupSnapshot register(GroupSnapshot born) {
        try (Connection connection = dataSource.getConnection()) {
            try (PreparedStatement insert = connection.prepareStatement(INSERT)) {
                bindInsert(insert, born);
                if (insert.executeUpdate() == 1) {
                    return born;
                }
            }
            try (PreparedStatement select = connection.prepareStatement(SELECT_SHAPE_OWNER)) {
                select.setString(1, born.service());
                select.setString(2, StableIds.of(born.shapeKey()));
                select.setString(3, born.id());
                select.setString(4, born.id());
                List<GroupSnapshot> owner = read(select);
                return owner.isEmpty() ? born : pending.getOrDefault(owner.get(0).id(), owner.get(0));
            }
        } catch (SQLException e) {
            LOG.warn("Cannot register miner group {} of {}; it is written later: {}", born.id(), born.service(),
                    e.getMessage());
            pending.put(born.id(), born);
            return born;
        }
    }

    @Override
    public List<GroupSnapshot> recent(int perService) {
        try (Connection connection = dataSource.getConnection();
             PreparedStatement select = connection.prepareStatement(SELECT_RECENT)) {
            select.setInt(1, perService);
            return read(select);
        } catch (SQLException e) {
            throw new IllegalStateException("Cannot load the miner's groups", e);
        }
    }

    /** Groups waiting for {@link #flush()}. */
    public int pendingGroups() {
        return pending.size();
    }

    private void bindInsert(PreparedStatement insert, GroupSnapshot group) throws SQLException {
        insert.setString(1, group.id());
        insert.setString(2, group.service());
        insert.setString(3, StableIds.of(group.shapeKey()));
        insert.setString(4, group.anchor());
        insert.setString(5, write(group.tokens()));
        insert.setString(6, write(group.variable()));
        insert.setString(7, write(group.samples()));
        insert.setLong(8, group.count());
        insert.setTimestamp(9, Timestamp.from(group.createdAt()));
        insert.setTimestamp(10, Timestamp.from(group.updatedAt()));
        insert.setString(11, group.mergedInto());
    }

    private List<GroupSnapshot> read(PreparedStatement select) throws SQLException {
        List<GroupSnapshot> groups = new ArrayList<>();
        try (ResultSet rows = select.executeQuery()) {
            while (rows.next()) {
                groups.add(new GroupSnapshot(rows.getString("id"), rows.getString("service"),
                        read(rows.getString("tokens"), STRINGS), read(rows.getString("variable"), FLAGS),
                        read(rows.getString("samples"), SAMPLES), rows.getLong("match_count"),
                        rows.getTimestamp("created_at").toInstant(), rows.getTimestamp("updated_at").toInstant(),
                        rows.getString("merged_into")));
            }
        }
        return groups;
    }

    private <T> T read(String text, TypeReference<T> type) {
        try {
            return json.readValue(text, type);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("miner_groups holds invalid JSON", e);
        }
    }

    /** PostgreSQL jsonb cannot hold the NUL character, which broken log input does contain. */
    private String write(Object value) {
        try {
            String text = json.writeValueAsString(value);
            return text.contains("\\u0000") ? text.replace("\\u0000", "\\ufffd") : text;
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("Lists of strings always serialize", e);
        }
    }
}
