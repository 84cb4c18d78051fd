package io.selfheal.store;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.selfheal.fingerprint.Fingerprint;
import io.selfheal.fingerprint.GroupedEvent;
import io.selfheal.fingerprint.TemplateParameter;
import io.selfheal.ingest.DeadLetter;
import io.selfheal.ingest.LogEvent;

import org.postgresql.PGConnection;

import javax.sql.DataSource;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;

/**
 * Writes a batch of grouped events, the batch's dead letters, its line counts and the source position reached, all in
 * one transaction. Safe to call from several threads and several instances at once.
 *
 * <p>Why plain JDBC and not a Camel SQL endpoint: what decides ingest throughput against a durable PostgreSQL is the
 * number of commits (each waits for a WAL flush) and of round trips per row, not the language. Here a batch of
 * thousands of lines costs one transaction and a fixed handful of statements: one array look-up of the source
 * references already stored (exactly-once without a round trip per row), one upsert of the fingerprints pre-aggregated
 * in Java, one {@code COPY} of the rows, one upsert of the line counts, one of the position. camel-sql would run a
 * statement per row or per exchange and cannot stream a {@code COPY}.
 */
public final class EventStore {

    /** Longest dead-letter raw text kept; callers cap too, this protects the table from one that does not. */
    static final int MAX_DEAD_LETTER_RAW_CHARS = 64 * 1024;

    private static final String SELECT_EXISTING_REFS =
            "SELECT source_ref FROM log_entries WHERE source_ref = ANY (?)";

    // The batch's fingerprints as rows (arrays unnested), in id order so two writers touching overlapping fingerprints
    // take their locks in the same order and cannot deadlock.
    private static final String FINGERPRINT_ROWS = """
            INSERT INTO error_fingerprints AS f (id, service, error_type, template, exception_type, stack_signature,
                                                 level, sample_message, sample_stack, occurrence_count,
                                                 first_seen, last_seen, parameters)
            SELECT u.id, u.service, u.error_type, u.template, u.exception_type, u.stack_signature, u.level,
                   u.sample_message, u.sample_stack, u.occurrence_count, u.first_seen, u.last_seen, u.parameters::jsonb
            FROM unnest(?::text[], ?::text[], ?::text[], ?::text[], ?::text[], ?::text[], ?::text[],
                        ?::text[], ?::text[], ?::bigint[], ?::timestamptz[], ?::timestamptz[], ?::text[])
                 AS u(id, service, error_type, template, exception_type, stack_signature, level, sample_message,
                      sample_stack, occurrence_count, first_seen, last_seen, parameters)
            ORDER BY 1
            """;

    // New fingerprints first, before the events that reference them: DO NOTHING leaves existing rows unlocked.
    private static final String INSERT_NEW_FINGERPRINTS = FINGERPRINT_ROWS + """
            ON CONFLICT (id) DO NOTHING
            RETURNING id
            """;

    // Existing fingerprints last, just before the commit: every writer of the same service updates the same few rows,
    // and an updated row stays locked until its transaction ends, so the batch's COPY must not run while it is held.
    private static final String UPDATE_FINGERPRINTS = FINGERPRINT_ROWS + """
            ON CONFLICT (id) DO UPDATE SET
                occurrence_count = f.occurrence_count + EXCLUDED.occurrence_count,
                first_seen = LEAST(f.first_seen, EXCLUDED.first_seen),
                last_seen = GREATEST(f.last_seen, EXCLUDED.last_seen),
                level = CASE
                    WHEN array_position(ARRAY['TRACE', 'DEBUG', 'INFO', 'WARN', 'ERROR', 'FATAL'], EXCLUDED.level)
                       > array_position(ARRAY['TRACE', 'DEBUG', 'INFO', 'WARN', 'ERROR', 'FATAL'], f.level)
                    THEN EXCLUDED.level ELSE f.level END,
                sample_stack = COALESCE(f.sample_stack, EXCLUDED.sample_stack),
                -- A mined template generalises as messages arrive: keep the latest with its parameters. Rows written
                -- without parameters (stack, rule, merged or split groups) keep the template they have.
                template = CASE WHEN EXCLUDED.parameters IS NULL THEN f.template ELSE EXCLUDED.template END,
                parameters = COALESCE(EXCLUDED.parameters, f.parameters),
                updated_at = now()
            """;

    // Text-format COPY straight into log_entries: the batch's fresh rows in one stream (see CopyRows). A row another
    // writer stored since withoutDuplicates looked makes the COPY fail on the unique source_ref (23505): the
    // transaction is rolled back and retried once, and the retry skips that row like any duplicate.
    private static final String COPY_LOG_ENTRIES = """
            COPY log_entries (fingerprint_id, service, ts, level, logger, message, stack_trace, labels, source, raw,
                              source_ref) FROM STDIN
            """;

    // One upsert per batch; rows arrive sorted (LineCounts.rows) so concurrent writers lock them in the same order.
    private static final String UPSERT_LINE_COUNTS = """
            INSERT INTO log_line_counts AS c (minute, service, level, lines)
            SELECT to_timestamp(u.minute), u.service, u.level, u.lines
            FROM unnest(?::bigint[], ?::text[], ?::text[], ?::bigint[]) WITH ORDINALITY AS u(minute, service, level, lines, n)
            ORDER BY u.n
            ON CONFLICT (minute, service, level) DO UPDATE SET lines = c.lines + EXCLUDED.lines
            """;

    private static final String INSERT_DEAD_LETTER =
            "INSERT INTO dead_letters (source, reason, raw, raw_size) VALUES (?, ?, ?, ?)";

    private static final String UPSERT_CHECKPOINT = """
            INSERT INTO source_offsets (source_id, position, updated_at) VALUES (?, ?, now())
            ON CONFLICT (source_id) DO UPDATE SET position = EXCLUDED.position, updated_at = now()
            """;

    /** serialization_failure, deadlock_detected, unique_violation: races with another writer, gone on a retry. */
    private static final Set<String> RACE_SQL_STATES = Set.of("40001", "40P01", "23505");

    private final DataSource dataSource;
    private final ObjectMapper json = new ObjectMapper();
    private final ThreadLocal<CopyRows> copyRows = ThreadLocal.withInitial(CopyRows::new);

    public EventStore(DataSource dataSource) {
        this.dataSource = dataSource;
    }

    /**
     * Stores {@code events} and {@code deadLetters} and, when not null, saves {@code checkpoint} — all or nothing.
     * Events whose source reference is already stored, or repeated in the batch, are skipped, so a redelivered batch
     * changes nothing. A race with a concurrent writer of the same rows is retried once.
     */
    public StoreResult store(List<GroupedEvent> events, List<DeadLetter> deadLetters, SourceCheckpoint checkpoint)
            throws SQLException {
        return store(events, deadLetters, LineCounts.NONE, checkpoint);
    }

    /** As {@link #store(List, List, SourceCheckpoint)}, also adding {@code counts} to {@code log_line_counts}. */
    public StoreResult store(List<GroupedEvent> events, List<DeadLetter> deadLetters, LineCounts counts,
                             SourceCheckpoint checkpoint) throws SQLException {
        try {
            return storeInTransaction(events, deadLetters, counts, checkpoint);
        } catch (SQLException e) {
            if (!isRace(e)) {
                throw e;
            }
            return storeInTransaction(events, deadLetters, counts, checkpoint);
        }
    }

    private StoreResult storeInTransaction(List<GroupedEvent> events, List<DeadLetter> deadLetters, LineCounts counts,
                                           SourceCheckpoint checkpoint) throws SQLException {
        // Plain JDBC, not a sql: endpoint: fingerprint upserts, events, dead letters and the source position must
        // commit together (a source resumes from that position), and JDBC batches decide ingest throughput.
        try (Connection connection = dataSource.getConnection()) {
            connection.setAutoCommit(false);
            try {
                StoreResult result = write(connection, events, deadLetters, counts, checkpoint);
                connection.commit();
                return result;
            } catch (SQLException | RuntimeException e) {
                connection.rollback();
                throw e;
            }
        }
    }

    private StoreResult write(Connection connection, List<GroupedEvent> events, List<DeadLetter> deadLetters,
                              LineCounts counts, SourceCheckpoint checkpoint) throws SQLException {
        List<GroupedEvent> fresh = withoutDuplicates(connection, events);
        Map<String, FingerprintTally> tallies = tally(fresh);
        List<String> newFingerprintIds = insertNewFingerprints(connection, tallies);
        copyLogEntries(connection, fresh);
        insertDeadLetters(connection, deadLetters);
        // Rows every concurrent writer updates (fingerprint counts, line counts per minute, the source position)
        // last: they stay locked only from here to the commit.
        tallies.keySet().removeAll(newFingerprintIds);
        updateFingerprints(connection, tallies);
        addLineCounts(connection, counts);
        if (checkpoint != null) {
            saveCheckpoint(connection, checkpoint);
        }
        return new StoreResult(fresh.size(), events.size() - fresh.size(), deadLetters.size(), newFingerprintIds);
    }

    private static List<GroupedEvent> withoutDuplicates(Connection connection, List<GroupedEvent> events)
            throws SQLException {
        Map<String, GroupedEvent> firstByRef = new LinkedHashMap<>();
        for (GroupedEvent grouped : events) {
            String ref = grouped.event().sourceRef();
            if (ref != null) {
                firstByRef.putIfAbsent(ref, grouped);
            }
        }
        Set<String> stored = storedRefs(connection, firstByRef.keySet());
        Set<String> kept = new HashSet<>();
        List<GroupedEvent> fresh = new ArrayList<>(events.size());
        for (GroupedEvent grouped : events) {
            String ref = grouped.event().sourceRef();
            if (ref == null || (!stored.contains(ref) && kept.add(ref))) {
                fresh.add(grouped);
            }
        }
        return fresh;
    }

    private static Set<String> storedRefs(Connection connection, Set<String> refs) throws SQLException {
        Set<String> stored = new HashSet<>();
        if (refs.isEmpty()) {
            return stored;
        }
        try (PreparedStatement select = connection.prepareStatement(SELECT_EXISTING_REFS)) {
            select.setArray(1, connection.createArrayOf("text", refs.toArray()));
            try (ResultSet rows = select.executeQuery()) {
                while (rows.next()) {
                    stored.add(rows.getString(1));
                }
            }
        }
        return stored;
    }

    private static Map<String, FingerprintTally> tally(List<GroupedEvent> events) {
        Map<String, FingerprintTally> tallies = new TreeMap<>();
        for (GroupedEvent grouped : events) {
            tallies.computeIfAbsent(grouped.fingerprint().id(), id -> new FingerprintTally(grouped)).add(grouped);
        }
        return tallies;
    }

    /** Inserts the fingerprints not stored yet; returns their ids, sorted. */
    private List<String> insertNewFingerprints(Connection connection, Map<String, FingerprintTally> tallies)
            throws SQLException {
        List<String> inserted = new ArrayList<>();
        if (tallies.isEmpty()) {
            return inserted;
        }
        try (PreparedStatement insert = connection.prepareStatement(INSERT_NEW_FINGERPRINTS)) {
            bindFingerprintRows(connection, insert, tallies);
            try (ResultSet rows = insert.executeQuery()) {
                while (rows.next()) {
                    inserted.add(rows.getString(1));
                }
            }
        }
        inserted.sort(null);
        return inserted;
    }

    /** Adds the batch's counts, times and samples to fingerprints already stored. */
    private void updateFingerprints(Connection connection, Map<String, FingerprintTally> tallies) throws SQLException {
        if (tallies.isEmpty()) {
            return;
        }
        try (PreparedStatement update = connection.prepareStatement(UPDATE_FINGERPRINTS)) {
            bindFingerprintRows(connection, update, tallies);
            update.executeUpdate();
        }
    }

    private void bindFingerprintRows(Connection connection, PreparedStatement statement,
                                     Map<String, FingerprintTally> tallies) throws SQLException {
        int n = tallies.size();
        String[][] text = new String[9][n];
        String[] parameters = new String[n];
        Long[] counts = new Long[n];
        String[] firstSeen = new String[n];
        String[] lastSeen = new String[n];
        int i = 0;
        for (FingerprintTally tally : tallies.values()) {
            Fingerprint fingerprint = tally.fingerprint;
            text[0][i] = fingerprint.id();
            text[1][i] = clean(fingerprint.service());
            text[2][i] = fingerprint.errorType().code();
            text[3][i] = clean(tally.parameters != null ? tally.template : fingerprint.template());
            text[4][i] = clean(fingerprint.exceptionType());
            text[5][i] = clean(fingerprint.stackSignature());
            text[6][i] = tally.level.name();
            text[7][i] = clean(tally.sampleMessage);
            text[8][i] = clean(tally.sampleStack);
            counts[i] = tally.count;
            firstSeen[i] = tally.firstSeen.toString();
            lastSeen[i] = tally.lastSeen.toString();
            parameters[i] = tally.parameters == null ? null : clean(parametersJson(tally.parameters));
            i++;
        }
        int p = 1;
        for (String[] column : text) {
            statement.setArray(p++, connection.createArrayOf("text", column));
        }
        statement.setArray(p++, connection.createArrayOf("bigint", counts));
        statement.setArray(p++, connection.createArrayOf("text", firstSeen));
        statement.setArray(p++, connection.createArrayOf("text", lastSeen));
        statement.setArray(p, connection.createArrayOf("text", parameters));
    }

    private void copyLogEntries(Connection connection, List<GroupedEvent> events) throws SQLException {
        if (events.isEmpty()) {
            return;
        }
        CopyRows rows = copyRows.get().to(connection.unwrap(PGConnection.class).getCopyAPI().copyIn(COPY_LOG_ENTRIES));
        Map<String, String> lastLabels = null;
        String lastLabelsJson = null;
        for (GroupedEvent grouped : events) {
            LogEvent event = grouped.event();
            // The events of one source mostly share their labels: serialize each distinct map once.
            if (!event.labels().equals(lastLabels)) {
                lastLabels = event.labels();
                lastLabelsJson = labelsJson(lastLabels);
            }
            rows.field(grouped.fingerprint().id())
                    .field(event.service())
                    .field(event.timestamp() == null ? null : event.timestamp().toString())
                    .field(event.level().name())
                    .field(event.logger())
                    .field(event.message())
                    .field(event.stackTrace())
                    .field(lastLabelsJson)
                    .field(event.source())
                    .field(event.raw())
                    .field(event.sourceRef())
                    .endRow();
        }
        rows.end();
    }

    private static void addLineCounts(Connection connection, LineCounts counts) throws SQLException {
        if (counts.isEmpty()) {
            return;
        }
        List<Map.Entry<LineCounts.Key, Long>> rows = counts.rows();
        int n = rows.size();
        Long[] minutes = new Long[n];
        String[] services = new String[n];
        String[] levels = new String[n];
        Long[] lines = new Long[n];
        for (int i = 0; i < n; i++) {
            LineCounts.Key key = rows.get(i).getKey();
            minutes[i] = key.minute();
            services[i] = clean(key.service());
            levels[i] = key.level().name();
            lines[i] = rows.get(i).getValue();
        }
        try (PreparedStatement upsert = connection.prepareStatement(UPSERT_LINE_COUNTS)) {
            upsert.setArray(1, connection.createArrayOf("bigint", minutes));
            upsert.setArray(2, connection.createArrayOf("text", services));
            upsert.setArray(3, connection.createArrayOf("text", levels));
            upsert.setArray(4, connection.createArrayOf("bigint", lines));
            upsert.executeUpdate();
        }
    }

    private static void insertDeadLetters(Connection connection, List<DeadLetter> deadLetters) throws SQLException {
        if (deadLetters.isEmpty()) {
            return;
        }
        try (PreparedStatement insert = connection.prepareStatement(INSERT_DEAD_LETTER)) {
            for (DeadLetter deadLetter : deadLetters) {
                insert.setString(1, clean(deadLetter.source()));
                insert.setString(2, clean(deadLetter.reason()));
                insert.setString(3, clean(capped(deadLetter.raw())));
                insert.setLong(4, deadLetter.rawSize());
                insert.addBatch();
            }
            insert.executeBatch();
        }
    }

    private static void saveCheckpoint(Connection connection, SourceCheckpoint checkpoint) throws SQLException {
        try (PreparedStatement upsert = connection.prepareStatement(UPSERT_CHECKPOINT)) {
            upsert.setString(1, checkpoint.sourceId());
            upsert.setString(2, checkpoint.position());
            upsert.executeUpdate();
        }
    }

    private String labelsJson(Map<String, String> labels) {
        Map<String, String> cleaned = new TreeMap<>();
        labels.forEach((key, value) -> cleaned.put(clean(key), clean(value)));
        try {
            return json.writeValueAsString(cleaned);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("A map of strings always serializes", e);
        }
    }

    private String parametersJson(List<TemplateParameter> parameters) {
        try {
            return json.writeValueAsString(parameters);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("Template parameters always serialize", e);
        }
    }

    private static String capped(String raw) {
        return raw == null || raw.length() <= MAX_DEAD_LETTER_RAW_CHARS ? raw : raw.substring(0, MAX_DEAD_LETTER_RAW_CHARS);
    }

    /** PostgreSQL text cannot hold NUL characters, which broken or binary log input does contain. */
    private static String clean(String text) {
        return text == null || text.indexOf('\0') < 0 ? text : text.replace('\0', '\uFFFD');
    }

    private static boolean isRace(SQLException failure) {
        for (Throwable t = failure; t != null; t = t.getCause()) {
            if (t instanceof SQLException sql) {
                for (SQLException next = sql; next != null; next = next.getNextException()) {
                    if (RACE_SQL_STATES.contains(next.getSQLState())) {
                        return true;
                    }
                }
            }
        }
        return false;
    }
}
