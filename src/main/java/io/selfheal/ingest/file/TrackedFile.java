package io.selfheal.ingest.file;

import java.nio.file.Path;

/** One file content the tailer follows, known by its inode; its name may change (rotation) without changing it. */
final class TrackedFile {
    /** Device and inode, as {@link java.nio.file.attribute.BasicFileAttributes#fileKey()} spells them. */
    final String key;
    /** The file's name as last seen. */
    Path path;
    /** The position stored with the last acknowledged batch, or to be stored when {@code saved} is false. */
    TailPosition acknowledged;
    /** Whether {@code acknowledged} is what the database holds. */
    boolean saved;
    long lastSize = -1;
    long lastGrowth;

    TrackedFile(String key, Path path, TailPosition acknowledged, boolean saved) {
        this.key = key;
        this.path = path;
        this.acknowledged = acknowledged;
        this.saved = saved;
    }
}
