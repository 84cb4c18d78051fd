package io.selfheal.llm;

import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A prompt text with {@code {{name}}} placeholders. Values are inserted in one pass, so a value that itself contains
 * {@code {{...}}} is never expanded.
 */
record PromptTemplate(String name, String text) {
    private static final Pattern PLACEHOLDER = Pattern.compile("\\{\\{([a-z_]+)}}");

    /** Fails when the template uses a placeholder outside {@code known}: a typo in an edited file shows at start-up. */
    PromptTemplate checkedAgainst(Set<String> known) {
        Matcher m = PLACEHOLDER.matcher(text);
        while (m.find()) {
            if (!known.contains(m.group(1))) {
                throw new IllegalArgumentException("Prompt template " + name + " uses unknown placeholder {{"
                        + m.group(1) + "}}; known: " + known);
            }
        }
        return this;
    }

    String render(Map<String, String> values) {
        Matcher m = PLACEHOLDER.matcher(text);
        StringBuilder out = new StringBuilder(text.length() + 1024);
        while (m.find()) {
            String value = values.get(m.group(1));
            if (value == null) {
                throw new IllegalArgumentException("No value for {{" + m.group(1) + "}} in prompt template " + name);
            }
            m.appendReplacement(out, Matcher.quoteReplacement(value));
        }
        m.appendTail(out);
        return out.toString();
    }
}
