package io.selfheal.fingerprint.rules;

import java.util.regex.Pattern;
import java.util.regex.PatternSyntaxException;

/**
 * A pattern a user writes to select messages: a glob over the whole message, or a regular expression written between
 * slashes ({@code /timeout after \d+ ms/}) that must be found somewhere in it.
 */
public final class MessagePattern {
    private final String text;
    private final Glob glob;
    private final Pattern regex;

    private MessagePattern(String text, Glob glob, Pattern regex) {
        this.text = text;
        this.glob = glob;
        this.regex = regex;
    }

    /** Parses {@code text}; an invalid regular expression fails with the reason. */
    public static MessagePattern parse(String text) {
        if (text == null || text.isEmpty()) {
            throw new IllegalArgumentException("a message pattern must not be empty");
        }
        if (text.length() >= 2 && text.startsWith("/") && text.endsWith("/")) {
            return regex(text.substring(1, text.length() - 1), text);
        }
        return new MessagePattern(text, Glob.of(text), null);
    }

    /** A regular expression found anywhere in the message. */
    public static MessagePattern regex(String regex) {
        return regex(regex, "/" + regex + "/");
    }

    private static MessagePattern regex(String regex, String text) {
        try {
            return new MessagePattern(text, null, Pattern.compile(regex, Pattern.DOTALL));
        } catch (PatternSyntaxException e) {
            throw new IllegalArgumentException("invalid regular expression " + text + ": " + e.getDescription(), e);
        }
    }

    public boolean matches(String message) {
        if (message == null) {
            return false;
        }
        return glob != null ? glob.matches(message) : regex.matcher(message).find();
    }

    @Override
    public String toString() {
        return text;
    }
}
