package io.selfheal.fingerprint.rules;

import java.util.regex.Pattern;

/**
 * A Sentry-style glob: {@code *} matches any run of characters (dots and slashes included), {@code ?} one character,
 * everything else itself. The whole text must match.
 */
public final class Glob {
    private final String text;
    private final Pattern pattern;

    private Glob(String text, Pattern pattern) {
        this.text = text;
        this.pattern = pattern;
    }

    public static Glob of(String glob) {
        return new Glob(glob, Pattern.compile(toRegex(glob), Pattern.DOTALL));
    }

    /** A glob that ignores case, for values such as levels whose spelling varies. */
    public static Glob ignoringCase(String glob) {
        return new Glob(glob, Pattern.compile(toRegex(glob), Pattern.DOTALL | Pattern.CASE_INSENSITIVE));
    }

    public boolean matches(String value) {
        return value != null && pattern.matcher(value).matches();
    }

    private static String toRegex(String glob) {
        StringBuilder regex = new StringBuilder(glob.length() + 8);
        int literalStart = 0;
        for (int i = 0; i < glob.length(); i++) {
            char c = glob.charAt(i);
            if (c == '*' || c == '?') {
                if (i > literalStart) {
                    regex.append(Pattern.quote(glob.substring(literalStart, i)));
                }
                regex.append(c == '*' ? ".*" : ".");
                literalStart = i + 1;
            }
        }
        if (literalStart < glob.length()) {
            regex.append(Pattern.quote(glob.substring(literalStart)));
        }
        return regex.toString();
    }

    @Override
    public String toString() {
        return text;
    }
}
