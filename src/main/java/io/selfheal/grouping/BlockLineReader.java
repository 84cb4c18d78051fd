package io.selfheal.grouping;

import java.io.Closeable;
import java.io.IOException;
import java.io.InputStream;
import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
import java.nio.ByteOrder;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;

/**
 * Reads UTF-8 text line by line without decoding it or making a String per line: bytes are read in large blocks and
 * each line is a range of the block ({@link #buffer()}, {@link #start()}, {@link #end()}), valid until the next call
 * to {@link #next()}. Line breaks are ASCII bytes that never occur inside a multi-byte UTF-8 sequence, so lines can be
 * cut before decoding; whoever needs a line's text decodes only the part it needs.
 *
 * <p>Lines end as with {@link java.io.BufferedReader#readLine()}: at {@code \n}, {@code \r} or {@code \r\n}; text after
 * the last line break is a last line.
 */
public final class BlockLineReader implements Closeable {
    private static final int BLOCK = 1 << 20;
    private static final VarHandle LONGS = MethodHandles.byteArrayViewVarHandle(long[].class, ByteOrder.LITTLE_ENDIAN);
    private static final long FOURTEENS = 0x0E0E0E0E0E0E0E0EL;
    private static final long HIGH_BITS = 0x8080808080808080L;

    private final InputStream in;
    private byte[] bytes = new byte[BLOCK];
    /** Bytes read are {@code bytes[0, limit)}; the next line starts at {@code pos}. */
    private int pos;
    private int limit;
    private boolean endOfInput;
    /** The previous line ended with {@code \r}: a {@code \n} right after it belongs to that line break. */
    private boolean skipLineFeed;
    private int lineStart;
    private int lineEnd;
    /** The line being scanned has a byte below 14 (a control character) or above 127 (part of a multi-byte one). */
    private boolean sawSpecial;
    private boolean plain;

    public BlockLineReader(InputStream in) {
        this.in = in;
    }

    public static BlockLineReader open(Path file) throws IOException {
        return new BlockLineReader(Files.newInputStream(file));
    }

    /** Moves to the next line; false at the end of the input. */
    public boolean next() throws IOException {
        int scan = pos;
        while (true) {
            if (skipLineFeed && pos < limit) {
                skipLineFeed = false;
                if (bytes[pos] == '\n') {
                    pos++;
                    scan = pos;
                }
            }
            byte[] b = bytes;
            int stop = limit;
            int i = scan;
            while (i < stop) {
                // Eight bytes at a time while none is below 14 or non-ASCII (line breaks are 10 and 13).
                while (i + 8 <= stop && isPlainAscii((long) LONGS.get(b, i))) {
                    i += 8;
                }
                for (int wordEnd = Math.min(i + 8, stop); i < wordEnd; i++) {
                    byte c = b[i];
                    if (c < 14) {
                        if (c == '\n' || c == '\r') {
                            lineStart = pos;
                            lineEnd = i;
                            pos = i + 1;
                            skipLineFeed = c == '\r';
                            plain = !sawSpecial;
                            sawSpecial = false;
                            return true;
                        }
                        sawSpecial = true;
                    }
                }
            }
            if (endOfInput) {
                if (pos < limit) {
                    lineStart = pos;
                    lineEnd = limit;
                    pos = limit;
                    plain = !sawSpecial;
                    return true;
                }
                return false;
            }
            scan = limit - pos;
            fill();
        }
    }

    /** Moves the unfinished line to the front of the buffer and reads more bytes after it. */
    private void fill() throws IOException {
        int kept = limit - pos;
        if (kept > bytes.length / 2) {
            bytes = Arrays.copyOf(bytes, bytes.length * 2); // a line longer than half the buffer
        }
        System.arraycopy(bytes, pos, bytes, 0, kept);
        pos = 0;
        limit = kept;
        int read = in.read(bytes, limit, bytes.length - limit);
        if (read < 0) {
            endOfInput = true;
        } else {
            limit += read;
        }
    }

    /**
     * True when every byte of the current line is from 14 to 127: no tab, line break or other control character
     * below 14 and no multi-byte character, so its bytes are its characters.
     */
    public boolean plain() {
        return plain;
    }

    /**
     * True when each of the eight bytes of {@code word} is from 14 to 127: subtracting 14 from each byte sets the high
     * bit of bytes below 14 (a borrow can only spill above the first of them), the word itself that of bytes above 127.
     */
    private static boolean isPlainAscii(long word) {
        return ((word - FOURTEENS | word) & HIGH_BITS) == 0;
    }

    /** The buffer holding the current line, UTF-8. */
    public byte[] buffer() {
        return bytes;
    }

    /** Index of the current line's first byte in {@link #buffer()}. */
    public int start() {
        return lineStart;
    }

    /** Index just after the current line's last byte (its line break excluded). */
    public int end() {
        return lineEnd;
    }

    @Override
    public void close() throws IOException {
        in.close();
    }
}
