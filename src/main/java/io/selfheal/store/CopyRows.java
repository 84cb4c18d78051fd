package io.selfheal.store;

import org.postgresql.copy.CopyIn;

import java.nio.ByteBuffer;
import java.nio.CharBuffer;
import java.nio.charset.CharsetEncoder;
import java.nio.charset.CoderResult;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.sql.SQLException;

/**
 * Writes rows to a {@code COPY ... FROM STDIN} in PostgreSQL's text format: fields separated by tabs, {@code \N} for
 * NULL, backslash escapes for backslash, newline, carriage return and tab. Rows are gathered in a char buffer and
 * sent as UTF-8 in chunks of about {@value #CHUNK_CHARS} characters, so a batch costs a few large writes, and the
 * buffers are reused from batch to batch. Not thread-safe: one per writing thread.
 */
final class CopyRows {
    private static final int CHUNK_CHARS = 128 * 1024;

    private final StringBuilder chars = new StringBuilder(CHUNK_CHARS + 8 * 1024);
    /** A lone surrogate (Java strings may hold one) becomes U+FFFD, like invalid input elsewhere. */
    private final CharsetEncoder utf8 = StandardCharsets.UTF_8.newEncoder()
            .onMalformedInput(CodingErrorAction.REPLACE).onUnmappableCharacter(CodingErrorAction.REPLACE)
            .replaceWith("\uFFFD".getBytes(StandardCharsets.UTF_8));
    private final ByteBuffer bytes = ByteBuffer.allocate(CHUNK_CHARS);
    private CopyIn copy;
    private boolean firstField = true;

    /** Starts writing to {@code copy}; whatever a failed earlier use left is dropped. */
    CopyRows to(CopyIn target) {
        copy = target;
        chars.setLength(0);
        firstField = true;
        return this;
    }

    /** A text field; NUL characters (which PostgreSQL text cannot hold) become U+FFFD. */
    CopyRows field(String value) {
        separate();
        if (value == null) {
            chars.append("\\N");
            return this;
        }
        for (int i = 0, n = value.length(); i < n; i++) {
            char c = value.charAt(i);
            switch (c) {
                case '\\' -> chars.append("\\\\");
                case '\n' -> chars.append("\\n");
                case '\r' -> chars.append("\\r");
                case '\t' -> chars.append("\\t");
                case '\0' -> chars.append('\uFFFD');
                default -> chars.append(c);
            }
        }
        return this;
    }

    /** Ends a row, sending the buffered rows once they make a chunk. */
    void endRow() throws SQLException {
        chars.append('\n');
        firstField = true;
        if (chars.length() >= CHUNK_CHARS) {
            flush();
        }
    }

    /** Sends what is buffered and ends the COPY; returns the rows the server took. */
    long end() throws SQLException {
        flush();
        return copy.endCopy();
    }

    private void separate() {
        if (!firstField) {
            chars.append('\t');
        }
        firstField = false;
    }

    private void flush() throws SQLException {
        CharBuffer in = CharBuffer.wrap(chars);
        utf8.reset();
        while (true) {
            CoderResult result = utf8.encode(in, bytes, true);
            if (result.isUnderflow()) {
                result = utf8.flush(bytes);
            }
            copy.writeToCopy(bytes.array(), 0, bytes.position());
            bytes.clear();
            if (!result.isOverflow()) {
                break;
            }
        }
        chars.setLength(0);
    }
}
