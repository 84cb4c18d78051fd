package io.selfheal.fingerprint.manual;

import io.selfheal.fingerprint.Fingerprint;

import java.util.List;
import java.util.Map;

/**
 * The manual merges and splits in force, as last read from the database. Immutable: a refresh swaps in a new
 * instance. Splits are applied first (a split-off group can itself be merged), then merges, followed to the end of
 * the chain (A into B, B into C: A's events count under C).
 *
 * @param mergedInto the group each merged group's events go to
 * @param splits     per split group, its splits in the order they were made; the first matching one applies
 */
public record GroupOverrides(Map<String, String> mergedInto, Map<String, List<GroupSplit>> splits) {
    public static final GroupOverrides NONE = new GroupOverrides(Map.of(), Map.of());
    /** Longer chains than this are cycles written around the API's checks; they stop where the limit is hit. */
    private static final int MAX_MERGE_HOPS = 32;

    public GroupOverrides {
        mergedInto = Map.copyOf(mergedInto);
        splits = Map.copyOf(splits);
    }

    public Fingerprint apply(Fingerprint fingerprint, String message) {
        if (mergedInto.isEmpty() && splits.isEmpty()) {
            return fingerprint;
        }
        Fingerprint result = fingerprint;
        for (GroupSplit split : splits.getOrDefault(result.id(), List.of())) {
            if (split.pattern().matches(message)) {
                result = result.regroupedAs(split.targetId(), split.title());
                break;
            }
        }
        String target = finalGroup(result.id());
        return target.equals(result.id()) ? result : result.regroupedAs(target, null);
    }

    /** The group whose count an event of {@code id} goes to after every merge. */
    public String finalGroup(String id) {
        String current = id;
        for (int hop = 0; hop < MAX_MERGE_HOPS; hop++) {
            String next = mergedInto.get(current);
            if (next == null) {
                return current;
            }
            current = next;
        }
        return current;
    }
}
