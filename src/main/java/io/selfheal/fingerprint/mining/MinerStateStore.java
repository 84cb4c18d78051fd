package io.selfheal.fingerprint.mining;

import java.util.Collection;
import java.util.List;
import java.util.Optional;

/**
 * The miner's state outside one process: where groups go when they are evicted from memory or changed, where a
 * miner looks for an existing group before giving birth to one, and where instances sharing the store agree on ids.
 * Keyed by group id (ids embed the service, so they are unique across services). Implementations must be
 * thread-safe; a relational one maps {@link GroupSnapshot} to one row per group.
 */
public interface MinerStateStore {

    /**
     * Keeps the current state of groups already registered or evicted; may be written later, in one batch. A group
     * with {@link GroupSnapshot#mergedInto()} set stays loadable by id but is no longer returned by {@link #byAnchor}
     * or {@link #recent}.
     */
    void saveAll(Collection<GroupSnapshot> groups);

    Optional<GroupSnapshot> load(String id);

    /** Stored groups of {@code service} filed under {@code anchor}, most recently matched first, at most {@code limit}. */
    List<GroupSnapshot> byAnchor(String service, String anchor, int limit);

    /**
     * Registers {@code born}, a group just born here, as the owner of its shape. Returns {@code born} when it is the
     * first group of that shape in the store, otherwise the group that already owns the shape, which the caller adopts.
     */
    GroupSnapshot register(GroupSnapshot born);

    /** The most recently matched groups of every service, at most {@code perService} of each. */
    List<GroupSnapshot> recent(int perService);
}
