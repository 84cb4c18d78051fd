package io.selfheal.store;

/**
 * How far a source has read.
 *
 * @param sourceId the source's stable id
 * @param position where to resume; opaque to the store, only the source interprets it
 */
public record SourceCheckpoint(String sourceId, String position) {
}
