package io.selfheal.fingerprint.mining;

import java.util.Optional;

/**
 * Where groups go when they are evicted from memory, and where a miner looks for a group before giving birth to one
 * with the same id. Keyed by group id (ids embed the service, so they are unique across services). Implementations
 * must be thread-safe; a relational one maps {@link GroupSnapshot} to one row per group.
 */
public interface MinerStateStore {

    void save(GroupSnapshot group);

    Optional<GroupSnapshot> load(String id);
}
