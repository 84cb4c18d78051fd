package io.selfheal.llm;

import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The redaction of one prompt: the same value always becomes the same placeholder ({@code <SECRET_1>},
 * {@code <EMAIL_2>}), across all texts passed to {@link #apply}, so the model can still see that two lines mention the
 * same account. The mapping lives only in this object and is never stored or sent: placeholders are never reversed.
 */
public final class Redaction {
    private static final Pattern PLACEHOLDER = Pattern.compile("<[A-Z]+_\\d+>");

    private final List<RedactionRule> rules;
    private final Map<String, String> placeholders = new HashMap<>();
    private final Map<String, Integer> nextIndex = new HashMap<>();
    private final Map<String, Integer> counts = new TreeMap<>();

    Redaction(List<RedactionRule> rules) {
        this.rules = rules;
    }

    /** The text with every secret and personal datum replaced by its placeholder. */
    public String apply(String text) {
        if (text == null || text.isEmpty()) {
            return text;
        }
        String result = text;
        for (RedactionRule rule : rules) {
            if (rule.hint() == null || result.contains(rule.hint())) {
                result = applyRule(rule, result);
            }
        }
        return result;
    }

    /** How many values were replaced, per kind (e.g. {@code email=3}). */
    public Map<String, Integer> counts() {
        return Map.copyOf(counts);
    }

    public int total() {
        return counts.values().stream().mapToInt(Integer::intValue).sum();
    }

    private String applyRule(RedactionRule rule, String text) {
        Matcher m = rule.pattern().matcher(text);
        StringBuilder out = null;
        int copied = 0;
        int from = 0;
        while (from < text.length() && m.find(from)) {
            int group = chosenGroup(rule, m);
            if (group < 0 || !rule.context().test(m) || PLACEHOLDER.matcher(m.group(group)).matches()
                    || !rule.accept().test(m.group(group))) {
                // A rejected match must not hide a real one that starts inside it (jdbc:…?user=app).
                from = m.start() + 1;
                continue;
            }
            String value = m.group(group);
            if (out == null) {
                out = new StringBuilder(text.length());
            }
            out.append(text, copied, m.start(group)).append(placeholder(rule, value));
            copied = m.end(group);
            counts.merge(rule.kind(), 1, Integer::sum);
            from = Math.max(m.end(), m.start() + 1);
        }
        if (out == null) {
            return text;
        }
        return out.append(text, copied, text.length()).toString();
    }

    private static int chosenGroup(RedactionRule rule, Matcher m) {
        if (rule.groups().length == 0) {
            return 0;
        }
        for (int group : rule.groups()) {
            if (m.group(group) != null && !m.group(group).isEmpty()) {
                return group;
            }
        }
        return -1;
    }

    private String placeholder(RedactionRule rule, String value) {
        return placeholders.computeIfAbsent(rule.label() + '\0' + value,
                key -> "<" + rule.label() + "_" + nextIndex.merge(rule.label(), 1, Integer::sum) + ">");
    }
}
