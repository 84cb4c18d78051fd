package io.selfheal.fingerprint.mining;

import io.selfheal.fingerprint.StableIds;
import io.selfheal.fingerprint.mask.MaskBuffer;
import io.selfheal.fingerprint.mask.MaskedMessage;
import io.selfheal.fingerprint.mask.Masker;
import io.selfheal.fingerprint.mask.Placeholders;

import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * The groups of one service. Not thread-safe: {@link TemplateMiner} serialises calls per service.
 *
 * <p>Matching, cheapest first: (1) the masked text's fingerprint is looked up in a bounded map of already-seen masked
 * messages ({@link KnownMessages}) — the hot path, one scan plus one hash lookup, no clock read, no allocation; (2) the message's shape (tokens with every value generalised to
 * {@code <*>}) is looked up in the shape index, so values of any type or length-1 unmasked ids meet; (3) groups with
 * the same first constant token are tried with {@link TemplateAlignment}, which joins variable-length values;
 * (4) a group is taken from the state store (evicted here, or created by another instance) or born and registered.
 */
final class ServiceMiner {
    private static final int MAX_SHAPES_PER_GROUP = 64;
    private static final int MAX_ALIGNMENT_CANDIDATES = 32;
    private static final int MAX_MERGE_HOPS = 16;

    private final String service;
    private final MinerConfig config;
    private final MinerStateStore store;
    /** Read when a group is born, flushed or evicted; never for a match of a known message. */
    private final Clock clock;
    private final KnownMessages known;
    /** The masker's working memory, reused by every match (matches of one service are serialised). */
    private final MaskBuffer maskedText = new MaskBuffer();
    private final Map<String, Group> byShape = new HashMap<>();
    private final WordVariants variants;
    /** Groups made live so far; numbers them in {@link Group#liveOrder}. */
    private long admitted;
    private final Map<String, List<Group>> byAnchor = new HashMap<>();
    private final LinkedHashMap<String, Group> live = new LinkedHashMap<>(16, 0.75f, true);
    /** Live groups matched since their state was last handed to the store; a subset of {@link #live}. */
    private final Set<Group> changed = new LinkedHashSet<>();

    ServiceMiner(String service, MinerConfig config, MinerStateStore store, Clock clock) {
        this.service = service;
        this.config = config;
        this.store = store;
        this.clock = clock;
        this.known = new KnownMessages(config.knownMessageCacheSize());
        this.variants = new WordVariants(config.generalisation());
    }

    Group match(String message) {
        Masker.mask(message, maskedText);
        Group seen = knownLive();
        return seen != null ? matchedKnown(seen, message) : matchNew(message);
    }

    /**
     * As {@link #match(String)} for a message given as ASCII bytes: a message of a known template whose group needs
     * no more samples is matched without making a String of it.
     */
    Group match(byte[] ascii, int from, int to) {
        Masker.mask(ascii, from, to, maskedText);
        Group seen = knownLive();
        if (seen != null && !seen.wantsSamples()) {
            live.get(seen.id);
            seen.touch();
            changed(seen);
            return seen;
        }
        String message = new String(ascii, from, to - from, StandardCharsets.ISO_8859_1);
        return seen != null ? matchedKnown(seen, message) : matchNew(message);
    }

    /** The live group of the masked text in {@link #maskedText} when it was seen before (following merges). */
    private Group knownLive() {
        Group seen = known.get(maskedText);
        if (seen != null && seen.absorbedBy != null) {
            seen = seen.current();
        }
        return seen != null && !seen.evicted ? seen : null;
    }

    private Group matchedKnown(Group seen, String message) {
        live.get(seen.id);
        if (seen.wantsSamples()) {
            MaskedMessage masked = Masker.tokenize(message);
            record(seen, masked, TokenShapes.of(masked.tokens()));
        } else {
            seen.touch();
        }
        changed(seen);
        return seen;
    }

    /** A message whose masked text is not among the known ones, left in {@link #maskedText}. */
    private Group matchNew(String message) {
        MaskedMessage masked = Masker.tokenize(message);
        String[] shapes = TokenShapes.of(masked.tokens());
        String shapeKey = TokenShapes.key(shapes);
        Group group = byShape.get(shapeKey);
        if (group != null) {
            live.get(group.id);
            record(group, masked, shapes);
        } else {
            group = variants.fitting(masked.tokens());
            if (group != null) {
                live.get(group.id);
                record(group, masked, shapes);
            } else {
                group = joinByAlignment(masked, shapes);
            }
            if (group == null) {
                group = generalise(masked, shapes);
            }
            if (group == null) {
                group = fromStore(masked, shapes, shapeKey);
                if (live.get(group.id) != group) {
                    admit(group);
                }
                record(group, masked, shapes);
            }
            index(shapeKey, group);
            variants.file(group);
        }
        if (config.knownMessageCacheSize() > 0) {
            known.put(maskedText, group);
        }
        changed(group);
        return group;
    }

    /**
     * The group for a message no live group takes, in this order: the group with the message's own id (evicted, or
     * born on another instance from the same text); a stored group of the same anchor that the message fits, so an
     * instance adopts what another one already created from a different variant; or a new group, registered in the
     * store, which hands back the owner instead when another instance registered the same shape first.
     */
    private Group fromStore(MaskedMessage masked, String[] shapes, String shapeKey) {
        String id = StableIds.of(service, masked.text());
        Optional<GroupSnapshot> stored = store.load(id);
        if (stored.isEmpty()) {
            stored = adoptable(masked, shapes, shapeKey);
        }
        if (stored.isPresent()) {
            return liveOrRestored(stored.get());
        }
        Group born = Group.born(service, masked, clock.millis(), config.maxSamplesPerParameter());
        GroupSnapshot owner = store.register(born.snapshot());
        return owner.id().equals(born.id) ? born : liveOrRestored(owner);
    }

    /**
     * Merges the live groups that the message shows to differ only at one or two word positions, parameters after all, into
     * the oldest of them, which takes the message; null when no position has shown enough distinct values.
     */
    private Group generalise(MaskedMessage masked, String[] shapes) {
        WordVariants.Learned learned = variants.learn(masked.tokens());
        if (learned == null) {
            return null;
        }
        Group survivor = learned.groups().get(0);
        for (Group group : learned.groups()) {
            survivor = group.olderThan(survivor) ? group : survivor;
        }
        survivor.learnedAt(learned.positions());
        for (Group group : learned.groups()) {
            if (group != survivor) {
                survivor.absorb(group, learned.positions());
                retire(group, survivor);
            }
        }
        variants.file(survivor);
        for (Map.Entry<Group, List<Integer>> fitting : variants.fittingGroups(survivor).entrySet()) {
            survivor.absorb(fitting.getKey(), fitting.getValue());
            retire(fitting.getKey(), survivor);
        }
        live.get(survivor.id);
        record(survivor, masked, shapes);
        index(TokenShapes.key(TokenShapes.of(survivor.tokens)), survivor);
        return survivor;
    }

    /** Drops a group merged into {@code survivor} from memory; the store keeps it with its merged_into. */
    private void retire(Group absorbed, Group survivor) {
        absorbed.evicted = true;
        live.remove(absorbed.id);
        variants.remove(absorbed);
        for (String shapeKey : absorbed.shapeKeys) {
            byShape.remove(shapeKey, absorbed);
            index(shapeKey, survivor);
        }
        List<Group> sameAnchor = byAnchor.get(absorbed.anchor);
        if (sameAnchor != null && sameAnchor.remove(absorbed) && sameAnchor.isEmpty()) {
            byAnchor.remove(absorbed.anchor);
        }
        if (absorbed.changed) {
            absorbed.changed = false;
            changed.remove(absorbed);
        }
        absorbed.updatedAt = clock.millis();
        store.saveAll(List.of(absorbed.snapshot()));
        changed(survivor);
    }

    private Optional<GroupSnapshot> adoptable(MaskedMessage masked, String[] shapes, String shapeKey) {
        for (GroupSnapshot candidate : store.byAnchor(service, TokenShapes.anchor(shapes), MAX_ALIGNMENT_CANDIDATES)) {
            if (live.containsKey(candidate.id())) {
                continue; // live here and already refused the message
            }
            String[] candidateShapes = TokenShapes.of(candidate.tokens().toArray(String[]::new));
            if (TokenShapes.key(candidateShapes).equals(shapeKey)
                    || TemplateAlignment.join(candidateShapes, shapes) != null
                    || WordVariants.fits(Group.restored(candidate, config.maxSamplesPerParameter()), masked.tokens())) {
                return Optional.of(candidate);
            }
        }
        return Optional.empty();
    }

    private Group liveOrRestored(GroupSnapshot snapshot) {
        GroupSnapshot current = surviving(snapshot);
        Group group = live.get(current.id());
        return group != null ? group : Group.restored(current, config.maxSamplesPerParameter());
    }

    /** The group a stored group was merged into, following merges (a bounded number, against corrupt cycles). */
    private GroupSnapshot surviving(GroupSnapshot snapshot) {
        GroupSnapshot current = snapshot;
        for (int hops = 0; current.mergedInto() != null && hops < MAX_MERGE_HOPS; hops++) {
            Group group = live.get(current.mergedInto());
            if (group != null) {
                return group.snapshot();
            }
            Optional<GroupSnapshot> next = store.load(current.mergedInto());
            if (next.isEmpty()) {
                break;
            }
            current = next.get();
        }
        return current;
    }

    /** Marks the group as changed since the last {@link #drainChanges(long)}; cheap, on every match. */
    private void changed(Group group) {
        if (!group.changed) {
            group.changed = true;
            changed.add(group);
        }
    }

    /** Snapshots of the live groups changed since the last call, stamped as last matched at {@code now}. */
    List<GroupSnapshot> drainChanges(long now) {
        List<GroupSnapshot> snapshots = new ArrayList<>(changed.size());
        for (Group group : changed) {
            group.changed = false;
            group.updatedAt = now;
            snapshots.add(group.snapshot());
        }
        changed.clear();
        return snapshots;
    }

    /** Adds the message to a group it is known to belong to, positionally when the lengths agree. */
    private void record(Group group, MaskedMessage masked, String[] shapes) {
        variants.sawValues(masked);
        if (fitsPositionally(group.tokens, shapes)) {
            group.add(masked);
            return;
        }
        TemplateAlignment.Joined joined = TemplateAlignment.join(TokenShapes.of(group.tokens), shapes);
        if (joined != null) {
            group.add(joined);
        } else {
            group.touch();
        }
    }

    private static boolean fitsPositionally(String[] template, String[] shapes) {
        if (template.length != shapes.length) {
            return false;
        }
        for (int i = 0; i < template.length; i++) {
            String shape = TokenShapes.of(template[i]);
            if (!shape.equals(shapes[i]) && !shape.equals(Placeholders.ANY)) {
                return false;
            }
        }
        return true;
    }

    private Group joinByAlignment(MaskedMessage masked, String[] shapes) {
        List<Group> candidates = byAnchor.get(TokenShapes.anchor(shapes));
        if (candidates == null) {
            return null;
        }
        for (int k = candidates.size() - 1, tried = 0; k >= 0 && tried < MAX_ALIGNMENT_CANDIDATES; k--, tried++) {
            Group candidate = candidates.get(k);
            TemplateAlignment.Joined joined = TemplateAlignment.join(TokenShapes.of(candidate.tokens), shapes);
            if (joined != null) {
                live.get(candidate.id);
                candidate.add(joined);
                return candidate;
            }
        }
        return null;
    }

    private void index(String shapeKey, Group group) {
        if (group.shapeKeys.size() < MAX_SHAPES_PER_GROUP) {
            byShape.put(shapeKey, group);
            group.shapeKeys.add(shapeKey);
        }
    }

    private void admit(Group group) {
        String[] shapes = TokenShapes.of(group.tokens);
        index(TokenShapes.key(shapes), group);
        group.anchor = TokenShapes.anchor(shapes);
        byAnchor.computeIfAbsent(group.anchor, k -> new ArrayList<>()).add(group);
        live.put(group.id, group);
        group.liveOrder = ++admitted;
        variants.file(group);
        if (live.size() > config.maxGroupsPerService()) {
            Iterator<Group> eldest = live.values().iterator();
            Group cold = eldest.next();
            eldest.remove();
            evict(cold);
        }
    }

    private void evict(Group cold) {
        cold.evicted = true;
        if (cold.changed) {
            cold.changed = false;
            cold.updatedAt = clock.millis();
            changed.remove(cold);
        }
        for (String shapeKey : cold.shapeKeys) {
            byShape.remove(shapeKey, cold);
        }
        variants.remove(cold);
        List<Group> sameAnchor = byAnchor.get(cold.anchor);
        if (sameAnchor != null && sameAnchor.remove(cold) && sameAnchor.isEmpty()) {
            byAnchor.remove(cold.anchor);
        }
        store.saveAll(List.of(cold.snapshot()));
    }

    Optional<Group> find(String id) {
        Group group = live.get(id);
        return group != null ? Optional.of(group) : store.load(id).map(this::liveOrRestored);
    }

    /** Snapshots of the live groups; those matched since the last flush are stamped as last matched at {@code now}. */
    List<GroupSnapshot> snapshot(long now) {
        List<GroupSnapshot> groups = new ArrayList<>(live.size());
        for (Group group : live.values()) {
            if (group.changed) {
                group.updatedAt = now;
            }
            groups.add(group.snapshot());
        }
        return groups;
    }

    void restore(GroupSnapshot snapshot) {
        if (snapshot.mergedInto() == null && !live.containsKey(snapshot.id())) {
            admit(Group.restored(snapshot, config.maxSamplesPerParameter()));
        }
    }

    int liveGroups() {
        return live.size();
    }
}
