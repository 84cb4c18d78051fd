package io.selfheal.fingerprint.mask;

import static io.selfheal.fingerprint.mask.WordMasker.hasDigit;
import static io.selfheal.fingerprint.mask.WordMasker.isDigit;

/** Recognises a whole word {@code s[a, b)} as a typed value; each check is a hand-written scanner. */
final class ValueTypes {
    private static final String[] DURATION_UNITS = {"ns", "us", "ms", "s", "sec", "secs", "m", "min", "mins", "h", "hr", "d"};

    private ValueTypes() {
    }

    /** The placeholder for the value, or null when the word is no recognised value. */
    static String of(String s, int a, int b) {
        if (a >= b) {
            return null;
        }
        // One pre-scan decides which checks can apply, so most words are settled without a second pass.
        int slashes = 0;
        int colons = 0;
        int dots = 0;
        boolean at = false;
        boolean digit = false;
        for (int i = a; i < b; i++) {
            char c = s.charAt(i);
            if (c == '/') {
                slashes++;
            } else if (c == ':') {
                colons++;
            } else if (c == '.') {
                dots++;
            } else if (c == '@') {
                at = true;
            } else if (isDigit(c)) {
                digit = true;
            }
        }
        char first = s.charAt(a);
        if (colons > 0 && slashes >= 2 && indexOf(s, "://", a, b) < b) {
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
        if (first == '0' && b - a > 2 && (s.charAt(a + 1) == 'x' || s.charAt(a + 1) == 'X') && isHex(s, a + 2, b)) {
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

    /** First index of {@code needle} inside {@code s[a, b)}, or {@code b}; never looks beyond the word. */
    private static int indexOf(String s, String needle, int a, int b) {
        int last = b - needle.length();
        char first = needle.charAt(0);
        for (int i = a; i <= last; i++) {
            if (s.charAt(i) == first && s.startsWith(needle, i)) {
                return i;
            }
        }
        return b;
    }

    private static boolean isPath(String s, int a, int b) {
        char c = s.charAt(a);
        if (c == '/' || c == '\\') {
            return b - a > 1 && (indexOf(s, "/", a + 1, b) < b || indexOf(s, ".", a + 1, b) < b || hasLetterOrDigit(s, a + 1, b));
        }
        if (c == '~' || c == '.') {
            return b - a > 2 && (s.charAt(a + 1) == '/' || s.charAt(a + 1) == '.' && s.charAt(a + 2) == '/');
        }
        return b - a > 3 && Character.isLetter(c) && s.charAt(a + 1) == ':' && s.charAt(a + 2) == '\\';
    }

    private static boolean hasLetterOrDigit(String s, int a, int b) {
        for (int i = a; i < b; i++) {
            if (Character.isLetterOrDigit(s.charAt(i))) {
                return true;
            }
        }
        return false;
    }

    private static boolean isEmail(String s, int a, int b) {
        int at = indexOf(s, "@", a, b);
        return at > a && at < b && indexOf(s, ".", at + 2, b) < b - 1 && isHostname(s, at + 1, b);
    }

    private static boolean isUuid(String s, int a, int b) {
        if (b - a != 36) {
            return false;
        }
        for (int i = 0; i < 36; i++) {
            char c = s.charAt(a + i);
            boolean dash = i == 8 || i == 13 || i == 18 || i == 23;
            if (dash ? c != '-' : !isHexDigit(c)) {
                return false;
            }
        }
        return true;
    }

    /** Dotted quad, optionally followed by {@code :port}. */
    private static boolean isIpv4(String s, int a, int b) {
        int i = a;
        for (int part = 0; part < 4; part++) {
            int digits = 0;
            while (i < b && isDigit(s.charAt(i)) && digits < 4) {
                i++;
                digits++;
            }
            if (digits == 0 || digits > 3) {
                return false;
            }
            if (part < 3) {
                if (i >= b || s.charAt(i) != '.') {
                    return false;
                }
                i++;
            }
        }
        return i == b || s.charAt(i) == ':' && i + 1 < b && allDigits(s, i + 1, b);
    }

    /** Hex groups separated by colons, at least two colons and one digit. */
    private static boolean isIpv6(String s, int a, int b) {
        int colons = 0;
        for (int i = a; i < b; i++) {
            char c = s.charAt(i);
            if (c == ':') {
                colons++;
            } else if (!isHexDigit(c)) {
                return false;
            }
        }
        return colons >= 2 && hasDigit(s, a, b) && indexOf(s, ":::", a, b) == b;
    }

    /** {@code yyyy-mm-dd}, {@code yyyy/mm/dd} or {@code yyyy.mm.dd}, optionally followed by a time part. */
    private static boolean isDate(String s, int a, int b) {
        if (b - a < 10 || !allDigits(s, a, a + 4) || !allDigits(s, a + 5, a + 7) || !allDigits(s, a + 8, a + 10)) {
            return false;
        }
        char sep = s.charAt(a + 4);
        return (sep == '-' || sep == '/' || sep == '.') && s.charAt(a + 7) == sep;
    }

    /** {@code h:mm}, {@code hh:mm:ss}, with optional fraction after '.' or ','. */
    private static boolean isTime(String s, int a, int b) {
        int i = a;
        int fields = 0;
        while (true) {
            int digits = 0;
            while (i < b && isDigit(s.charAt(i))) {
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
            char c = s.charAt(i);
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
    private static int numberEnd(String s, int a, int b) {
        int i = a;
        if (i < b && (s.charAt(i) == '-' || s.charAt(i) == '+')) {
            i++;
        }
        int digitsStart = i;
        while (i < b && isDigit(s.charAt(i))) {
            i++;
        }
        if (i == digitsStart) {
            return a;
        }
        if (i + 1 < b && s.charAt(i) == '.' && isDigit(s.charAt(i + 1))) {
            i++;
            while (i < b && isDigit(s.charAt(i))) {
                i++;
            }
        }
        if (i + 1 < b && (s.charAt(i) == 'e' || s.charAt(i) == 'E')) {
            int j = i + 1;
            if (j < b && (s.charAt(j) == '-' || s.charAt(j) == '+')) {
                j++;
            }
            if (j < b && isDigit(s.charAt(j))) {
                i = j;
                while (i < b && isDigit(s.charAt(i))) {
                    i++;
                }
            }
        }
        return i;
    }

    private static boolean isInteger(String s, int a, int b) {
        for (int i = a; i < b; i++) {
            if (s.charAt(i) == '.' || s.charAt(i) == 'e' || s.charAt(i) == 'E') {
                return false;
            }
        }
        return true;
    }

    private static boolean isDurationUnit(String s, int a, int b) {
        for (String unit : DURATION_UNITS) {
            if (b - a == unit.length() && s.regionMatches(a, unit, 0, unit.length())) {
                return true;
            }
        }
        return false;
    }

    /** Dot-separated labels whose last one is a known top-level domain, optionally followed by {@code :port}. */
    private static boolean isHostname(String s, int a, int b) {
        int end = b;
        int colon = indexOf(s, ":", a, b);
        if (colon < b) {
            if (!allDigits(s, colon + 1, b) || colon + 1 == b) {
                return false;
            }
            end = colon;
        }
        int lastDot = end - 1;
        while (lastDot > a && s.charAt(lastDot) != '.') {
            lastDot--;
        }
        if (lastDot <= a) {
            return false;
        }
        for (int i = a; i < end; i++) {
            char c = s.charAt(i);
            if (!(Character.isLetterOrDigit(c) || c == '-' || c == '.')) {
                return false;
            }
        }
        return WordMasker.isTopLevelDomain(s, lastDot + 1, end);
    }

    private static boolean allDigits(String s, int a, int b) {
        if (a >= b || b > s.length()) {
            return false;
        }
        for (int i = a; i < b; i++) {
            if (!isDigit(s.charAt(i))) {
                return false;
            }
        }
        return true;
    }

    private static boolean isHex(String s, int a, int b) {
        for (int i = a; i < b; i++) {
            if (!isHexDigit(s.charAt(i))) {
                return false;
            }
        }
        return a < b;
    }

    private static boolean isHexDigit(char c) {
        return isDigit(c) || c >= 'a' && c <= 'f' || c >= 'A' && c <= 'F';
    }
}
