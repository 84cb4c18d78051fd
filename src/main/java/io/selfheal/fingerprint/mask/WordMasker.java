package io.selfheal.fingerprint.mask;

import java.util.Set;

/** Masks one whitespace-free word: recognises typed values, keeps {@code key=} / {@code key:} prefixes and punctuation. */
final class WordMasker {
    private static final String LEADING = "([{\"'<";
    private static final String TRAILING = ")]}\"',;:.>";
    private static final Set<String> TOP_LEVEL_DOMAINS = Set.of(
            "com", "net", "org", "edu", "gov", "mil", "io", "co", "uk", "de", "cn", "hk", "jp", "fr", "ru", "us",
            "info", "biz", "local", "internal", "localdomain", "lan");

    private WordMasker() {
    }

    /** Appends the masked form of {@code s[start, end)} to {@code out}; true when a placeholder was written. */
    static boolean mask(String s, int start, int end, StringBuilder out) {
        int a = start;
        int b = end;
        while (a < b && LEADING.indexOf(s.charAt(a)) >= 0) {
            a++;
        }
        while (b > a && TRAILING.indexOf(s.charAt(b - 1)) >= 0) {
            b--;
        }
        out.append(s, start, a);
        boolean masked = maskCore(s, a, b, out);
        out.append(s, b, end);
        return masked;
    }

    private static boolean maskCore(String s, int a, int b, StringBuilder out) {
        boolean special = false;
        for (int i = a; i < b && !special; i++) {
            char c = s.charAt(i);
            special = isDigit(c) || c == '/' || c == '@' || c == '=' || c == ':' || c == '.' || c == '\\';
        }
        if (!special) {
            out.append(s, a, b);
            return false;
        }
        int eq = s.indexOf('=', a);
        if (eq >= a && eq < b && !isUrl(s, a, b)) {
            int valueStart = eq + 1;
            while (valueStart < b && s.charAt(valueStart) == '=') {
                valueStart++;
            }
            out.append(s, a, valueStart);
            return maskValue(s, valueStart, b, out);
        }
        String type = ValueTypes.of(s, a, b);
        if (type != null) {
            out.append(type);
            return true;
        }
        int key = keyEnd(s, a, b);
        if (key > a) {
            out.append(s, a, key);
            return maskCore(s, key, b, out);
        }
        if (hasDigit(s, a, b)) {
            out.append(Placeholders.ANY);
            return true;
        }
        out.append(s, a, b);
        return false;
    }

    private static boolean maskValue(String s, int a, int b, StringBuilder out) {
        if (a >= b) {
            return false;
        }
        char first = s.charAt(a);
        if ((first == '"' || first == '\'') && b - a >= 2 && s.charAt(b - 1) == first) {
            out.append(Placeholders.QUOTED);
            return true;
        }
        if (s.regionMatches(true, a, "true", 0, 4) && b - a == 4 || s.regionMatches(true, a, "false", 0, 5) && b - a == 5) {
            out.append(Placeholders.BOOL);
            return true;
        }
        return maskCore(s, a, b, out);
    }

    /**
     * End of a {@code key:} or {@code key....} prefix (a word of letters, '_' or '-' followed by ':' or a run of dots),
     * or {@code a} when the word has no such prefix.
     */
    private static int keyEnd(String s, int a, int b) {
        int i = a;
        while (i < b && (Character.isLetter(s.charAt(i)) || s.charAt(i) == '_' || s.charAt(i) == '-')) {
            i++;
        }
        if (i == a || i >= b - 1) {
            return a;
        }
        if (s.charAt(i) == ':') {
            return i + 1;
        }
        if (s.charAt(i) == '.' && s.charAt(i + 1) == '.') {
            while (i < b && s.charAt(i) == '.') {
                i++;
            }
            return i;
        }
        return a;
    }

    private static boolean isUrl(String s, int a, int b) {
        int scheme = s.indexOf("://", a);
        return scheme > a && scheme < b;
    }

    static boolean isDigit(char c) {
        return c >= '0' && c <= '9';
    }

    static boolean hasDigit(String s, int a, int b) {
        for (int i = a; i < b; i++) {
            if (isDigit(s.charAt(i))) {
                return true;
            }
        }
        return false;
    }

    static boolean isTopLevelDomain(String s, int a, int b) {
        return b - a >= 2 && b - a <= 11 && TOP_LEVEL_DOMAINS.contains(s.substring(a, b));
    }
}
