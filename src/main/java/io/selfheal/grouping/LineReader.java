package io.selfheal.grouping;

import java.io.Closeable;
import java.io.IOException;
import java.io.InputStream;
import java.nio.ByteBuffer;
import java.nio.CharBuffer;
import java.nio.charset.CharsetDecoder;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;

/**
 * Reads UTF-8 text line by line without a String per line: bytes are read and decoded in large blocks into one
 * {@code char[]}, and each line is a range of it ({@link #buffer()}, {@link #start()}, {@link #end()}), valid until
 * the next call to {@link #next()}.
 *
 * <p>Lines end as with {@link java.io.BufferedReader#readLine()}: at {@code \n}, {@code \r} or {@code \r\n}; text after
 * the last line break is a last line. Malformed UTF-8 becomes U+FFFD, so one bad byte does not stop a whole file.
 */
public final class LineReader implements Closeable {
    private static final int BLOCK = 1 << 20;

    private final InputStream in;
    private final CharsetDecoder decoder = StandardCharsets.UTF_8.newDecoder()
            .onMalformedInput(CodingErrorAction.REPLACE)
            .onUnmappableCharacter(CodingErrorAction.REPLACE);
    private final ByteBuffer bytes = ByteBuffer.allocate(BLOCK);
    /** Always has room for a whole block after the unfinished line: a byte decodes to at most one char. */
    private char[] chars = new char[2 * BLOCK];
    /** Decoded characters are {@code chars[0, limit)}; the next line starts at {@code pos}. */
    private int pos;
    private int limit;
    private boolean endOfInput;
    /** The previous line ended with {@code \r}: a {@code \n} right after it belongs to that line break. */
    private boolean skipLineFeed;
    private int lineStart;
    private int lineEnd;

    public LineReader(InputStream in) {
        this.in = in;
    }

    public static LineReader open(Path file) throws IOException {
        return new LineReader(Files.newInputStream(file));
    }

    /** Moves to the next line; false at the end of the input. */
    public boolean next() throws IOException {
        int scan = pos;
        while (true) {
            if (skipLineFeed && pos < limit) {
                skipLineFeed = false;
                if (chars[pos] == '\n') {
                    pos++;
                    scan = pos;
                }
            }
            char[] c = chars;
            int stop = limit;
            for (int i = scan; i < stop; i++) {
                char ch = c[i];
                if (ch <= '\r' && (ch == '\n' || ch == '\r')) {
                    lineStart = pos;
                    lineEnd = i;
                    pos = i + 1;
                    skipLineFeed = ch == '\r';
                    return true;
                }
            }
            if (endOfInput) {
                if (pos < limit) {
                    lineStart = pos;
                    lineEnd = limit;
                    pos = limit;
                    return true;
                }
                return false;
            }
            scan = limit - pos;
            fill();
        }
    }

    /** Moves the unfinished line to the front of the buffer and decodes the next block after it. */
    private void fill() throws IOException {
        int kept = limit - pos;
        if (chars.length - kept < BLOCK) {
            chars = Arrays.copyOf(chars, chars.length * 2); // a line longer than a block
        }
        System.arraycopy(chars, pos, chars, 0, kept);
        pos = 0;
        limit = kept;
        CharBuffer out = CharBuffer.wrap(chars, limit, chars.length - limit);
        int read = in.read(bytes.array(), bytes.position(), bytes.remaining());
        if (read < 0) {
            endOfInput = true;
        } else {
            bytes.position(bytes.position() + read);
        }
        bytes.flip();
        decoder.decode(bytes, out, endOfInput);
        if (endOfInput) {
            decoder.flush(out);
        }
        bytes.compact();
        limit = out.position();
    }

    /** The buffer holding the current line. */
    public char[] buffer() {
        return chars;
    }

    /** Index of the current line's first character in {@link #buffer()}. */
    public int start() {
        return lineStart;
    }

    /** Index just after the current line's last character (its line break excluded). */
    public int end() {
        return lineEnd;
    }

    @Override
    public void close() throws IOException {
        in.close();
    }
}
