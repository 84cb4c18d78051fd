package io.selfheal.store;

import javax.sql.DataSource;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;

/**
 * Reads the positions sources saved. There is deliberately no save method here: a position is saved only by
 * {@link EventStore#store} in the same transaction as the events read up to it, so after a crash the stored events and
 * the stored position always agree and a restarted source neither re-reads committed events nor skips lost ones.
 * A position can be forgotten once what it points into is gone for good (a deleted log file).
 */
public final class CheckpointStore {

    private final DataSource dataSource;

    public CheckpointStore(DataSource dataSource) {
        this.dataSource = dataSource;
    }

    /** The last committed position of {@code sourceId}, empty when it never saved one. */
    public Optional<String> load(String sourceId) throws SQLException {
        try (Connection connection = dataSource.getConnection();
             PreparedStatement select = connection.prepareStatement(
                     "SELECT position FROM source_offsets WHERE source_id = ?")) {
            select.setString(1, sourceId);
            try (ResultSet rows = select.executeQuery()) {
                return rows.next() ? Optional.of(rows.getString(1)) : Optional.empty();
            }
        }
    }

    /** Every committed position whose source id starts with {@code prefix} (the files of one directory), by id. */
    public Map<String, String> loadAll(String prefix) throws SQLException {
        try (Connection connection = dataSource.getConnection();
             PreparedStatement select = connection.prepareStatement(
                     "SELECT source_id, position FROM source_offsets WHERE starts_with(source_id, ?)")) {
            select.setString(1, prefix);
            Map<String, String> positions = new HashMap<>();
            try (ResultSet rows = select.executeQuery()) {
                while (rows.next()) {
                    positions.put(rows.getString(1), rows.getString(2));
                }
            }
            return positions;
        }
    }

    /** Forgets the position of a source that can never be read again. */
    public void delete(String sourceId) throws SQLException {
        try (Connection connection = dataSource.getConnection();
             PreparedStatement delete = connection.prepareStatement("DELETE FROM source_offsets WHERE source_id = ?")) {
            delete.setString(1, sourceId);
            delete.executeUpdate();
        }
    }
}
