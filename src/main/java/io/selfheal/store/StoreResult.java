package io.selfheal.store;

import java.util.List;

/**
 * What one {@link EventStore#store} call wrote.
 *
 * @param stored            log entries inserted
 * @param duplicates        events skipped because their source reference was already stored or repeated in the batch
 * @param deadLetters       dead letters inserted
 * @param newFingerprintIds fingerprints this batch created (first ever occurrence), sorted
 */
public record StoreResult(int stored, int duplicates, int deadLetters, List<String> newFingerprintIds) {

    public StoreResult {
        newFingerprintIds = List.copyOf(newFingerprintIds);
    }
}
