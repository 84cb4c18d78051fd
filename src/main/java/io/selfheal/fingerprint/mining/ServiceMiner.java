package io.selfheal.fingerprint.mining;

import io.selfheal.fingerprint.mask.MaskedMessage;
import io.selfheal.fingerprint.mask.Masker;

import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The groups of one service. Not thread-safe: {@link TemplateMiner} serialises calls per service.
 *
 * <p>Matching: the masked text is looked up in a bounded map of already-seen masked messages (the hot path: one
 * scan plus one hash lookup). On a miss the message is matched by its shape, the masked tokens with every value
 * replaced by one wildcard, so values of different types or unmasked-but-digit-bearing words meet in one group.
 */
final class ServiceMiner {
    private static final char WILDCARD = '\u0001';

    private final String service;
    private final MinerConfig config;
    private final MinerStateStore store;
    private final Map<String, Group> known;
    private final Map<String, Group> byShape = new HashMap<>();
    private final LinkedHashMap<String, Group> live = new LinkedHashMap<>(16, 0.75f, true);
    private final Map<String, String> mergedIds = new HashMap<>();

    ServiceMiner(String service, MinerConfig config, MinerStateStore store) {
        this.service = service;
        this.config = config;
        this.store = store;
        int cacheSize = config.knownMessageCacheSize();
        this.known = new LinkedHashMap<>(16, 0.75f, true) {
            @Override
            protected boolean removeEldestEntry(Map.Entry<String, Group> eldest) {
                return size() > cacheSize;
            }
        };
    }

    Group match(String message, Instant now) {
        String text = Masker.mask(message);
        Group seen = known.get(text);
        if (seen != null) {
            Group group = seen.current();
            if (!group.evicted) {
                live.get(group.id);
                if (group.samplesFull()) {
                    group.touch(now);
                } else {
                    group.add(Masker.tokenize(message), now);
                }
                return group;
            }
        }
        MaskedMessage masked = Masker.tokenize(message);
        String shape = shape(masked);
        Group group = byShape.get(shape);
        if (group != null) {
            live.get(group.id);
            group.add(masked, now);
        } else {
            group = revive(GroupIds.of(service, masked.text()))
                    .orElseGet(() -> Group.born(service, masked, now, config.maxSamplesPerParameter()));
            group.add(masked, now);
            admit(group, shape);
        }
        if (config.knownMessageCacheSize() > 0) {
            known.put(text, group);
        }
        return group;
    }

    private Optional<Group> revive(String id) {
        return store.load(id).map(snapshot -> Group.restored(snapshot, config.maxSamplesPerParameter()));
    }

    private void admit(Group group, String shape) {
        byShape.put(shape, group);
        live.put(group.id, group);
        if (live.size() > config.maxGroupsPerService()) {
            Iterator<Group> eldest = live.values().iterator();
            Group cold = eldest.next();
            eldest.remove();
            cold.evicted = true;
            byShape.remove(shape(cold.tokens, cold.variable));
            store.save(cold.snapshot());
        }
    }

    Optional<Group> find(String id) {
        String current = id;
        while (mergedIds.containsKey(current)) {
            current = mergedIds.get(current);
        }
        Group group = live.get(current);
        return group != null ? Optional.of(group) : revive(current);
    }

    List<GroupSnapshot> snapshot() {
        List<GroupSnapshot> groups = new ArrayList<>(live.size());
        for (Group group : live.values()) {
            groups.add(group.snapshot());
        }
        return groups;
    }

    void restore(GroupSnapshot snapshot) {
        Group group = Group.restored(snapshot, config.maxSamplesPerParameter());
        admit(group, shape(group.tokens, group.variable));
    }

    int liveGroups() {
        return live.size();
    }

    private static String shape(MaskedMessage message) {
        return shape(message.tokens(), message.variable());
    }

    private static String shape(String[] tokens, boolean[] variable) {
        StringBuilder shape = new StringBuilder();
        for (int i = 0; i < tokens.length; i++) {
            if (i > 0) {
                shape.append(' ');
            }
            if (variable[i]) {
                shape.append(WILDCARD);
            } else {
                shape.append(tokens[i]);
            }
        }
        return shape.toString();
    }
}
