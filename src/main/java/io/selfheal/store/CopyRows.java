package io.selfheal.store;

import org.postgresql.copy.CopyIn;

import java.nio.ByteBuffer;
import java.nio.CharBuffer;
import java.nio.charset.CharsetEncoder;
import java.nio.charset.CoderResult;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.sql.SQLException;
import java.util.Arrays;

/**
 * Writes rows to a {@code COPY ... FROM STDIN} in PostgreSQL's text format: fields separated by tabs, {@code \N} for
 * NULL, backslash escapes for backslash, newline, carriage return and tab. Rows are gathered in a char buffer and
 * sent as UTF-8 in chunks of about {@value #CHUNK_CHARS} characters, so a batch costs a few large writes, and the
 * buffers are reused from batch to batch. Not thread-safe: one per writing thread.
 */
final class CopyRows {
    private static final int CHUNK_CHARS = 128 * 1024;

    /** A char array, not a StringBuilder: the encoder's fast path needs an array-backed buffer. */
    private char[] chars = new char[CHUNK_CHARS + 8 * 1024];
    private int length;
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
        length = 0;
        firstField = true;
        return this;
    }

    /** A text field; NUL characters (which PostgreSQL text cannot hold) become U+FFFD. */
    CopyRows field(String value) {
        separate();
        if (value == null) {
            append('\\');
            append('N');
            return this;
        }
        int n = value.length();
        // Copied in runs between the characters that need an escape: most fields have none.
        int run = 0;
        for (int i = 0; i < n; i++) {
            char c = value.charAt(i);
            if (c <= '\\' && (c == '\\' || c == '\n' || c == '\r' || c == '\t' || c == '\0')) {
                appendRun(value, run, i);
                switch (c) {
                    case '\\' -> escape('\\');
                    case '\n' -> escape('n');
                    case '\r' -> escape('r');
                    case '\t' -> escape('t');
                    default -> append('\uFFFD');
                }
                run = i + 1;
            }
        }
        appendRun(value, run, n);
        return this;
    }

    /** Ends a row, sending the buffered rows once they make a chunk. */
    void endRow() throws SQLException {
        append('\n');
        firstField = true;
        if (length >= CHUNK_CHARS) {
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
            append('\t');
        }
        firstField = false;
    }

    private void escape(char c) {
        append('\\');
        append(c);
    }

    private void append(char c) {
        ensure(1);
        chars[length++] = c;
    }

    private void appendRun(String value, int from, int to) {
        if (from < to) {
            ensure(to - from);
            value.getChars(from, to, chars, length);
            length += to - from;
        }
    }

    private void ensure(int more) {
        if (length + more > chars.length) {
            chars = Arrays.copyOf(chars, Math.max(chars.length * 2, length + more));
        }
    }

    private void flush() throws SQLException {
        CharBuffer in = CharBuffer.wrap(chars, 0, length);
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
        length = 0;
    }
}
