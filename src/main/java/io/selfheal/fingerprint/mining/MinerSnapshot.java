package io.selfheal.fingerprint.mining;

import java.util.List;

/** The full state of a {@link TemplateMiner}: its live groups. */
public record MinerSnapshot(List<GroupSnapshot> groups) {

    public MinerSnapshot {
        groups = List.copyOf(groups);
    }
}
