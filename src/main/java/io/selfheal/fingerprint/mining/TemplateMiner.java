package io.selfheal.fingerprint.mining;

import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentMap;

/**
 * Mines message templates per service and assigns each message a group with a stable id.
 *
 * <p>Concurrency: each service has its own {@link ServiceMiner}, created once through a concurrent map, and every
 * call for a service runs under that miner's monitor. Calls for different services run in parallel; calls for the
 * same service are serialised, which is cheap because a match of a known message is one scan plus a hash lookup.
 */
public final class TemplateMiner {
    private final MinerConfig config;
    private final MinerStateStore store;
    private final Clock clock;
    private final ConcurrentMap<String, ServiceMiner> services = new ConcurrentHashMap<>();

    public TemplateMiner(MinerConfig config, MinerStateStore store, Clock clock) {
        this.config = config;
        this.store = store;
        this.clock = clock;
    }

    public TemplateMiner() {
        this(MinerConfig.defaults(), new InMemoryMinerStateStore(), Clock.systemUTC());
    }

    /** Assigns {@code message} to a group of {@code service}, creating or generalising groups as needed. */
    public MinedGroup match(String service, String message) {
        ServiceMiner miner = miner(service);
        synchronized (miner) {
            return miner.match(message).view();
        }
    }

    /**
     * As {@link #match(String, String)} for a message given as the ASCII bytes {@code ascii[from, to)} (every byte
     * below 128, each one character): a message of an already-seen template is matched without making a String.
     */
    public MinedGroup match(String service, byte[] ascii, int from, int to) {
        ServiceMiner miner = miner(service);
        synchronized (miner) {
            return miner.match(ascii, from, to).view();
        }
    }

    /** The group now standing for {@code id}: itself, or the group it was merged into; empty when unknown. */
    public Optional<MinedGroup> group(String service, String id) {
        ServiceMiner miner = miner(service);
        synchronized (miner) {
            return miner.find(id).map(Group::view);
        }
    }

    /** The live groups of every service. */
    public MinerSnapshot snapshot() {
        List<GroupSnapshot> groups = new ArrayList<>();
        for (ServiceMiner miner : services.values()) {
            synchronized (miner) {
                groups.addAll(miner.snapshot(clock.millis()));
            }
        }
        return new MinerSnapshot(groups);
    }

    /** Adds the groups of {@code snapshot} to this miner, as live groups. */
    public void restore(MinerSnapshot snapshot) {
        for (GroupSnapshot group : snapshot.groups()) {
            ServiceMiner miner = miner(group.service());
            synchronized (miner) {
                miner.restore(group);
            }
        }
    }

    /**
     * Hands the state of every group matched since the last call to the store, in one {@link
     * MinerStateStore#saveAll} call made outside the services' locks; returns how many groups were handed over.
     */
    public int saveChanges() {
        List<GroupSnapshot> changes = new ArrayList<>();
        long now = clock.millis();
        for (ServiceMiner miner : services.values()) {
            synchronized (miner) {
                changes.addAll(miner.drainChanges(now));
            }
        }
        if (!changes.isEmpty()) {
            store.saveAll(changes);
        }
        return changes.size();
    }

    /** Makes the most recently matched stored groups live again, at most {@code perService} per service. */
    public int warm(int perService) {
        List<GroupSnapshot> recent = store.recent(Math.min(perService, config.maxGroupsPerService()));
        restore(new MinerSnapshot(recent));
        return recent.size();
    }

    /** Live groups of {@code service}. */
    public int liveGroups(String service) {
        ServiceMiner miner = miner(service);
        synchronized (miner) {
            return miner.liveGroups();
        }
    }

    private ServiceMiner miner(String service) {
        ServiceMiner miner = services.get(service); // computeIfAbsent alone is slower when present, the common case
        return miner != null ? miner : services.computeIfAbsent(service, s -> new ServiceMiner(s, config, store, clock));
    }
}
