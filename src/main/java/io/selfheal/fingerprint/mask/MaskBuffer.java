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
    /** The fingerprint's multiplier (odd, from the golden ratio) and its powers, and the final mixing constant. */
    private static final long M = 0x9E3779B97F4A7C15L;
    private static final long M2 = M * M;
    private static final long M3 = M2 * M;
    private static final long M4 = M3 * M;
    private static final long MIX = 0xD6E8FEB86659FD93L;

    char[] input = new char[INITIAL];
    int inputLength;
    private char[] chars = new char[INITIAL];
    private int length;

    /** Takes {@code message} as the input and empties the output. */
    void load(String message) {
        int n = message.length();
        reset(n);
        message.getChars(0, n, input, 0);
    }

    /** Takes the ASCII bytes {@code ascii[from, to)} as the input, each byte one character, and empties the output. */
    void load(byte[] ascii, int from, int to) {
        int n = to - from;
        reset(n);
        char[] in = input;
        for (int i = 0; i < n; i++) {
            in[i] = (char) (ascii[from + i] & 0xff);
        }
    }

    private void reset(int n) {
        if (input.length < n || input.length > MAX_RETAINED && n <= INITIAL) {
            input = new char[Math.max(n, INITIAL)];
        }
        if (chars.length > MAX_RETAINED && n <= INITIAL) {
            chars = new char[INITIAL];
        }
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
     * A 64-bit fingerprint of the masked text, for looking it up without keeping the text: a polynomial hash modulo
     * 2^64 with an odd multiplier (texts that differ in one character never collide), four characters a step so that
     * only one multiplication per step waits for the previous one, then the length and a bijective mix that spreads
     * every character into the low bits hash tables use.
     */
    public long fingerprint() {
        char[] c = chars;
        long h = 0;
        int i = 0;
        for (; i + 3 < length; i += 4) {
            h = h * M4 + c[i] * M3 + c[i + 1] * M2 + c[i + 2] * M + c[i + 3];
        }
        for (; i < length; i++) {
            h = h * M + c[i];
        }
        h ^= length;
        h ^= h >>> 32;
        h *= MIX;
        return h ^ (h >>> 29);
    }

    @Override
    public String toString() {
        return new String(chars, 0, length);
    }
}
