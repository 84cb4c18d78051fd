package io.selfheal.ingest.parse;

/** Size limits for text that is stored or forwarded, so one pathological line cannot exhaust memory downstream. */
public final class TextLimits {

    /** Cap for {@code LogEvent.raw} and {@code DeadLetter.raw}. */
    public static final int MAX_RAW_CHARS = 64 * 1024;
    /** Cap for {@code LogEvent.message}; a message longer than this is a payload dump, not a message. */
    public static final int MAX_MESSAGE_CHARS = 16 * 1024;
    /** Cap for {@code LogEvent.stackTrace}; deep recursion traces are still recognisable from their head. */
    public static final int MAX_STACK_TRACE_CHARS = 64 * 1024;

    private TextLimits() {
    }

    /**
     * Keeps the first {@code maxChars} characters and appends {@code …[truncated N chars]} naming how many were cut.
     * A surrogate pair is never split. Returns the text itself when it already fits (or is null).
     */
    public static String cap(String text, int maxChars) {
        if (text == null || text.length() <= maxChars) {
            return text;
        }
        int keep = maxChars;
        if (keep > 0 && Character.isHighSurrogate(text.charAt(keep - 1))) {
            keep--;
        }
        return text.substring(0, keep) + "…[truncated " + (text.length() - keep) + " chars]";
    }

    /** The number of bytes the text occupies in UTF-8, computed without encoding it. */
    public static long utf8Length(String text) {
        long bytes = 0;
        int length = text.length();
        for (int i = 0; i < length; i++) {
            char c = text.charAt(i);
            if (c < 0x80) {
                bytes += 1;
            } else if (c < 0x800) {
                bytes += 2;
            } else if (Character.isHighSurrogate(c) && i + 1 < length && Character.isLowSurrogate(text.charAt(i + 1))) {
                bytes += 4;
                i++;
            } else {
                bytes += 3;
            }
        }
        return bytes;
    }
}
