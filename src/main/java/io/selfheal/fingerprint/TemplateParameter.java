package io.selfheal.fingerprint;

import java.util.List;

/**
 * One placeholder of a group's template and a few values seen in its place.
 *
 * @param placeholder the placeholder as it appears in the template, e.g. {@code <int>} or {@code <*>}
 * @param samples     distinct sample values, oldest first, at most the miner's per-parameter bound
 */
public record TemplateParameter(String placeholder, List<String> samples) {

    public TemplateParameter {
        samples = List.copyOf(samples);
    }
}
