package io.selfheal.fingerprint.rules;

import java.util.List;
import java.util.Optional;

/**
 * The user's grouping rules: named masks applied to every message, then rules evaluated in order, the first
 * matching one applying. Immutable; {@link GroupingRulesFile} swaps in a new instance when the file changes.
 */
public record GroupingRules(List<NamedMask> masks, List<GroupingRule> rules) {
    public static final GroupingRules NONE = new GroupingRules(List.of(), List.of());

    public GroupingRules {
        masks = List.copyOf(masks);
        rules = List.copyOf(rules);
    }

    public Optional<GroupingRule> firstMatch(RuleSubject event) {
        for (GroupingRule rule : rules) {
            if (rule.match().matches(event)) {
                return Optional.of(rule);
            }
        }
        return Optional.empty();
    }

    /** The message as the miner should see it: global masks, then the masks of {@code rule} (may be null). */
    public String mask(String message, GroupingRule rule) {
        String masked = message;
        for (NamedMask mask : masks) {
            masked = mask.apply(masked);
        }
        return rule == null ? masked : rule.mask(masked);
    }

    public boolean isEmpty() {
        return masks.isEmpty() && rules.isEmpty();
    }
}
