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
    private static final String VALUE_END = ",;|)]}";
    private static final WordSet LITERALS =
            new WordSet("true", "false", "null", "True", "False", "None", "TRUE", "FALSE", "NULL");
    private static final boolean[] DELIMITER = asciiSet(CharCounts.DELIMITERS);
    /**
     * Characters that make a word more than a plain word: those {@link CharCounts} counts and the brackets
     * {@link #mask} trims.
     */
    private static final boolean[] NOT_PLAIN = asciiSet("0123456789/@:.\\" + CharCounts.DELIMITERS + "<>");
    private static final boolean[] LEADING_SET = asciiSet(LEADING);
    private static final boolean[] TRAILING_SET = asciiSet(TRAILING);
    private static final boolean[] VALUE_END_SET = asciiSet(VALUE_END);
    /** Compared in place: hostname candidates are frequent and cutting each suffix out to hash it was costly. */
    private static final WordSet TOP_LEVEL_DOMAINS = new WordSet(
        "com", "net", "org", "edu", "gov", "mil", "io", "co", "uk", "de", "cn", "hk", "jp", "fr", "ru", "us",
        "info", "biz", "local", "internal", "localdomain", "lan");

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
    static boolean maskPlain(char[] s, int start, int end, MaskBuffer out) {
        if (isLiteral(s, start, end)) {
            out.append(Placeholders.BOOL);
            return true;
        }
        out.append(s, start, end);
        return false;
    }

    /** Appends the masked form of {@code s[start, end)} to {@code out}; true when a placeholder was written. */
    static boolean mask(char[] s, int start, int end, MaskBuffer out) {
        int a = start;
        int b = end;
        while (a < b && in(LEADING_SET, s[a])) {
            a++;
        }
        while (b > a && in(TRAILING_SET, s[b - 1]) && !closesQuotedValue(s, a, b - 1)) {
            b--;
        }
        out.append(s, start, a);
        boolean masked = maskCore(s, a, b, out);
        out.append(s, b, end);
        return masked;
    }

    /** Whether {@code s[at]} is the closing quote of a {@code key="value"} that starts inside {@code s[a, at)}. */
    private static boolean closesQuotedValue(char[] s, int a, int at) {
        char c = s[at];
        if (c != '"' && c != '\'') {
            return false;
        }
        int open = Chars.indexOf(s, c, a, at);
        return open > a && s[open - 1] == '=';
    }

    private static boolean maskCore(char[] s, int a, int b, MaskBuffer out) {
        // Every character CharCounts counts is special: a word with none is a plain word.
        long counts = CharCounts.of(s, a, b);
        if (counts == 0) {
            if (isLiteral(s, a, b)) {
                out.append(Placeholders.BOOL);
                return true;
            }
            out.append(s, a, b);
            return false;
        }
        String type = ValueTypes.of(s, a, b, counts);
        if (type != null) {
            out.append(type);
            return true;
        }
        return CharCounts.get(counts, CharCounts.DELIMITER) == 0
                ? maskKeyedPieces(s, a, b, counts, out) : maskSegments(s, a, b, out);
    }

    /** Cuts at {@link CharCounts#DELIMITERS}; the piece after {@code =} is a value up to {@link #VALUE_END}. */
    private static boolean maskSegments(char[] s, int a, int b, MaskBuffer out) {
        boolean masked = false;
        int i = a;
        while (i < b) {
            char c = s[i];
            if (c == '=') {
                while (i < b && s[i] == '=') {
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
                while (j < b && !in(DELIMITER, s[j])) {
                    j++;
                }
                long counts = CharCounts.of(s, i, j);
                String type = ValueTypes.of(s, i, j, counts);
                if (type != null) {
                    out.append(type);
                    masked = true;
                } else {
                    masked |= maskKeyedPieces(s, i, j, counts, out);
                }
                i = j;
            }
        }
        return masked;
    }

    private static int valueEnd(char[] s, int a, int b) {
        if (a < b && (s[a] == '"' || s[a] == '\'')) {
            int close = Chars.indexOf(s, s[a], a + 1, b);
            return close > 0 ? close + 1 : b;
        }
        int i = a;
        while (i < b && !in(VALUE_END_SET, s[i])) {
            i++;
        }
        return i;
    }

    private static boolean maskValue(char[] s, int a, int b, MaskBuffer out) {
        char first = s[a];
        if ((first == '"' || first == '\'') && b - a >= 2 && s[b - 1] == first) {
            out.append(Placeholders.QUOTED);
            return true;
        }
        String type = ValueTypes.of(s, a, b);
        out.append(type != null ? type : isLiteral(s, a, b) ? Placeholders.BOOL : Placeholders.ANY);
        return true;
    }

    /** Cuts at ':' and at runs of two or more dots, keeping them, and classifies each piece. */
    private static boolean maskKeyedPieces(char[] s, int a, int b, long counts, MaskBuffer out) {
        if (CharCounts.get(counts, CharCounts.COLON) == 0 && CharCounts.get(counts, CharCounts.DOT) < 2) {
            return maskPiece(s, a, b, false, counts, out); // nothing to cut at
        }
        boolean masked = false;
        int i = a;
        int pieceStart = a;
        while (i <= b) {
            boolean colon = i < b && s[i] == ':';
            boolean dots = i + 1 < b && s[i] == '.' && s[i + 1] == '.';
            if (i == b || colon || dots) {
                masked |= maskPiece(s, pieceStart, i, pieceStart > a, CharCounts.of(s, pieceStart, i), out);
                if (i == b) {
                    break;
                }
                int sepEnd = i + 1;
                while (dots && sepEnd < b && s[sepEnd] == '.') {
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

    private static boolean maskPiece(char[] s, int a, int b, boolean afterSeparator, long counts, MaskBuffer out) {
        if (a >= b) {
            return false;
        }
        String type = afterSeparator ? ValueTypes.of(s, a, b, counts) : null;
        if (type != null) {
            out.append(type);
            return true;
        }
        if (isLiteral(s, a, b)) {
            out.append(Placeholders.BOOL);
            return true;
        }
        int digits = CharCounts.get(counts, CharCounts.DIGIT);
        if (digits > 0 && !(digits == 1 && IndexedName.is(s, a, b))
                || CharCounts.get(counts, CharCounts.DOT) >= 2 && isQualifiedName(s, a, b)
                || isRelativePath(counts - CharCounts.of(s[a]))) {
            out.append(Placeholders.ANY);
            return true;
        }
        out.append(s, a, b);
        return false;
    }

    /** {@code true}, {@code false}, {@code null} and their spellings: values even without a key. */
    private static boolean isLiteral(char[] s, int a, int b) {
        int length = b - a;
        return length >= 4 && length <= 5 && LITERALS.contains(s, a, b);
    }

    /** Names like {@code android.intent.action.MAIN}: three or more dot-separated parts, letters around every dot. */
    private static boolean isQualifiedName(char[] s, int a, int b) {
        int dots = 0;
        for (int i = a + 1; i < b - 1; i++) {
            if (s[i] == '.') {
                if (!Character.isLetterOrDigit(s[i - 1]) || !Character.isLetterOrDigit(s[i + 1])) {
                    return false;
                }
                dots++;
            }
        }
        return dots >= 2;
    }

    /**
     * {@code a/b/c} or {@code pkg.name/.Activity}: a slash inside the word together with another slash or a dot;
     * {@code inside} are the word's counts without its first character.
     */
    private static boolean isRelativePath(long inside) {
        int slashes = CharCounts.get(inside, CharCounts.SLASH);
        return slashes >= 2 || slashes == 1 && CharCounts.get(inside, CharCounts.DOT) > 0;
    }

    static boolean isTopLevelDomain(char[] s, int a, int b) {
        return TOP_LEVEL_DOMAINS.contains(s, a, b);
    }
}
