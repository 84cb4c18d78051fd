package io.selfheal.fingerprint.mining;

import java.util.ArrayList;
import java.util.Collection;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentMap;
import java.util.stream.Collectors;

/** A {@link MinerStateStore} in concurrent maps; for the command line, benchmarks, tests and single-instance use. */
public final class InMemoryMinerStateStore implements MinerStateStore {
    private static final Comparator<GroupSnapshot> MOST_RECENT_FIRST =
            Comparator.comparing(GroupSnapshot::updatedAt).reversed();

    private final ConcurrentMap<String, GroupSnapshot> groups = new ConcurrentHashMap<>();
    /** Owner id per service and birth shape. */
    private final ConcurrentMap<String, String> shapeOwners = new ConcurrentHashMap<>();
    /** Ids per service and anchor, as of each group's last save. */
    private final ConcurrentMap<String, Set<String>> anchors = new ConcurrentHashMap<>();

    @Override
    public void saveAll(Collection<GroupSnapshot> snapshots) {
        for (GroupSnapshot group : snapshots) {
            GroupSnapshot previous = groups.put(group.id(), group);
            if (previous != null) {
                Set<String> ids = anchors.get(key(previous.service(), previous.anchor()));
                if (ids != null) {
                    ids.remove(previous.id());
                }
            }
            if (group.mergedInto() == null) { // a merged group is no candidate: its survivor is
                anchors.computeIfAbsent(key(group.service(), group.anchor()), k -> ConcurrentHashMap.newKeySet())
                        .add(group.id());
            }
        }
    }

    @Override
    public Optional<GroupSnapshot> load(String id) {
        return Optional.ofNullable(groups.get(id));
    }

    @Override
    public List<GroupSnapshot> byAnchor(String service, String anchor, int limit) {
        Set<String> ids = anchors.get(key(service, anchor));
        if (ids == null) {
            return List.of();
        }
        List<GroupSnapshot> found = new ArrayList<>();
        for (String id : ids) {
            GroupSnapshot group = groups.get(id);
            if (group != null) {
                found.add(group);
            }
        }
        found.sort(MOST_RECENT_FIRST);
        return found.size() > limit ? List.copyOf(found.subList(0, limit)) : found;
    }

    @Override
    public GroupSnapshot register(GroupSnapshot born) {
        String owner = shapeOwners.putIfAbsent(key(born.service(), born.shapeKey()), born.id());
        if (owner != null && !owner.equals(born.id())) {
            GroupSnapshot winner = groups.get(owner);
            if (winner != null) {
                return winner;
            }
        }
        saveAll(List.of(born));
        return born;
    }

    @Override
    public List<GroupSnapshot> recent(int perService) {
        Map<String, List<GroupSnapshot>> byService = groups.values().stream()
                .filter(group -> group.mergedInto() == null)
                .collect(Collectors.groupingBy(GroupSnapshot::service));
        List<GroupSnapshot> recent = new ArrayList<>();
        for (List<GroupSnapshot> ofService : byService.values()) {
            ofService.sort(MOST_RECENT_FIRST);
            recent.addAll(ofService.subList(0, Math.min(perService, ofService.size())));
        }
        return recent;
    }

    public int size() {
        return groups.size();
    }

    private static String key(String service, String part) {
        return service + '\0' + part;
    }
}
