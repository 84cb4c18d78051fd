package io.selfheal.fingerprint.mask;

import java.util.ArrayList;
import java.util.List;

/**
 * A small fixed set of ASCII words, tested against a slice of a message in place. Words are filed by their first
 * character, so most tests end after one array read: the masker tests nearly every word against several such sets.
 */
final class WordSet {
    private final char[][][] byInitial = new char[128][][];

    WordSet(String... words) {
        List<List<char[]>> lists = new ArrayList<>();
        for (int i = 0; i < 128; i++) {
            lists.add(new ArrayList<>());
        }
        for (String word : words) {
            lists.get(word.charAt(0)).add(word.toCharArray());
        }
        for (int i = 0; i < 128; i++) {
            byInitial[i] = lists.get(i).toArray(char[][]::new);
        }
    }

    /** Whether {@code s[a, b)} is one of the words. */
    boolean contains(char[] s, int a, int b) {
        if (a >= b || s[a] >= 128) {
            return false;
        }
        int length = b - a;
        for (char[] word : byInitial[s[a]]) {
            if (word.length == length && sameChars(s, a, word)) {
                return true;
            }
        }
        return false;
    }

    private static boolean sameChars(char[] s, int a, char[] word) {
        for (int i = 1; i < word.length; i++) {
            if (s[a + i] != word[i]) {
                return false;
            }
        }
        return true;
    }
}
