package io.selfheal.bench;

import org.postgresql.PGConnection;
import org.postgresql.copy.CopyIn;
import org.postgresql.copy.CopyManager;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;

/**
 * The database's own limit for a set of {@code log_entries} rows: copies them out (COPY TO, to a file, outside the
 * measurement) and back into the same table with a bare {@link CopyManager}, {@code batch} rows per COPY and per
 * durable commit, with fresh source references so the unique index is exercised as in the pipeline. No parsing, no
 * grouping, no fingerprint upsert: what is left is the database's work for these rows.
 */
final class CopyCeiling {
    private static final String COLUMNS =
            "fingerprint_id, service, ts, level, logger, message, stack_trace, labels, source, raw, source_ref";

    record Result(long rows, double rowsPerSecond) {
    }

    private CopyCeiling() {
    }

    static Result measure(Connection c, String source, int batch, Path file) throws SQLException, IOException {
        CopyManager copy = c.unwrap(PGConnection.class).getCopyAPI();
        String tag = ":ceiling-" + Long.toString(System.nanoTime(), 36);
        long rows;
        try (OutputStream out = Files.newOutputStream(file)) {
            String select = "SELECT " + COLUMNS.replace("source_ref", "source_ref || '" + tag + "'")
                    + " FROM log_entries WHERE source = '" + source.replace("'", "''") + "' ORDER BY id";
            rows = copy.copyOut("COPY (" + select + ") TO STDOUT", out);
        }
        boolean autoCommit = c.getAutoCommit();
        c.setAutoCommit(false);
        long start = System.nanoTime();
        try (InputStream in = Files.newInputStream(file)) {
            byte[] buffer = new byte[1 << 16];
            long copied = 0;
            CopyIn copyIn = null;
            long inBatch = 0;
            int n;
            while ((n = in.read(buffer)) > 0) {
                int from = 0;
                for (int i = 0; i < n; i++) {
                    if (buffer[i] != '\n') {
                        continue;
                    }
                    if (copyIn == null) {
                        copyIn = copy.copyIn("COPY log_entries (" + COLUMNS + ") FROM STDIN");
                    }
                    copyIn.writeToCopy(buffer, from, i + 1 - from);
                    from = i + 1;
                    if (++inBatch == batch) {
                        copied += copyIn.endCopy();
                        c.commit();
                        copyIn = null;
                        inBatch = 0;
                    }
                }
                if (from < n) {
                    if (copyIn == null) {
                        copyIn = copy.copyIn("COPY log_entries (" + COLUMNS + ") FROM STDIN");
                    }
                    copyIn.writeToCopy(buffer, from, n - from);
                }
            }
            if (copyIn != null) {
                copied += copyIn.endCopy();
                c.commit();
            }
            double seconds = (System.nanoTime() - start) / 1e9;
            if (copied != rows) {
                throw new IllegalStateException("copied " + copied + " of " + rows + " rows");
            }
            return new Result(rows, rows / seconds);
        } finally {
            c.setAutoCommit(autoCommit);
            try (PreparedStatement delete = c.prepareStatement("DELETE FROM log_entries WHERE source_ref LIKE ?")) {
                delete.setString(1, "%" + tag);
                delete.executeUpdate();
            }
        }
    }
}
