package io.selfheal.store;

import io.selfheal.testing.TestDatabase;

import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.ResultSetMetaData;
import java.sql.SQLException;
import java.sql.Statement;
import java.sql.Timestamp;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** Plain SQL against the test database, for seeding and checking rows. */
final class Sql {

    private Sql() {
    }

    static void execute(String sql) throws SQLException {
        try (Connection connection = TestDatabase.get().dataSource().getConnection();
             Statement statement = connection.createStatement()) {
            statement.execute(sql);
        }
    }

    static long count(String sqlReturningOneNumber) throws SQLException {
        return ((Number) rows(sqlReturningOneNumber).get(0).values().iterator().next()).longValue();
    }

    /** Every row as column name → value (timestamps as Instants), in query order. */
    static List<Map<String, Object>> rows(String sql) throws SQLException {
        try (Connection connection = TestDatabase.get().dataSource().getConnection();
             Statement statement = connection.createStatement();
             ResultSet rs = statement.executeQuery(sql)) {
            ResultSetMetaData meta = rs.getMetaData();
            List<Map<String, Object>> rows = new ArrayList<>();
            while (rs.next()) {
                Map<String, Object> row = new LinkedHashMap<>();
                for (int c = 1; c <= meta.getColumnCount(); c++) {
                    Object value = rs.getObject(c);
                    row.put(meta.getColumnLabel(c), value instanceof Timestamp ts ? ts.toInstant() : value);
                }
                rows.add(row);
            }
            return rows;
        }
    }
}
