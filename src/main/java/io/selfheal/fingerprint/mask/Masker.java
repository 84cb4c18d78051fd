package io.selfheal.fingerprint.mask;

import java.util.ArrayList;
import java.util.BitSet;
import java.util.List;

import static io.selfheal.fingerprint.mask.Chars.isWhitespace;

/**
 * Replaces the variable parts of a log message with typed placeholders, Sentry style ({@code <int>}, {@code <ip>},
 * {@code <uuid>}, ...), in one pass over the message and without regular expressions: the message is cut into
 * whitespace-separated words and each word is classified by hand-written checks. A word that holds a digit but no
 * recognisable type becomes {@code <*>}, because in logs such words are nearly always identifiers. Words are joined
 * with single spaces, so the masked text doubles as a key for messages of an already-seen template. Month and weekday
 * names followed by a number or another such name are dates.
 */
public final class Masker {
    private Masker() {
    }

    /** The masked text of {@code message}: masked words separated by single spaces. */
    public static String mask(String message) {
        MaskBuffer buffer = new MaskBuffer();
        mask(message, buffer);
        return buffer.toString();
    }

    /** Masks {@code message} into {@code buffer}, replacing what it held: for a buffer reused across messages. */
    public static void mask(String message, MaskBuffer buffer) {
        buffer.load(message);
        scan(buffer.input, buffer.inputLength, buffer, null, null, null);
    }

    /**
     * Masks the ASCII bytes {@code ascii[from, to)} (every byte below 128) into {@code buffer}: the same as masking
     * them as a String, without making one.
     */
    public static void mask(byte[] ascii, int from, int to, MaskBuffer buffer) {
        buffer.load(ascii, from, to);
        scan(buffer.input, buffer.inputLength, buffer, null, null, null);
    }

    /** The masked words of {@code message} and the original words they came from. */
    public static MaskedMessage tokenize(String message) {
        MaskBuffer buffer = new MaskBuffer();
        buffer.load(message);
        List<String> tokens = new ArrayList<>();
        List<String> words = new ArrayList<>();
        BitSet variables = new BitSet();
        scan(buffer.input, buffer.inputLength, buffer, tokens, words, variables);
        boolean[] variable = new boolean[tokens.size()];
        for (int i = 0; i < variable.length; i++) {
            variable[i] = variables.get(i);
        }
        return new MaskedMessage(buffer.toString(), tokens.toArray(String[]::new), words.toArray(String[]::new),
                variable);
    }

    private static void scan(char[] s, int n, MaskBuffer out, List<String> tokens, List<String> words,
                             BitSet variables) {
        int i = 0;
        while (i < n) {
            while (i < n && isWhitespace(s[i])) {
                i++;
            }
            if (i >= n) {
                break;
            }
            // Finding the word's end also tells whether it is a plain word, which then needs no classification.
            int end = i;
            boolean plain = true;
            while (end < n) {
                char c = s[end];
                if (isWhitespace(c)) {
                    break;
                }
                if (WordMasker.needsClassification(c)) {
                    plain = false;
                    end = wordEnd(s, n, end);
                    break;
                }
                end++;
            }
            if (out.length() > 0) {
                out.append(' ');
            }
            int tokenStart = out.length();
            boolean masked;
            if (CalendarNames.contains(s, i, end) && startsDate(s, n, end)) {
                out.append(Placeholders.DATE);
                masked = true;
            } else {
                masked = plain ? WordMasker.maskPlain(s, i, end, out) : WordMasker.mask(s, i, end, out);
            }
            if (tokens != null) {
                variables.set(tokens.size(), masked);
                tokens.add(out.substring(tokenStart));
                words.add(new String(s, i, end - i));
            }
            i = end;
        }
    }

    /** Whether the word after {@code from} continues a date: starts with a digit or is a month or weekday name. */
    private static boolean startsDate(char[] s, int n, int from) {
        int start = from;
        while (start < n && isWhitespace(s[start])) {
            start++;
        }
        if (start == from || start >= n) {
            return false;
        }
        return Chars.isDigit(s[start]) || CalendarNames.contains(s, start, wordEnd(s, n, start));
    }

    /** End of the word starting at {@code start}; a quoted value after {@code =} extends to its closing quote. */
    private static int wordEnd(char[] s, int n, int start) {
        int i = start;
        while (i < n && !isWhitespace(s[i])) {
            char c = s[i];
            if (c == '=' && i + 1 < n && (s[i + 1] == '"' || s[i + 1] == '\'')) {
                int close = Chars.indexOf(s, s[i + 1], i + 2, n);
                if (close > 0) {
                    i = close;
                }
            }
            i++;
        }
        return i;
    }
}
