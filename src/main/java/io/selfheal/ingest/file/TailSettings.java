package io.selfheal.ingest.file;

import java.nio.file.Path;
import java.time.Duration;

/**
 * How a directory is tailed.
 *
 * @param directory      the directory to watch (not recursive)
 * @param pattern        glob of the file names to tail, e.g. {@code *.log}
 * @param startAtEnd     on the very first start (no position stored for the directory), skip what the files already
 *                       hold; files appearing later, or while the service was down, are always read from the start
 * @param maxBatchLines  physical lines per batch (one database transaction)
 * @param maxLineBytes   longer lines are truncated with a marker
 * @param idleFlush      a last record (or unterminated last line) is emitted once its file has not grown for this long;
 *                       until then a stack trace may still be growing
 */
public record TailSettings(Path directory, String pattern, boolean startAtEnd, int maxBatchLines, int maxLineBytes,
                           Duration idleFlush) {
}
