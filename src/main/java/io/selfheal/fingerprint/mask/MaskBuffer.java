package io.selfheal.fingerprint.mask;

import java.util.Arrays;

/**
 * Reusable working memory of the {@link Masker}: the message being masked, copied into an array, and the masked text
 * written so far. A miner keeps one per service and looks the masked text up without turning it into a String, since
 * most messages are of known templates and need nothing more. Not thread-safe.
 */
public final class MaskBuffer {
    /** Longest array kept between messages; one huge message must not pin its size for good. */
    private static final int MAX_RETAINED = 64 * 1024;
    private static final int INITIAL = 256;

    char[] input = new char[INITIAL];
    int inputLength;
    private char[] chars = new char[INITIAL];
    private int length;

    /** Takes {@code message} as the input and empties the output. */
    void load(String message) {
        int n = message.length();
        if (input.length < n || input.length > MAX_RETAINED && n <= INITIAL) {
            input = new char[Math.max(n, INITIAL)];
        }
        if (chars.length > MAX_RETAINED && n <= INITIAL) {
            chars = new char[INITIAL];
        }
        message.getChars(0, n, input, 0);
        inputLength = n;
        length = 0;
    }

    void append(char c) {
        ensure(1);
        chars[length++] = c;
    }

    void append(char[] source, int from, int to) {
        int n = to - from;
        ensure(n);
        System.arraycopy(source, from, chars, length, n);
        length += n;
    }

    void append(String text) {
        int n = text.length();
        ensure(n);
        text.getChars(0, n, chars, length);
        length += n;
    }

    private void ensure(int more) {
        if (length + more > chars.length) {
            chars = Arrays.copyOf(chars, Math.max(length + more, 2 * chars.length));
        }
    }

    /** Length of the masked text. */
    public int length() {
        return length;
    }

    /** The masked text from {@code from} to its end. */
    String substring(int from) {
        return new String(chars, from, length - from);
    }

    /**
     * {@link String#hashCode()} of the masked text, four characters a step: one multiplication per step depends on
     * the previous one instead of one per character, which made hashing a large part of matching a known message.
     */
    public int contentHash() {
        char[] c = chars;
        int h = 0;
        int i = 0;
        for (; i + 3 < length; i += 4) {
            h = 923_521 * h + 29_791 * c[i] + 961 * c[i + 1] + 31 * c[i + 2] + c[i + 3];
        }
        for (; i < length; i++) {
            h = 31 * h + c[i];
        }
        return h;
    }

    /** Whether the masked text is {@code text[0, textLength)}. */
    public boolean contentEquals(char[] text, int textLength) {
        return Arrays.equals(chars, 0, length, text, 0, textLength);
    }

    /** A copy of the masked text. */
    public char[] toCharArray() {
        return Arrays.copyOf(chars, length);
    }

    @Override
    public String toString() {
        return new String(chars, 0, length);
    }
}
