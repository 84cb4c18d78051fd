package io.selfheal.fingerprint.mining;

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
    final String[] tokens;
    final boolean[] variable;
    private final List<List<String>> samples;
    private final int maxSamples;
    long count;
    final Instant createdAt;
    Instant updatedAt;
    /** Set when the group was absorbed by a more general one; lookups follow it. */
    Group mergedInto;
    boolean evicted;

    Group(String id, String service, String[] tokens, boolean[] variable, List<List<String>> samples, long count,
          Instant createdAt, Instant updatedAt, int maxSamples) {
        this.id = id;
        this.service = service;
        this.tokens = tokens;
        this.variable = variable;
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
    static Group born(String service, MaskedMessage message, Instant now, int maxSamples) {
        String[] tokens = message.tokens().clone();
        List<List<String>> samples = new ArrayList<>(tokens.length);
        for (int i = 0; i < tokens.length; i++) {
            samples.add(List.of());
        }
        return new Group(GroupIds.of(service, message.text()), service, tokens, message.variable().clone(),
                samples, 0, now, now, maxSamples);
    }

    static Group restored(GroupSnapshot snapshot, int maxSamples) {
        boolean[] variable = new boolean[snapshot.variable().size()];
        for (int i = 0; i < variable.length; i++) {
            variable[i] = snapshot.variable().get(i);
        }
        return new Group(snapshot.id(), snapshot.service(), snapshot.tokens().toArray(String[]::new), variable,
                snapshot.samples(), snapshot.count(), snapshot.createdAt(), snapshot.updatedAt(), maxSamples);
    }

    GroupSnapshot snapshot() {
        List<Boolean> flags = new ArrayList<>(variable.length);
        for (boolean flag : variable) {
            flags.add(flag);
        }
        return new GroupSnapshot(id, service, Arrays.asList(tokens), flags, samples, count, createdAt, updatedAt);
    }

    /** Whether the message can be recorded without tokenizing it (no sample slot is free). */
    boolean samplesFull() {
        for (int i = 0; i < tokens.length; i++) {
            if (variable[i] && samples.get(i).size() < maxSamples) {
                return false;
            }
        }
        return true;
    }

    /** Records a message that matches this group, widening tokens where the message differs. */
    void add(MaskedMessage message, Instant now) {
        String[] messageTokens = message.tokens();
        for (int i = 0; i < tokens.length; i++) {
            if (!tokens[i].equals(messageTokens[i])) {
                tokens[i] = Placeholders.ANY;
                variable[i] = true;
            }
            if (variable[i]) {
                List<String> values = samples.get(i);
                String value = message.words()[i];
                if (values.size() < maxSamples && !values.contains(value)) {
                    values.add(value);
                }
            }
        }
        touch(now);
    }

    void touch(Instant now) {
        count++;
        updatedAt = now;
    }

    void absorb(Group other) {
        count += other.count;
        other.mergedInto = this;
    }

    Group current() {
        Group group = this;
        while (group.mergedInto != null) {
            group = group.mergedInto;
        }
        return group;
    }

    String template() {
        return String.join(" ", tokens);
    }

    MinedGroup view() {
        List<List<String>> parameters = new ArrayList<>();
        for (int i = 0; i < tokens.length; i++) {
            if (variable[i]) {
                parameters.add(List.copyOf(samples.get(i)));
            }
        }
        return new MinedGroup(id, service, template(), parameters, count);
    }
}
