package io.selfheal.heal.action;

import com.fasterxml.jackson.core.io.JsonStringEncoder;

import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A JSON body written by an operator with {@code ${name}} placeholders, e.g.
 * {@code {"service":"${service}","breaker":"${service}-db"}}. Values are JSON-string-escaped, so a quote in a log
 * message can never break out of its string; placeholders go inside quotes in the template.
 */
public final class JsonTemplate {
    private static final Pattern PLACEHOLDER = Pattern.compile("\\$\\{([A-Za-z0-9_.\\-]+)}");

    private JsonTemplate() {
    }

    /** @throws IllegalArgumentException when the template names a variable that is not given */
    public static String render(String template, Map<String, String> variables) {
        Matcher m = PLACEHOLDER.matcher(template);
        StringBuilder out = new StringBuilder();
        while (m.find()) {
            String name = m.group(1);
            if (!variables.containsKey(name)) {
                throw new IllegalArgumentException("unknown template variable ${" + name + "}; known: " + variables.keySet());
            }
            String value = variables.get(name) == null ? "" : variables.get(name);
            m.appendReplacement(out, Matcher.quoteReplacement(new String(JsonStringEncoder.getInstance().quoteAsString(value))));
        }
        m.appendTail(out);
        return out.toString();
    }
}
