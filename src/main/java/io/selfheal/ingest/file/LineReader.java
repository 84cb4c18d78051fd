package io.selfheal.ingest.file;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;

/**
 * Reads '\n'-terminated lines from a file channel while tracking the byte offset of each, so a tailer can commit
 * exact positions. The file is read in large blocks ({@value #BLOCK_BYTES} bytes); a line inside one block is decoded where
 * it lies, without a copy. A line longer than the cap keeps its head and gets a truncation marker (the rest is skipped, not
 * buffered: a 10 MB line costs no more memory than the cap). Invalid UTF-8 becomes U+FFFD.
 */
final class LineReader {
    /** One physical line: its text and the byte range [start, end) it occupied, terminator included. */
    record Line(String text, long start, long end) {
    }

    /** Bytes read from the channel per call: large blocks, so reading costs a few system calls per batch. */
    static final int BLOCK_BYTES = 256 * 1024;

    private final FileChannel channel;
    private final int maxLineBytes;
    private final byte[] block = new byte[BLOCK_BYTES];
    private final ByteBuffer buffer = ByteBuffer.wrap(block);
    /** Next unread byte of the block, and the end of what the block holds. */
    private int next;
    private int limit;
    /** A line that spans blocks is gathered here (up to the cap); a line inside one block is decoded in place. */
    private byte[] line = new byte[256];
    /** Offset of the first byte not yet returned as part of a line. */
    private long position;
    /** Offset of the next byte to read from the channel into the block. */
    private long readPosition;

    LineReader(FileChannel channel, long start, int maxLineBytes) {
        this.channel = channel;
        this.maxLineBytes = maxLineBytes;
        this.position = start;
        this.readPosition = start;
    }

    /** Offset of the first byte not yet returned as part of a line. */
    long position() {
        return position;
    }

    /**
     * Returns the next line, or null at end of file. A last line without terminator is returned only when
     * {@code takePartial} is set (the writer may still be writing it).
     */
    Line next(boolean takePartial) throws IOException {
        long start = position;
        int length = 0;
        long dropped = 0;
        while (true) {
            if (next == limit) {
                buffer.clear();
                int n = channel.read(buffer, readPosition);
                next = 0;
                limit = Math.max(n, 0);
                if (n <= 0) {
                    if (takePartial && (length > 0 || dropped > 0)) {
                        position = start + length + dropped;
                        return new Line(decode(line, 0, length, dropped), start, position);
                    }
                    // The partial line is read again, from its start, on the next call.
                    readPosition = position;
                    return null;
                }
                readPosition += n;
            }
            int end = indexOfNewline(next, limit);
            int segment = (end < 0 ? limit : end) - next;
            if (end >= 0 && length == 0 && dropped == 0 && segment <= maxLineBytes) {
                // The whole line is in the block: no copy.
                Line whole = new Line(decode(block, next, segment, 0), start, start + segment + 1);
                next = end + 1;
                position = whole.end();
                return whole;
            }
            int kept = Math.max(0, Math.min(segment, maxLineBytes - length));
            if (kept > 0) {
                if (length + kept > line.length) {
                    line = Arrays.copyOf(line, Math.min(maxLineBytes, Math.max(line.length * 2, length + kept)));
                }
                System.arraycopy(block, next, line, length, kept);
                length += kept;
            }
            dropped += segment - kept;
            if (end >= 0) {
                next = end + 1;
                position = start + length + dropped + 1;
                return new Line(decode(line, 0, length, dropped), start, position);
            }
            next = limit;
        }
    }

    private int indexOfNewline(int from, int to) {
        for (int i = from; i < to; i++) {
            if (block[i] == '\n') {
                return i;
            }
        }
        return -1;
    }

    private static String decode(byte[] bytes, int from, int length, long dropped) {
        int end = length;
        if (end > 0 && bytes[from + end - 1] == '\r' && dropped == 0) {
            end--;
        }
        String text = new String(bytes, from, end, StandardCharsets.UTF_8);
        return dropped == 0 ? text : text + "…[truncated " + dropped + " bytes]";
    }
}
