package io.selfheal.fingerprint.mining;

import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentMap;

/** A {@link MinerStateStore} in a concurrent map; for tests and single-instance use. */
public final class InMemoryMinerStateStore implements MinerStateStore {
    private final ConcurrentMap<String, GroupSnapshot> groups = new ConcurrentHashMap<>();

    @Override
    public void save(GroupSnapshot group) {
        groups.put(group.id(), group);
    }

    @Override
    public Optional<GroupSnapshot> load(String id) {
        return Optional.ofNullable(groups.get(id));
    }

    public int size() {
        return groups.size();
    }
}
