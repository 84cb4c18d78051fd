package io.selfheal.fingerprint.rules;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * One user rule: when {@link #match} holds, the event's group is the fixed {@link #fingerprint} (Sentry fingerprint
 * rule) and/or its message is masked with {@link #masks} before mining (Drain3 named masks).
 *
 * @param name        for logs and errors; the rule's position when the file gives none
 * @param match       the conditions
 * @param fingerprint values whose hash is the group id, with {@code {{ variable }}}s; empty = keep the mined group
 * @param title       the group's template text when the fingerprint decides the group, or null for the mined one
 * @param masks       applied to the message, in order, before mining
 */
public record GroupingRule(String name, RuleMatch match, List<String> fingerprint, String title,
                           List<NamedMask> masks) {
    /** Variables a fingerprint value may use, as in Sentry's fingerprint rules. */
    public static final Set<String> VARIABLES = Set.of("default", "service", "error.type", "level", "logger");
    private static final Pattern VARIABLE = Pattern.compile("\\{\\{\\s*([a-z.]+)\\s*}}");

    public GroupingRule {
        fingerprint = List.copyOf(fingerprint);
        masks = List.copyOf(masks);
        if (fingerprint.isEmpty() && masks.isEmpty()) {
            throw new IllegalArgumentException("rule " + name + " has neither a fingerprint nor masks");
        }
        for (String value : fingerprint) {
            Matcher variable = VARIABLE.matcher(value);
            while (variable.find()) {
                if (!VARIABLES.contains(variable.group(1))) {
                    throw new IllegalArgumentException("rule " + name + ": unknown variable {{ " + variable.group(1)
                            + " }}; known: " + VARIABLES);
                }
            }
        }
    }

    public boolean decidesGroup() {
        return !fingerprint.isEmpty();
    }

    public String mask(String message) {
        String masked = message;
        for (NamedMask mask : masks) {
            masked = mask.apply(masked);
        }
        return masked;
    }

    /** The fingerprint values with every variable replaced by its value in {@code variables}. */
    public List<String> resolve(Map<String, String> variables) {
        List<String> values = new ArrayList<>(fingerprint.size());
        for (String value : fingerprint) {
            Matcher variable = VARIABLE.matcher(value);
            values.add(variable.replaceAll(found ->
                    Matcher.quoteReplacement(String.valueOf(variables.get(found.group(1))))));
        }
        return values;
    }
}
