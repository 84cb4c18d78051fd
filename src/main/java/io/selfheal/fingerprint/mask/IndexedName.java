package io.selfheal.fingerprint.mask;

import java.util.Collection;

/**
 * A name with a one-digit index: {@code eth0}, {@code IPV6}, {@code SOCKS5}, {@code test1}; two or more letters, then
 * one digit. Unlike other words holding a digit, which are nearly always identifiers, such names come as often from a
 * small fixed set (interfaces, protocols, versions) that tells events apart as from a variable (a user {@code test1}).
 * So the masker keeps them as words and the miner decides from the data, as for any word, whether they vary.
 */
public final class IndexedName {
    private IndexedName() {
    }

    /** Whether {@code s[a, b)} is such a name. */
    static boolean is(char[] s, int a, int b) {
        if (b - a < 3 || !Chars.isDigit(s[b - 1])) {
            return false;
        }
        for (int i = a; i < b - 1; i++) {
            if (!isAsciiLetter(s[i])) {
                return false;
            }
        }
        return true;
    }

    /** Whether {@code word} is such a name; most words end without a digit and are settled before any copy. */
    public static boolean is(String word) {
        int n = word.length();
        return n >= 3 && Chars.isDigit(word.charAt(n - 1)) && is(word.toCharArray(), 0, n);
    }

    /**
     * Whether the words are two or more such names of one stem, differing in their index only ({@code eth0},
     * {@code eth1}): then the index is a number that varies. Names of different stems ({@code en0}, {@code awdl0})
     * are different names.
     */
    public static boolean oneStem(Collection<String> words) {
        if (words.size() < 2) {
            return false;
        }
        String stem = null;
        for (String word : words) {
            if (!is(word)) {
                return false;
            }
            if (stem == null) {
                stem = word.substring(0, word.length() - 1);
            } else if (word.length() != stem.length() + 1 || !word.startsWith(stem)) {
                return false;
            }
        }
        return true;
    }

    private static boolean isAsciiLetter(char c) {
        return c >= 'a' && c <= 'z' || c >= 'A' && c <= 'Z';
    }
}
