package io.selfheal.api;

import com.fasterxml.jackson.databind.ObjectMapper;
import org.postgresql.util.PGobject;

import java.io.IOException;
import java.sql.Array;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.NoSuchElementException;

/**
 * Rows of the API's {@code sql:} queries made into JSON answers: column names in camelCase (the one naming style of
 * the whole API), timestamps as ISO-8601 instants, json/jsonb as JSON, arrays as lists.
 */
public final class ApiRows {
    private final ObjectMapper json;

    public ApiRows(ObjectMapper json) {
        this.json = json;
    }

    /** {@code {"limit": .., "offset": .., "items": [..]}}. */
    public Map<String, Object> page(List<Map<String, Object>> rows, ListQuery query) throws SQLException {
        Map<String, Object> page = new LinkedHashMap<>();
        page.put("limit", query.limit());
        page.put("offset", query.offset());
        page.put("items", list(rows));
        return page;
    }

    /** {@code GET /api/v1/healing/stats}: per strategy and per strategy and target. */
    public Map<String, Object> stats(List<Map<String, Object>> byStrategy, List<Map<String, Object>> byTarget)
            throws SQLException {
        Map<String, Object> stats = new LinkedHashMap<>();
        stats.put("byStrategy", list(byStrategy));
        stats.put("byTarget", list(byTarget));
        return stats;
    }

    public List<Map<String, Object>> list(List<Map<String, Object>> rows) throws SQLException {
        List<Map<String, Object>> out = new ArrayList<>(rows == null ? 0 : rows.size());
        if (rows != null) {
            for (Map<String, Object> row : rows) {
                out.add(row(row));
            }
        }
        return out;
    }

    /**
     * The only row of a lookup by id.
     *
     * @throws NoSuchElementException when there is none (the route answers 404)
     */
    public Map<String, Object> one(List<Map<String, Object>> rows, String what) throws SQLException {
        if (rows == null || rows.isEmpty()) {
            throw new NoSuchElementException("no " + what);
        }
        return row(rows.get(0));
    }

    public Map<String, Object> row(Map<String, Object> row) throws SQLException {
        Map<String, Object> out = new LinkedHashMap<>();
        for (Map.Entry<String, Object> column : row.entrySet()) {
            out.put(camelCase(column.getKey()), value(column.getValue()));
        }
        return out;
    }

    static String camelCase(String column) {
        StringBuilder name = new StringBuilder(column.length());
        boolean upper = false;
        for (int i = 0; i < column.length(); i++) {
            char c = column.charAt(i);
            if (c == '_') {
                upper = name.length() > 0;
            } else {
                name.append(upper ? Character.toUpperCase(c) : c);
                upper = false;
            }
        }
        return name.toString();
    }

    private Object value(Object value) throws SQLException {
        if (value instanceof Timestamp timestamp) {
            return timestamp.toInstant().toString();
        }
        if (value instanceof Array array) {
            return Arrays.asList((Object[]) array.getArray());
        }
        if (value instanceof PGobject pg && pg.getType().startsWith("json")) {
            return pg.getValue() == null ? null : readJson(pg.getValue());
        }
        return value;
    }

    private Object readJson(String text) {
        try {
            return json.readTree(text);
        } catch (IOException e) {
            // Stored by PostgreSQL as json, so always valid; kept as text rather than failing a whole page.
            return text;
        }
    }
}
