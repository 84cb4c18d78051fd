package io.selfheal.fingerprint.rules;

import org.snakeyaml.engine.v2.api.Load;
import org.snakeyaml.engine.v2.api.LoadSettings;
import org.snakeyaml.engine.v2.exceptions.YamlEngineException;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;
import java.util.regex.PatternSyntaxException;

/**
 * Reads the grouping rules file. Unknown keys are errors, so a misspelt condition cannot silently match everything.
 *
 * <pre>{@code
 * masks:                                   # applied to every message before mining
 *   - {name: order_id, regex: 'ORD-\d+'}
 * rules:                                   # in order, the first match applies
 *   - name: db-pool
 *     match: {service: 'orders*', error.type: '*SQLTransientConnectionException', stack.module: 'com.acme.*'}
 *     fingerprint: [db-pool-exhausted, '{{ service }}']
 *     title: Database pool exhausted
 *   - match: {logger: 'com.acme.billing.*', message: '/invoice INV-\d+ rejected/'}
 *     masks: [{name: invoice, regex: 'INV-\d+'}]
 * }</pre>
 */
public final class GroupingRulesParser {
    private static final Set<String> TOP_KEYS = Set.of("masks", "rules");
    private static final Set<String> RULE_KEYS = Set.of("name", "match", "fingerprint", "title", "masks");
    private static final Set<String> MATCH_KEYS = Set.of("service", "logger", "level", "error.type", "message",
            "message-regex", "stack.module", "stack.function");
    private static final Set<String> MASK_KEYS = Set.of("name", "regex");

    private GroupingRulesParser() {
    }

    /** Parses the file's text; empty text means no rules. Fails with a message naming the offending place. */
    public static GroupingRules parse(String yaml) {
        Object document;
        try {
            document = new Load(LoadSettings.builder().setLabel("grouping rules").build()).loadFromString(yaml);
        } catch (YamlEngineException e) {
            throw new IllegalArgumentException("not valid YAML: " + e.getMessage(), e);
        }
        if (document == null) {
            return GroupingRules.NONE;
        }
        Map<?, ?> top = map(document, "the file", TOP_KEYS);
        List<NamedMask> masks = masks(top.get("masks"), "masks");
        List<GroupingRule> rules = new ArrayList<>();
        List<?> ruleList = list(top.get("rules"), "rules");
        for (int i = 0; i < ruleList.size(); i++) {
            rules.add(rule(ruleList.get(i), i + 1));
        }
        return new GroupingRules(masks, rules);
    }

    private static GroupingRule rule(Object node, int position) {
        Map<?, ?> rule = map(node, "rule " + position, RULE_KEYS);
        String name = rule.containsKey("name") ? text(rule.get("name"), "rule " + position + " name") : "#" + position;
        String where = "rule " + name;
        RuleMatch match = rule.containsKey("match") ? match(rule.get("match"), where) : RuleMatch.ANY;
        List<String> fingerprint = new ArrayList<>();
        for (Object value : list(rule.get("fingerprint"), where + " fingerprint")) {
            fingerprint.add(text(value, where + " fingerprint"));
        }
        String title = rule.containsKey("title") ? text(rule.get("title"), where + " title") : null;
        return new GroupingRule(name, match, fingerprint, title, masks(rule.get("masks"), where + " masks"));
    }

    private static RuleMatch match(Object node, String where) {
        Map<?, ?> match = map(node, where + " match", MATCH_KEYS);
        if (match.containsKey("message") && match.containsKey("message-regex")) {
            throw new IllegalArgumentException(where + ": give either message or message-regex");
        }
        MessagePattern message = null;
        try {
            if (match.containsKey("message")) {
                message = MessagePattern.parse(text(match.get("message"), where + " message"));
            } else if (match.containsKey("message-regex")) {
                message = MessagePattern.regex(text(match.get("message-regex"), where + " message-regex"));
            }
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException(where + ": " + e.getMessage(), e);
        }
        return new RuleMatch(glob(match, "service", where), glob(match, "logger", where),
                match.containsKey("level") ? Glob.ignoringCase(text(match.get("level"), where + " level")) : null,
                glob(match, "error.type", where), message,
                glob(match, "stack.module", where), glob(match, "stack.function", where));
    }

    private static Glob glob(Map<?, ?> match, String key, String where) {
        return match.containsKey(key) ? Glob.of(text(match.get(key), where + " " + key)) : null;
    }

    private static List<NamedMask> masks(Object node, String where) {
        List<NamedMask> masks = new ArrayList<>();
        for (Object item : list(node, where)) {
            Map<?, ?> mask = map(item, where, MASK_KEYS);
            String name = text(mask.get("name"), where + " name");
            String regex = text(mask.get("regex"), where + " " + name + " regex");
            try {
                masks.add(new NamedMask(name, Pattern.compile(regex)));
            } catch (PatternSyntaxException e) {
                throw new IllegalArgumentException(where + " " + name + ": invalid regex: " + e.getDescription(), e);
            }
        }
        return masks;
    }

    private static Map<?, ?> map(Object node, String where, Set<String> keys) {
        if (!(node instanceof Map<?, ?> map)) {
            throw new IllegalArgumentException(where + " must be a mapping");
        }
        for (Object key : map.keySet()) {
            if (!keys.contains(String.valueOf(key))) {
                throw new IllegalArgumentException(where + ": unknown key '" + key + "'; known: " + keys);
            }
        }
        return map;
    }

    private static List<?> list(Object node, String where) {
        if (node == null) {
            return List.of();
        }
        if (!(node instanceof List<?> list)) {
            throw new IllegalArgumentException(where + " must be a list");
        }
        return list;
    }

    private static String text(Object node, String where) {
        if (node == null || node instanceof Map || node instanceof List) {
            throw new IllegalArgumentException(where + " must be a text value");
        }
        String text = String.valueOf(node);
        if (text.isBlank()) {
            throw new IllegalArgumentException(where + " must not be empty");
        }
        return text;
    }
}
