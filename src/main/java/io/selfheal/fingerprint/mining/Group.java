package io.selfheal.fingerprint.mining;

import io.selfheal.fingerprint.StableIds;
import io.selfheal.fingerprint.mask.MaskedMessage;
import io.selfheal.fingerprint.mask.Placeholders;

import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/** A live group of one service; guarded by its {@link ServiceMiner}'s lock. */
final class Group {
    final String id;
    final String service;
    /** Template tokens; typed placeholders are kept while all values at a position share the type. */
    String[] tokens;
    private List<List<String>> samples;
    private final int maxSamples;
    long count;
    final Instant createdAt;
    /**
     * When the group was last matched, in epoch milliseconds, to the precision of the state flushes: a match does not
     * read the clock (a clock read cost as much as a tenth of a known-message match); the miner stamps the groups
     * matched since the previous flush with the flush's time, which is also when the store sees them.
     */
    long updatedAt;
    boolean evicted;
    /** Whether the group was matched since its state was last handed to the store. */
    boolean changed;
    /** The candidate-index key the group was filed under when it became live. */
    String anchor;
    /** The {@link WordVariants} skeleton the group is filed under while live, or null. */
    String skeleton;
    /** When the group became live in this process, counted by its miner: orders births of one millisecond. */
    long liveOrder;
    /** The group this one was merged into when a word position was generalised; it then takes no messages. */
    Group absorbedBy;
    private boolean samplesFull;
    /** The group as last handed out; rebuilt only after its template or samples change. */
    private MinedGroup view;
    /** Message shapes indexed to this group, removed from the index on eviction. */
    final List<String> shapeKeys = new ArrayList<>();

    Group(String id, String service, String[] tokens, List<List<String>> samples, long count,
          Instant createdAt, long updatedAt, int maxSamples) {
        this.id = id;
        this.service = service;
        this.tokens = tokens;
        this.samples = new ArrayList<>(samples.size());
        for (List<String> values : samples) {
            this.samples.add(new ArrayList<>(values));
        }
        this.count = count;
        this.createdAt = createdAt;
        this.updatedAt = updatedAt;
        this.maxSamples = maxSamples;
    }

    /** A new, still empty group whose template is the message's masked tokens. */
    static Group born(String service, MaskedMessage message, long now, int maxSamples) {
        String[] tokens = message.tokens().clone();
        List<List<String>> samples = new ArrayList<>(tokens.length);
        for (int i = 0; i < tokens.length; i++) {
            samples.add(List.of());
        }
        return new Group(StableIds.of(service, message.text()), service, tokens, samples, 0,
                Instant.ofEpochMilli(now), now, maxSamples);
    }

    static Group restored(GroupSnapshot snapshot, int maxSamples) {
        return new Group(snapshot.id(), snapshot.service(), snapshot.tokens().toArray(String[]::new),
                snapshot.samples(), snapshot.count(), snapshot.createdAt(), snapshot.updatedAt().toEpochMilli(), maxSamples);
    }

    GroupSnapshot snapshot() {
        List<Boolean> flags = new ArrayList<>(tokens.length);
        for (String shape : TokenShapes.of(tokens)) {
            flags.add(TemplateAlignment.isVariable(shape));
        }
        return new GroupSnapshot(id, service, Arrays.asList(tokens), flags, samples, count, createdAt,
                Instant.ofEpochMilli(updatedAt), absorbedBy == null ? null : absorbedBy.id);
    }

    /** The group now taking this group's messages: itself, or the group it was merged into. */
    Group current() {
        Group group = this;
        while (group.absorbedBy != null) {
            group = group.absorbedBy;
        }
        return group;
    }

    /**
     * Whether this group was born before {@code other}: by birth time, then, within one millisecond, by the order this
     * process made them live, then by id.
     */
    boolean olderThan(Group other) {
        int byTime = createdAt.compareTo(other.createdAt);
        if (byTime != 0) {
            return byTime < 0;
        }
        return liveOrder != other.liveOrder ? liveOrder < other.liveOrder : id.compareTo(other.id) < 0;
    }

    /** Turns {@code positions} into parameters keeping their words as samples: the message showed they vary. */
    void learnedAt(List<Integer> positions) {
        for (int position : positions) {
            addWordSample(position, tokens[position]);
            tokens[position] = WordVariants.generalised(tokens[position]);
        }
        samplesFull = false;
        updateSamplesFull();
        view = null;
    }

    /**
     * Takes over {@code other}, which agrees with this group except at positions that are variables in one of them
     * or at {@code positions}, which become parameters holding both groups' words as samples.
     */
    void absorb(Group other, List<Integer> positions) {
        for (int position : positions) {
            addWordSample(position, tokens[position]);
            addWordSample(position, other.tokens[position]);
        }
        for (int i = 0; i < tokens.length; i++) {
            if (positions.contains(i)) {
                tokens[i] = WordVariants.generalised(tokens[i]);
            } else if (!tokens[i].equals(other.tokens[i])) {
                String general = TokenShapes.of(tokens[i]);
                tokens[i] = general.equals(TokenShapes.of(other.tokens[i])) ? general : Placeholders.ANY;
            }
            for (String value : other.samples.get(i)) {
                addSample(i, value);
            }
        }
        count += other.count;
        other.absorbedBy = this;
        samplesFull = false;
        updateSamplesFull();
        view = null;
    }

    /** Whether a sample value kept at {@code position} is a plain word: the position has held names. */
    boolean heldWords(int position) {
        for (String value : samples.get(position)) {
            String core = WordVariants.core(value);
            if (!core.isEmpty() && WordVariants.isWord(core)) {
                return true;
            }
        }
        return false;
    }

    /** Keeps the word of a token that was a constant as a sample of its position, now a parameter. */
    private void addWordSample(int position, String token) {
        String core = WordVariants.core(token);
        if (!core.isEmpty() && WordVariants.isWord(core)) {
            addSample(position, core);
        }
    }

    private void addSample(int position, String value) {
        List<String> values = samples.get(position);
        if (values.size() < maxSamples && !values.contains(value)) {
            values.add(value);
        }
    }

    /**
     * Whether this match should collect sample values, which costs a tokenization: while slots are free, for the
     * first matches and then at every power of two, so a position with few distinct values does not slow every match.
     */
    boolean wantsSamples() {
        return !samplesFull && (count < 32 || (count & (count - 1)) == 0);
    }

    private void updateSamplesFull() {
        samplesFull = true;
        for (int i = 0; i < tokens.length && samplesFull; i++) {
            samplesFull = samples.get(i).size() >= maxSamples || !TemplateAlignment.isVariable(TokenShapes.of(tokens[i]));
        }
    }

    /** Records a message of the same shape as the template, widening tokens whose value types differ. */
    void add(MaskedMessage message) {
        String[] messageTokens = message.tokens();
        for (int i = 0; i < tokens.length; i++) {
            if (!tokens[i].equals(messageTokens[i])) {
                String general = TokenShapes.of(tokens[i]);
                tokens[i] = general.equals(TokenShapes.of(messageTokens[i])) ? general : Placeholders.ANY;
            }
            List<String> values = samples.get(i);
            String value = message.words()[i];
            if (samplesFull) {
                continue;
            }
            if (values.size() < maxSamples && !values.contains(value)
                    && TemplateAlignment.isVariable(TokenShapes.of(tokens[i]))) {
                values.add(value);
            }
        }
        updateSamplesFull();
        view = null;
        touch();
    }

    /** Records a message that joined through {@link TemplateAlignment}: the template takes the joined tokens. */
    void add(TemplateAlignment.Joined joined) {
        List<List<String>> joinedSamples = new ArrayList<>(joined.tokens().length);
        for (int origin : joined.origins()) {
            joinedSamples.add(origin >= 0 ? samples.get(origin) : new ArrayList<>());
        }
        tokens = joined.tokens();
        samples = joinedSamples;
        updateSamplesFull();
        view = null;
        touch();
    }

    void touch() {
        count++;
    }

    String template() {
        return String.join(" ", tokens);
    }

    MinedGroup view() {
        if (view == null) {
            List<List<String>> parameters = new ArrayList<>();
            List<String> placeholders = new ArrayList<>();
            for (int i = 0; i < tokens.length; i++) {
                if (TemplateAlignment.isVariable(TokenShapes.of(tokens[i]))) {
                    parameters.add(List.copyOf(samples.get(i)));
                    placeholders.add(tokens[i]);
                }
            }
            view = new MinedGroup(id, service, template(), List.copyOf(parameters), List.copyOf(placeholders));
        }
        return view;
    }
}
