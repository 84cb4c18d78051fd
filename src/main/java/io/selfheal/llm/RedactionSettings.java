package io.selfheal.llm;

import java.util.Arrays;
import java.util.List;
import java.util.regex.Pattern;
import java.util.regex.PatternSyntaxException;

/**
 * What the redactor removes beyond its built-in secret and personal-data rules.
 *
 * @param ipAddresses   also replace IPv4 addresses (off by default: they are rarely personal in server logs and
 *                      often the clue)
 * @param extraPatterns user regular expressions; each match becomes {@code <CUSTOM_n>}
 */
public record RedactionSettings(boolean ipAddresses, List<Pattern> extraPatterns) {

    /** Separator of {@code selfheal.llm.redact.extra-patterns}: regular expressions often contain commas. */
    public static final String PATTERN_SEPARATOR = ";;";

    public RedactionSettings {
        extraPatterns = List.copyOf(extraPatterns);
    }

    public static RedactionSettings defaults() {
        return new RedactionSettings(false, List.of());
    }

    static List<Pattern> splitPatterns(String text) {
        if (text == null) {
            return List.of();
        }
        return Arrays.stream(text.split(Pattern.quote(PATTERN_SEPARATOR)))
                .map(String::trim).filter(s -> !s.isEmpty())
                .map(RedactionSettings::compile).toList();
    }

    private static Pattern compile(String regex) {
        try {
            return Pattern.compile(regex);
        } catch (PatternSyntaxException e) {
            throw new IllegalArgumentException("selfheal.llm.redact.extra-patterns: invalid regular expression '"
                    + regex + "': " + e.getDescription(), e);
        }
    }
}
