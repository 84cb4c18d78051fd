package io.selfheal.ingest.file;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;

/**
 * Reads '\n'-terminated lines from a file channel while tracking the byte offset of each, so a tailer can commit
 * exact positions. A line longer than the cap keeps its head and gets a truncation marker (the rest is skipped, not
 * buffered: a 10 MB line costs no more memory than the cap). Invalid UTF-8 becomes U+FFFD.
 */
final class LineReader {
    /** One physical line: its text and the byte range [start, end) it occupied, terminator included. */
    record Line(String text, long start, long end) {
    }

    private final FileChannel channel;
    private final int maxLineBytes;
    private final ByteBuffer buffer = ByteBuffer.allocate(64 * 1024);
    private byte[] line = new byte[256];
    /** Offset of the first byte not yet returned as part of a line. */
    private long position;
    /** Offset of the next byte to read from the channel into the buffer. */
    private long readPosition;

    LineReader(FileChannel channel, long start, int maxLineBytes) {
        this.channel = channel;
        this.maxLineBytes = maxLineBytes;
        this.position = start;
        this.readPosition = start;
        buffer.flip();
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
            if (!buffer.hasRemaining()) {
                buffer.clear();
                int n = channel.read(buffer, readPosition);
                buffer.flip();
                if (n <= 0) {
                    if (takePartial && (length > 0 || dropped > 0)) {
                        position = start + length + dropped;
                        return new Line(decode(length, dropped), start, position);
                    }
                    // The partial line is read again, from its start, on the next call.
                    readPosition = position;
                    return null;
                }
                readPosition += n;
            }
            byte b = buffer.get();
            if (b == '\n') {
                position = start + length + dropped + 1;
                return new Line(decode(length, dropped), start, position);
            }
            if (length < maxLineBytes) {
                if (length == line.length) {
                    line = Arrays.copyOf(line, Math.min(maxLineBytes, line.length * 2));
                }
                line[length++] = b;
            } else {
                dropped++;
            }
        }
    }

    private String decode(int length, long dropped) {
        int end = length;
        if (end > 0 && line[end - 1] == '\r' && dropped == 0) {
            end--;
        }
        String text = new String(line, 0, end, StandardCharsets.UTF_8);
        return dropped == 0 ? text : text + "…[truncated " + dropped + " bytes]";
    }
}
