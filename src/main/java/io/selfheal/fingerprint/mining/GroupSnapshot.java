package io.selfheal.fingerprint.mining;

import java.time.Instant;
import java.util.List;

/**
 * Everything needed to resume matching into a group: what a {@link MinerStateStore} saves and loads.
 *
 * @param id        stable group id
 * @param service   owning service
 * @param tokens    template tokens; {@link #variable} tells which are placeholders
 * @param variable  per token, whether it is a placeholder (matches any value)
 * @param samples   per token, sample values seen there (empty for constant tokens)
 * @param count     messages matched
 * @param createdAt birth time
 * @param updatedAt last match time
 * @param mergedInto the group this one was merged into when the miner generalised, or null: a merged group takes no
 *                   messages; its id stands for the surviving group
 */
public record GroupSnapshot(String id, String service, List<String> tokens, List<Boolean> variable,
                            List<List<String>> samples, long count, Instant createdAt, Instant updatedAt,
                            String mergedInto) {

    public GroupSnapshot {
        tokens = List.copyOf(tokens);
        variable = List.copyOf(variable);
        samples = samples.stream().map(List::copyOf).toList();
    }

    /** A group that was not merged into another. */
    public GroupSnapshot(String id, String service, List<String> tokens, List<Boolean> variable,
                         List<List<String>> samples, long count, Instant createdAt, Instant updatedAt) {
        this(id, service, tokens, variable, samples, count, createdAt, updatedAt, null);
    }

    /** The template text: tokens joined by single spaces. */
    public String template() {
        return String.join(" ", tokens);
    }

    /** The template's token shapes joined by spaces: groups of equal shape are the same group. */
    public String shapeKey() {
        return TokenShapes.key(TokenShapes.of(tokens.toArray(String[]::new)));
    }

    /** The first constant token shape, under which stores file the group for alignment candidates; empty if none. */
    public String anchor() {
        return TokenShapes.anchor(TokenShapes.of(tokens.toArray(String[]::new)));
    }
}
