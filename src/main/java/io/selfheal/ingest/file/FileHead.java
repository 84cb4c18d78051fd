package io.selfheal.ingest.file;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.OptionalLong;

/**
 * Fingerprints the first bytes of a file. Together with the inode this tells whether a file is still the content a
 * position was saved for: an inode is reused after a delete, and copytruncate keeps the inode while replacing the
 * content, but neither keeps the first kilobyte (which holds timestamps) the same.
 */
final class FileHead {
    /** How many leading bytes identify a file's content; a shorter file is identified by all it holds so far. */
    static final int BYTES = 1024;

    private FileHead() {
    }

    /** Hash of the first {@code length} bytes of {@code path}, or empty when the file holds fewer. */
    static OptionalLong hash(Path path, int length) throws IOException {
        try (FileChannel channel = FileChannel.open(path, StandardOpenOption.READ)) {
            return hash(channel, length);
        }
    }

    /** Hash of the first {@code length} bytes read through {@code channel}, or empty when the file holds fewer. */
    static OptionalLong hash(FileChannel channel, int length) throws IOException {
        ByteBuffer head = ByteBuffer.allocate(length);
        while (head.hasRemaining() && channel.read(head, head.position()) > 0) {
            // keep reading: a read may return fewer bytes than asked
        }
        if (head.hasRemaining()) {
            return OptionalLong.empty();
        }
        return OptionalLong.of(sha256Prefix(head.array()));
    }

    /** Whether {@code path} still holds the content {@code position} was saved for (it may have grown since). */
    static boolean holds(Path path, long size, TailPosition position) throws IOException {
        if (size < position.offset() || size < position.headLength()) {
            return false;
        }
        return position.headLength() == 0 || hash(path, position.headLength()).equals(OptionalLong.of(position.headHash()));
    }

    private static long sha256Prefix(byte[] bytes) {
        try {
            byte[] digest = MessageDigest.getInstance("SHA-256").digest(bytes);
            long hash = 0;
            for (int i = 0; i < Long.BYTES; i++) {
                hash = (hash << 8) | (digest[i] & 0xFF);
            }
            return hash;
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("Every Java runtime provides SHA-256", e);
        }
    }
}
