package io.selfheal.store;

import io.selfheal.fingerprint.manual.GroupOverrides;
import io.selfheal.fingerprint.mining.TemplateMiner;

import java.sql.SQLException;
import java.util.function.Supplier;

/**
 * Keeps the service's grouping state and the database in step, on a short timer: hands the miner's changed groups
 * to the store and writes them in one batch, and re-reads the manual merges and splits so that every instance
 * applies the ones made through any instance within one interval.
 */
public final class GroupingState implements Supplier<GroupOverrides> {
    private final TemplateMiner miner;
    private final PostgresMinerStateStore minerStore;
    private final GroupOverrideStore overrideStore;
    private volatile GroupOverrides overrides;

    public GroupingState(TemplateMiner miner, PostgresMinerStateStore minerStore, GroupOverrideStore overrideStore)
            throws SQLException {
        this.miner = miner;
        this.minerStore = minerStore;
        this.overrideStore = overrideStore;
        this.overrides = overrideStore.load();
    }

    @Override
    public GroupOverrides get() {
        return overrides;
    }

    /** Writes the miner's changes and refreshes the merges and splits; a failure is retried by the next call. */
    public void sync() throws SQLException {
        miner.saveChanges();
        minerStore.flush();
        overrides = overrideStore.load();
    }

    /** Re-reads the merges and splits now, after a change made through this instance. */
    public void refreshOverrides() throws SQLException {
        overrides = overrideStore.load();
    }
}
