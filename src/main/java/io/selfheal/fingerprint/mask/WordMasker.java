package io.selfheal.fingerprint.mask;

/**
 * Masks one whitespace-free word. A word that is a typed value as a whole (ip, date, url, ...) becomes its
 * placeholder; otherwise it is cut at punctuation ({@code , ; | = ( ) [ ] { } " '}, then {@code :} and runs of dots)
 * and each piece is classified, so keys such as {@code uid=} or {@code index:} stay while their values are masked.
 * Values after {@code =} are always variables; so are pieces holding a digit, qualified names and paths.
 */
final class WordMasker {
    private static final String LEADING = "([{\"'<";
    private static final String TRAILING = ")]}\"',;:.>";
    private static final String DELIMITERS = ",;|=()[]{}\"'";
    private static final String VALUE_END = ",;|)]}";
    private static final String[] LITERALS = {"true", "false", "null", "True", "False", "None", "TRUE", "FALSE", "NULL"};
    /** ASCII characters that make a word need more than the plain-word path. */
    private static final boolean[] SPECIAL = asciiSet("0123456789/@:.\\" + DELIMITERS);
    private static final boolean[] DELIMITER = asciiSet(DELIMITERS);
    /** Characters that make a word more than a plain word: the special ones and the brackets {@link #mask} trims. */
    private static final boolean[] NOT_PLAIN = asciiSet("0123456789/@:.\\" + DELIMITERS + "<>");
    private static final boolean[] LEADING_SET = asciiSet(LEADING);
    private static final boolean[] TRAILING_SET = asciiSet(TRAILING);
    private static final boolean[] VALUE_END_SET = asciiSet(VALUE_END);
    /** Compared in place: hostname candidates are frequent and cutting each suffix out to hash it was costly. */
    private static final String[] TOP_LEVEL_DOMAINS = {
        "com", "net", "org", "edu", "gov", "mil", "io", "co", "uk", "de", "cn", "hk", "jp", "fr", "ru", "us",
        "info", "biz", "local", "internal", "localdomain", "lan"};

    private WordMasker() {
    }

    private static boolean[] asciiSet(String chars) {
        boolean[] set = new boolean[128];
        for (int i = 0; i < chars.length(); i++) {
            set[chars.charAt(i)] = true;
        }
        return set;
    }

    private static boolean in(boolean[] set, char c) {
        return c < 128 && set[c];
    }

    /** Whether a word holding {@code c} needs {@link #mask}; words without any such character take {@link #maskPlain}. */
    static boolean needsClassification(char c) {
        return in(NOT_PLAIN, c);
    }

    /**
     * {@link #mask} for a word without a character for which {@link #needsClassification} holds: nothing to trim,
     * nothing to cut, only the literals to recognise.
     */
    static boolean maskPlain(String s, int start, int end, StringBuilder out) {
        if (isLiteral(s, start, end)) {
            out.append(Placeholders.BOOL);
            return true;
        }
        out.append(s, start, end);
        return false;
    }

    /** Appends the masked form of {@code s[start, end)} to {@code out}; true when a placeholder was written. */
    static boolean mask(String s, int start, int end, StringBuilder out) {
        int a = start;
        int b = end;
        while (a < b && in(LEADING_SET, s.charAt(a))) {
            a++;
        }
        while (b > a && in(TRAILING_SET, s.charAt(b - 1)) && !closesQuotedValue(s, a, b - 1)) {
            b--;
        }
        out.append(s, start, a);
        boolean masked = maskCore(s, a, b, out);
        out.append(s, b, end);
        return masked;
    }

    /** Whether {@code s[at]} is the closing quote of a {@code key="value"} that starts inside {@code s[a, at)}. */
    private static boolean closesQuotedValue(String s, int a, int at) {
        char c = s.charAt(at);
        if (c != '"' && c != '\'') {
            return false;
        }
        int open = s.indexOf(c, a);
        return open > a && open < at && s.charAt(open - 1) == '=';
    }

    private static boolean maskCore(String s, int a, int b, StringBuilder out) {
        boolean special = false;
        for (int i = a; i < b && !special; i++) {
            special = in(SPECIAL, s.charAt(i));
        }
        if (!special) {
            if (isLiteral(s, a, b)) {
                out.append(Placeholders.BOOL);
                return true;
            }
            out.append(s, a, b);
            return false;
        }
        String type = ValueTypes.of(s, a, b);
        if (type != null) {
            out.append(type);
            return true;
        }
        return maskSegments(s, a, b, out);
    }

    /** Cuts at {@link #DELIMITERS}; the piece after {@code =} is a value up to {@link #VALUE_END}. */
    private static boolean maskSegments(String s, int a, int b, StringBuilder out) {
        boolean masked = false;
        int i = a;
        while (i < b) {
            char c = s.charAt(i);
            if (c == '=') {
                while (i < b && s.charAt(i) == '=') {
                    out.append('=');
                    i++;
                }
                int valueEnd = valueEnd(s, i, b);
                if (valueEnd > i) {
                    masked |= maskValue(s, i, valueEnd, out);
                }
                i = valueEnd;
            } else if (in(DELIMITER, c)) {
                out.append(c);
                i++;
            } else {
                int j = i;
                while (j < b && !in(DELIMITER, s.charAt(j))) {
                    j++;
                }
                String type = ValueTypes.of(s, i, j);
                if (type != null) {
                    out.append(type);
                    masked = true;
                } else {
                    masked |= maskKeyedPieces(s, i, j, out);
                }
                i = j;
            }
        }
        return masked;
    }

    private static int valueEnd(String s, int a, int b) {
        if (a < b && (s.charAt(a) == '"' || s.charAt(a) == '\'')) {
            int close = s.indexOf(s.charAt(a), a + 1);
            return close > 0 && close < b ? close + 1 : b;
        }
        int i = a;
        while (i < b && !in(VALUE_END_SET, s.charAt(i))) {
            i++;
        }
        return i;
    }

    private static boolean maskValue(String s, int a, int b, StringBuilder out) {
        char first = s.charAt(a);
        if ((first == '"' || first == '\'') && b - a >= 2 && s.charAt(b - 1) == first) {
            out.append(Placeholders.QUOTED);
            return true;
        }
        String type = ValueTypes.of(s, a, b);
        out.append(type != null ? type : isLiteral(s, a, b) ? Placeholders.BOOL : Placeholders.ANY);
        return true;
    }

    /** Cuts at ':' and at runs of two or more dots, keeping them, and classifies each piece. */
    private static boolean maskKeyedPieces(String s, int a, int b, StringBuilder out) {
        boolean masked = false;
        int i = a;
        int pieceStart = a;
        while (i <= b) {
            boolean colon = i < b && s.charAt(i) == ':';
            boolean dots = i + 1 < b && s.charAt(i) == '.' && s.charAt(i + 1) == '.';
            if (i == b || colon || dots) {
                masked |= maskPiece(s, pieceStart, i, pieceStart > a, out);
                if (i == b) {
                    break;
                }
                int sepEnd = i + 1;
                while (dots && sepEnd < b && s.charAt(sepEnd) == '.') {
                    sepEnd++;
                }
                out.append(s, i, sepEnd);
                i = sepEnd;
                pieceStart = i;
            } else {
                i++;
            }
        }
        return masked;
    }

    private static boolean maskPiece(String s, int a, int b, boolean afterSeparator, StringBuilder out) {
        if (a >= b) {
            return false;
        }
        String type = afterSeparator ? ValueTypes.of(s, a, b) : null;
        if (type != null) {
            out.append(type);
            return true;
        }
        if (isLiteral(s, a, b)) {
            out.append(Placeholders.BOOL);
            return true;
        }
        if (hasDigit(s, a, b) || isQualifiedName(s, a, b) || isRelativePath(s, a, b)) {
            out.append(Placeholders.ANY);
            return true;
        }
        out.append(s, a, b);
        return false;
    }

    /** {@code true}, {@code false}, {@code null} and their spellings: values even without a key. */
    private static boolean isLiteral(String s, int a, int b) {
        int length = b - a;
        if (length < 4 || length > 5) {
            return false;
        }
        for (String literal : LITERALS) {
            if (literal.length() == length && s.startsWith(literal, a)) {
                return true;
            }
        }
        return false;
    }

    /** Names like {@code android.intent.action.MAIN}: three or more dot-separated parts, letters around every dot. */
    private static boolean isQualifiedName(String s, int a, int b) {
        int dots = 0;
        for (int i = a + 1; i < b - 1; i++) {
            if (s.charAt(i) == '.') {
                if (!Character.isLetterOrDigit(s.charAt(i - 1)) || !Character.isLetterOrDigit(s.charAt(i + 1))) {
                    return false;
                }
                dots++;
            }
        }
        return dots >= 2;
    }

    /** {@code a/b/c} or {@code pkg.name/.Activity}: a slash inside the word together with another slash or a dot. */
    private static boolean isRelativePath(String s, int a, int b) {
        int slashes = 0;
        boolean dot = false;
        for (int i = a + 1; i < b; i++) {
            char c = s.charAt(i);
            slashes += c == '/' ? 1 : 0;
            dot |= c == '.';
        }
        return slashes >= 2 || slashes == 1 && dot;
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
        int length = b - a;
        if (length < 2 || length > 11) {
            return false;
        }
        for (String domain : TOP_LEVEL_DOMAINS) {
            if (domain.length() == length && s.startsWith(domain, a)) {
                return true;
            }
        }
        return false;
    }
}
