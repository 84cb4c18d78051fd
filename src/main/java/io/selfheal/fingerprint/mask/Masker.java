package io.selfheal.fingerprint.mask;

import java.util.ArrayList;
import java.util.BitSet;
import java.util.List;

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
        StringBuilder out = new StringBuilder(message.length());
        scan(message, out, null, null, null);
        return out.toString();
    }

    /** Writes the masked text of {@code message} into {@code out}, which must be empty: for a reused buffer. */
    public static void mask(String message, StringBuilder out) {
        scan(message, out, null, null, null);
    }

    /** The masked words of {@code message} and the original words they came from. */
    public static MaskedMessage tokenize(String message) {
        StringBuilder out = new StringBuilder(message.length());
        List<String> tokens = new ArrayList<>();
        List<String> words = new ArrayList<>();
        BitSet variables = new BitSet();
        scan(message, out, tokens, words, variables);
        boolean[] variable = new boolean[tokens.size()];
        for (int i = 0; i < variable.length; i++) {
            variable[i] = variables.get(i);
        }
        return new MaskedMessage(out.toString(), tokens.toArray(String[]::new), words.toArray(String[]::new), variable);
    }

    private static void scan(String message, StringBuilder out, List<String> tokens, List<String> words,
                             BitSet variables) {
        int n = message.length();
        int i = 0;
        while (i < n) {
            while (i < n && isWhitespace(message.charAt(i))) {
                i++;
            }
            if (i >= n) {
                break;
            }
            // Finding the word's end also tells whether it is a plain word, which then needs no classification.
            int end = i;
            boolean plain = true;
            while (end < n) {
                char c = message.charAt(end);
                if (isWhitespace(c)) {
                    break;
                }
                if (WordMasker.needsClassification(c)) {
                    plain = false;
                    end = wordEnd(message, end);
                    break;
                }
                end++;
            }
            if (out.length() > 0) {
                out.append(' ');
            }
            int tokenStart = out.length();
            boolean masked;
            if (CalendarNames.contains(message, i, end) && startsDate(message, end)) {
                out.append(Placeholders.DATE);
                masked = true;
            } else {
                masked = plain ? WordMasker.maskPlain(message, i, end, out) : WordMasker.mask(message, i, end, out);
            }
            if (tokens != null) {
                variables.set(tokens.size(), masked);
                tokens.add(out.substring(tokenStart));
                words.add(message.substring(i, end));
            }
            i = end;
        }
    }

    /** {@link Character#isWhitespace} without its table lookup for the printable ASCII characters, which are not. */
    private static boolean isWhitespace(char c) {
        return (c <= ' ' || c >= 128) && Character.isWhitespace(c);
    }

    /** Whether the word after {@code from} continues a date: starts with a digit or is a month or weekday name. */
    private static boolean startsDate(String s, int from) {
        int start = from;
        while (start < s.length() && isWhitespace(s.charAt(start))) {
            start++;
        }
        if (start == from || start >= s.length()) {
            return false;
        }
        return WordMasker.isDigit(s.charAt(start)) || CalendarNames.contains(s, start, wordEnd(s, start));
    }

    /** End of the word starting at {@code start}; a quoted value after {@code =} extends to its closing quote. */
    private static int wordEnd(String s, int start) {
        int n = s.length();
        int i = start;
        while (i < n && !isWhitespace(s.charAt(i))) {
            char c = s.charAt(i);
            if (c == '=' && i + 1 < n && (s.charAt(i + 1) == '"' || s.charAt(i + 1) == '\'')) {
                int close = s.indexOf(s.charAt(i + 1), i + 2);
                if (close > 0) {
                    i = close;
                }
            }
            i++;
        }
        return i;
    }
}
