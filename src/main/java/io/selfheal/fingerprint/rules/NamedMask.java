package io.selfheal.fingerprint.rules;

import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A Drain3-style named mask: every match of {@code regex} in a message is replaced by {@code <name>} before the
 * message is mined, so values the built-in masker cannot know (order numbers, tenant codes) stop splitting groups.
 */
public record NamedMask(String name, Pattern regex) {

    public NamedMask {
        if (name == null || !name.matches("[A-Za-z][A-Za-z0-9_]*")) {
            throw new IllegalArgumentException("a mask name is a letter followed by letters, digits or '_': " + name);
        }
    }

    public String apply(String message) {
        Matcher matcher = regex.matcher(message);
        return matcher.find() ? matcher.replaceAll(Matcher.quoteReplacement("<" + name + ">")) : message;
    }
}
