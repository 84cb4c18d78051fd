package io.selfheal.fingerprint.mask;

/**
 * Character checks over a message held in a {@code char[]}: the masker copies each message into an array once,
 * because scanning an array is several times faster than {@link String#charAt}, which re-checks bounds and the
 * string's coder on every call.
 */
final class Chars {
    private Chars() {
    }

    static boolean isDigit(char c) {
        return c >= '0' && c <= '9';
    }

    static boolean isHexDigit(char c) {
        return isDigit(c) || c >= 'a' && c <= 'f' || c >= 'A' && c <= 'F';
    }

    /** {@link Character#isWhitespace}, answered without its table lookup for ASCII, nearly every character seen. */
    static boolean isWhitespace(char c) {
        if (c > ' ') {
            return c >= 128 && Character.isWhitespace(c);
        }
        return c == ' ' || c >= '\t' && c <= '\r' || c >= '\u001C';
    }

    /** Whether {@code s[a, b)} is non-empty and all digits. */
    static boolean allDigits(char[] s, int a, int b) {
        if (a >= b) {
            return false;
        }
        for (int i = a; i < b; i++) {
            if (!isDigit(s[i])) {
                return false;
            }
        }
        return true;
    }

    /** First index of {@code c} in {@code s[from, to)}, or -1. */
    static int indexOf(char[] s, char c, int from, int to) {
        for (int i = from; i < to; i++) {
            if (s[i] == c) {
                return i;
            }
        }
        return -1;
    }

}
