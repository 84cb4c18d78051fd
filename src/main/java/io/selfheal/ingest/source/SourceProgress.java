package io.selfheal.ingest.source;

/**
 * What one source has done so far, as shown by {@code GET /api/v1/sources}.
 *
 * @param source       the source's name, e.g. {@code file:logs/app.log}, {@code http}, {@code loki:{app="api"}}, {@code kafka}
 * @param linesRead    records read and stored (every level, not only those kept in log_entries)
 * @param deadLetters  records that could not be read and were kept as dead letters
 * @param errors       failed attempts (an unreachable server, a failed store…); the source retries them
 * @param lastPosition the last stored position in the source's own terms (offset, cursor, topic/partition@offset)
 * @param lastReadAt   when a batch was last stored (ISO-8601), or null
 * @param lagSeconds   how old the newest record of the last batch was when it was stored, or null
 * @param lastError    the last failure's message, or null
 * @param lastErrorAt  when it happened (ISO-8601), or null
 * @param lagBytes     for a tailed file: bytes past the stored position, or null for other sources
 * @param stalledSince for a tailed file that grows while its position does not move: since when (ISO-8601), else null
 */
public record SourceProgress(String source, long linesRead, long deadLetters, long errors, String lastPosition,
                             String lastReadAt, Double lagSeconds, String lastError, String lastErrorAt,
                             Long lagBytes, String stalledSince) {
}
