package io.selfheal.fingerprint.mask;

import static io.selfheal.fingerprint.mask.Chars.allDigits;
import static io.selfheal.fingerprint.mask.Chars.isDigit;
import static io.selfheal.fingerprint.mask.Chars.isHexDigit;

/** Recognises a whole word {@code s[a, b)} as a typed value; each check is a hand-written scanner. */
final class ValueTypes {
    private static final WordSet DURATION_UNITS =
            new WordSet("ns", "us", "ms", "s", "sec", "secs", "m", "min", "mins", "h", "hr", "d");

    private ValueTypes() {
    }

    /** The placeholder for the value, or null when the word is no recognised value. */
    static String of(char[] s, int a, int b) {
        return of(s, a, b, CharCounts.of(s, a, b));
    }

    /**
     * {@link #of(char[], int, int)} for a slice whose {@link CharCounts} are known: they decide which checks can
     * apply, so most words are settled without a second pass.
     */
    static String of(char[] s, int a, int b, long counts) {
        if (a >= b) {
            return null;
        }
        int slashes = CharCounts.get(counts, CharCounts.SLASH);
        int colons = CharCounts.get(counts, CharCounts.COLON);
        int dots = CharCounts.get(counts, CharCounts.DOT);
        boolean at = CharCounts.get(counts, CharCounts.AT) > 0;
        boolean digit = CharCounts.get(counts, CharCounts.DIGIT) > 0;
        char first = s[a];
        if (colons > 0 && slashes >= 2 && hasSchemeSeparator(s, a, b)) {
            return Placeholders.URL;
        }
        if ((first == '/' || first == '\\' || first == '~' || first == '.' || colons > 0) && isPath(s, a, b)) {
            return Placeholders.PATH;
        }
        if (at && dots > 0 && isEmail(s, a, b)) {
            return Placeholders.EMAIL;
        }
        if (!digit) {
            return dots > 0 && isHostname(s, a, b) ? Placeholders.HOSTNAME : null;
        }
        if (b - a == 36 && isUuid(s, a, b)) {
            return Placeholders.UUID;
        }
        if (isDigit(first) && (isDate(s, a, b) || isTime(s, a, b))) {
            return Placeholders.DATE;
        }
        if (dots == 3 && isIpv4(s, a, b) || colons >= 2 && isIpv6(s, a, b)) {
            return Placeholders.IP;
        }
        int numberEnd = numberEnd(s, a, b);
        if (numberEnd == b) {
            return isInteger(s, a, b) ? Placeholders.INT : Placeholders.FLOAT;
        }
        if (numberEnd > a && isDurationUnit(s, numberEnd, b)) {
            return Placeholders.DURATION;
        }
        if (first == '0' && b - a > 2 && (s[a + 1] == 'x' || s[a + 1] == 'X') && isHex(s, a + 2, b)) {
            return Placeholders.HEX;
        }
        if (b - a >= 8 && isHex(s, a, b)) {
            return Placeholders.HEX;
        }
        if (dots > 0 && isHostname(s, a, b)) {
            return Placeholders.HOSTNAME;
        }
        return null;
    }

    /** First index of {@code c} inside {@code s[a, b)}, or {@code b}; never looks beyond the word. */
    private static int indexOf(char[] s, char c, int a, int b) {
        int i = Chars.indexOf(s, c, a, b);
        return i < 0 ? b : i;
    }

    /** Whether {@code s[a, b)} holds {@code c} three times in a row. */
    private static boolean hasTriple(char[] s, char c, int a, int b) {
        for (int i = a; i + 2 < b; i++) {
            if (s[i] == c && s[i + 1] == c && s[i + 2] == c) {
                return true;
            }
        }
        return false;
    }

    /** Whether {@code s[a, b)} holds {@code ://}. */
    private static boolean hasSchemeSeparator(char[] s, int a, int b) {
        for (int i = a; i + 2 < b; i++) {
            if (s[i] == ':' && s[i + 1] == '/' && s[i + 2] == '/') {
                return true;
            }
        }
        return false;
    }

    private static boolean isPath(char[] s, int a, int b) {
        char c = s[a];
        if (c == '/' || c == '\\') {
            return b - a > 1 && (indexOf(s, '/', a + 1, b) < b || indexOf(s, '.', a + 1, b) < b || hasLetterOrDigit(s, a + 1, b));
        }
        if (c == '~' || c == '.') {
            return b - a > 2 && (s[a + 1] == '/' || s[a + 1] == '.' && s[a + 2] == '/');
        }
        return b - a > 3 && Character.isLetter(c) && s[a + 1] == ':' && s[a + 2] == '\\';
    }

    private static boolean hasLetterOrDigit(char[] s, int a, int b) {
        for (int i = a; i < b; i++) {
            if (Character.isLetterOrDigit(s[i])) {
                return true;
            }
        }
        return false;
    }

    private static boolean isEmail(char[] s, int a, int b) {
        int at = indexOf(s, '@', a, b);
        return at > a && at < b && indexOf(s, '.', at + 2, b) < b - 1 && isHostname(s, at + 1, b);
    }

    private static boolean isUuid(char[] s, int a, int b) {
        if (b - a != 36) {
            return false;
        }
        for (int i = 0; i < 36; i++) {
            char c = s[a + i];
            boolean dash = i == 8 || i == 13 || i == 18 || i == 23;
            if (dash ? c != '-' : !isHexDigit(c)) {
                return false;
            }
        }
        return true;
    }

    /** Dotted quad, optionally followed by {@code :port}. */
    private static boolean isIpv4(char[] s, int a, int b) {
        int i = a;
        for (int part = 0; part < 4; part++) {
            int digits = 0;
            while (i < b && isDigit(s[i]) && digits < 4) {
                i++;
                digits++;
            }
            if (digits == 0 || digits > 3) {
                return false;
            }
            if (part < 3) {
                if (i >= b || s[i] != '.') {
                    return false;
                }
                i++;
            }
        }
        return i == b || s[i] == ':' && i + 1 < b && allDigits(s, i + 1, b);
    }

    /**
     * Hex groups separated by colons; {@link #of} calls it only for words whose counts already show two colons and a
     * digit.
     */
    private static boolean isIpv6(char[] s, int a, int b) {
        for (int i = a; i < b; i++) {
            char c = s[i];
            if (c != ':' && !isHexDigit(c)) {
                return false;
            }
        }
        return !hasTriple(s, ':', a, b);
    }

    /** {@code yyyy-mm-dd}, {@code yyyy/mm/dd} or {@code yyyy.mm.dd}, optionally followed by a time part. */
    private static boolean isDate(char[] s, int a, int b) {
        if (b - a < 10 || !allDigits(s, a, a + 4) || !allDigits(s, a + 5, a + 7) || !allDigits(s, a + 8, a + 10)) {
            return false;
        }
        char sep = s[a + 4];
        return (sep == '-' || sep == '/' || sep == '.') && s[a + 7] == sep;
    }

    /** {@code h:mm}, {@code hh:mm:ss}, with optional fraction after '.' or ','. */
    private static boolean isTime(char[] s, int a, int b) {
        int i = a;
        int fields = 0;
        while (true) {
            int digits = 0;
            while (i < b && isDigit(s[i])) {
                i++;
                digits++;
            }
            if (digits == 0 || digits > 2) {
                return false;
            }
            fields++;
            if (i == b) {
                return fields >= 2;
            }
            char c = s[i];
            if (c == ':' && fields < 3) {
                i++;
            } else if ((c == '.' || c == ',') && fields >= 2) {
                return i + 1 < b && allDigits(s, i + 1, b);
            } else {
                return false;
            }
        }
    }

    /** End of a leading decimal number (sign, digits, optional fraction and exponent), or {@code a} if none. */
    private static int numberEnd(char[] s, int a, int b) {
        int i = a;
        if (i < b && (s[i] == '-' || s[i] == '+')) {
            i++;
        }
        int digitsStart = i;
        while (i < b && isDigit(s[i])) {
            i++;
        }
        if (i == digitsStart) {
            return a;
        }
        if (i + 1 < b && s[i] == '.' && isDigit(s[i + 1])) {
            i++;
            while (i < b && isDigit(s[i])) {
                i++;
            }
        }
        if (i + 1 < b && (s[i] == 'e' || s[i] == 'E')) {
            int j = i + 1;
            if (j < b && (s[j] == '-' || s[j] == '+')) {
                j++;
            }
            if (j < b && isDigit(s[j])) {
                i = j;
                while (i < b && isDigit(s[i])) {
                    i++;
                }
            }
        }
        return i;
    }

    private static boolean isInteger(char[] s, int a, int b) {
        for (int i = a; i < b; i++) {
            if (s[i] == '.' || s[i] == 'e' || s[i] == 'E') {
                return false;
            }
        }
        return true;
    }

    private static boolean isDurationUnit(char[] s, int a, int b) {
        return DURATION_UNITS.contains(s, a, b);
    }

    /** Dot-separated labels whose last one is a known top-level domain, optionally followed by {@code :port}. */
    private static boolean isHostname(char[] s, int a, int b) {
        int end = b;
        int colon = indexOf(s, ':', a, b);
        if (colon < b) {
            if (!allDigits(s, colon + 1, b) || colon + 1 == b) {
                return false;
            }
            end = colon;
        }
        int lastDot = end - 1;
        while (lastDot > a && s[lastDot] != '.') {
            lastDot--;
        }
        if (lastDot <= a) {
            return false;
        }
        for (int i = a; i < end; i++) {
            char c = s[i];
            if (!(Character.isLetterOrDigit(c) || c == '-' || c == '.')) {
                return false;
            }
        }
        return WordMasker.isTopLevelDomain(s, lastDot + 1, end);
    }

    private static boolean isHex(char[] s, int a, int b) {
        for (int i = a; i < b; i++) {
            if (!isHexDigit(s[i])) {
                return false;
            }
        }
        return a < b;
    }
}
