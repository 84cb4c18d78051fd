package io.selfheal.grouping;

import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Splits UTF-8 lines into the fields of one {@link LogFormat}; made by {@link LogFormat#splitter()}, used by one
 * thread. Only the values asked for are decoded into Strings.
 *
 * <p>The hand-written matcher works on the bytes and explores the same alternatives in the same order as the regex it
 * replaces ({@code ^e1e2…$} on the stripped line: a field is {@code .*?}, tried shortest first; a run of spaces is
 * {@code \s+}, tried longest first), so it picks the same split. The format's literals and {@code \s} are ASCII, which
 * never occurs inside a multi-byte sequence, so byte positions where an element can start are character boundaries.
 * A failed (element, position) pair is remembered for the current line, which bounds the work on lines that do not
 * match to elements × positions² instead of the regex's exponential worst case.
 */
public final class LogLineSplitter {
    /** Beyond this many (element, position) pairs a line is matched without remembering failures. */
    private static final int MAX_MEMO = 1 << 22;

    private final int[] elements;
    private final Pattern pattern;
    private final int[] fieldStarts;
    private final int[] fieldEnds;
    /** Field number of each element (for fields), so a match records its bounds without counting. */
    private final int[] fieldOfElement;
    private int[] failedAt = new int[0];
    private int stamp;
    private byte[] text;
    private int start;
    private int end;
    /** The line has a byte below 14 or a non-ASCII byte, so a field may hold a line terminator and must be checked. */
    private boolean special;
    /** The last match of a format that needs the regex. */
    private Matcher regexMatch;

    LogLineSplitter(int[] elements, Pattern pattern, int fields) {
        this.elements = elements;
        this.pattern = pattern;
        this.fieldStarts = new int[fields];
        this.fieldEnds = new int[fields];
        this.fieldOfElement = new int[elements == null ? 0 : elements.length];
        int field = 0;
        for (int i = 0; i < fieldOfElement.length; i++) {
            fieldOfElement[i] = elements[i] == LogFormat.FIELD_ELEMENT ? field++ : -1;
        }
    }

    /**
     * Strips the UTF-8 line {@code text[from, to)} of leading and trailing whitespace (as {@link String#strip()}) and
     * matches it; true when it matches, then {@link #field} gives each field's value.
     */
    public boolean split(byte[] text, int from, int to) {
        return split(text, from, to, false);
    }

    /**
     * As {@link #split(byte[], int, int)}; {@code plain} tells that every byte is from 14 to 127 (as
     * {@link BlockLineReader#plain()} does), which spares a scan of the line for line terminators.
     */
    public boolean split(byte[] text, int from, int to, boolean plain) {
        this.text = text;
        this.start = stripStart(text, from, to);
        this.end = stripEnd(text, start, to);
        special = !plain;
        if (pattern != null) {
            regexMatch = pattern.matcher(line());
            return regexMatch.matches();
        }
        special = false;
        for (int i = plain ? end : start; i < end; i++) {
            if (text[i] < 14) { // a control character or a non-ASCII byte
                special = true;
                if (unmatchableTerminatorAt(i)) {
                    return false;
                }
            }
        }
        if (++stamp == 0) {
            Arrays.fill(failedAt, 0);
            stamp = 1;
        }
        return match(0, start);
    }

    /** The stripped line. */
    public String line() {
        return new String(text, start, end - start, special ? StandardCharsets.UTF_8 : StandardCharsets.ISO_8859_1);
    }

    /**
     * Whether the last match's fields are ranges of the line's bytes that are plain ASCII ({@link #fieldStart},
     * {@link #fieldEnd}): a format matched without the regex on a line of bytes from 14 to 127.
     */
    public boolean fieldsAreAscii() {
        return pattern == null && !special;
    }

    /** Where field {@code field} of the last match starts in the line's bytes; see {@link #fieldsAreAscii()}. */
    public int fieldStart(int field) {
        return fieldStarts[field];
    }

    /** Where field {@code field} of the last match ends in the line's bytes; see {@link #fieldsAreAscii()}. */
    public int fieldEnd(int field) {
        return fieldEnds[field];
    }

    /** The value of field {@code field} (in format order) of the last match; null when the regex left it out. */
    public String field(int field) {
        if (pattern != null) {
            try {
                return regexMatch.group("f" + field);
            } catch (IllegalArgumentException notAGroup) { // the field sits inside a character class of the format
                return null;
            }
        }
        return new String(text, fieldStarts[field], fieldEnds[field] - fieldStarts[field],
                special ? StandardCharsets.UTF_8 : StandardCharsets.ISO_8859_1); // ASCII: copied, not decoded
    }

    private boolean match(int element, int pos) {
        if (element == elements.length) {
            return pos == end;
        }
        int kind = elements[element];
        if (kind >= 0) {
            return pos < end && text[pos] == kind && match(element + 1, pos + 1);
        }
        if (hasFailed(element, pos)) {
            return false;
        }
        boolean matched = kind == LogFormat.SPACES ? matchSpaces(element, pos) : matchField(element, pos);
        if (!matched) {
            recordFailure(element, pos);
        }
        return matched;
    }

    /** {@code \s+}, greedy: the longest run first, then shorter ones. */
    private boolean matchSpaces(int element, int pos) {
        int run = pos;
        while (run < end && isRegexSpace(text[run])) {
            run++;
        }
        for (int stop = run; stop > pos; stop--) {
            if (match(element + 1, stop)) {
                return true;
            }
        }
        return false;
    }

    /** {@code .*?}, lazy: the shortest value first; {@code .} does not match {@code \n} or {@code \r}. */
    private boolean matchField(int element, int pos) {
        int field = fieldOfElement[element];
        if (element + 1 == elements.length) { // the last field takes the rest of the line, if it can
            if (special && lineBreakIn(pos, end)) {
                return false;
            }
            fieldStarts[field] = pos;
            fieldEnds[field] = end;
            return true;
        }
        int next = elements[element + 1];
        byte[] t = text;
        int e = end;
        for (int stop = pos; ; stop++) {
            // Skips to the next byte the following literal or spaces can start at (or a line break, checked below).
            if (next >= 0) {
                while (stop < e && t[stop] != next && (t[stop] >= 14 || !special)) {
                    stop++;
                }
            } else if (next == LogFormat.SPACES) {
                while (stop < e && !isRegexSpace(t[stop])) {
                    stop++;
                }
            }
            if (canStart(next, stop) && match(element + 1, stop)) {
                fieldStarts[field] = pos;
                fieldEnds[field] = stop;
                return true;
            }
            if (stop == e || special && (t[stop] == '\n' || t[stop] == '\r')) {
                return false; // the value cannot reach past the end or over a line break
            }
        }
    }

    /** A cheap test whether element kind {@code next} can begin at {@code pos}. */
    private boolean canStart(int next, int pos) {
        if (next >= 0) {
            return pos < end && text[pos] == next;
        }
        if (next == LogFormat.SPACES) {
            return pos < end && isRegexSpace(text[pos]);
        }
        return pos == end || (text[pos] & 0xC0) != 0x80; // a field starts on a character, not inside one
    }

    private boolean lineBreakIn(int from, int to) {
        for (int i = from; i < to; i++) {
            if (text[i] == '\n' || text[i] == '\r') {
                return true;
            }
        }
        return false;
    }

    /** U+0085, U+2028 or U+2029 starts at {@code i}: line terminators that no element of a format can match. */
    private boolean unmatchableTerminatorAt(int i) {
        byte b = text[i];
        if (b == (byte) 0xC2) {
            return i + 1 < end && text[i + 1] == (byte) 0x85;
        }
        return b == (byte) 0xE2 && i + 2 < end && text[i + 1] == (byte) 0x80
                && (text[i + 2] == (byte) 0xA8 || text[i + 2] == (byte) 0xA9);
    }

    private boolean hasFailed(int element, int pos) {
        int state = element * (end - start + 1) + pos - start;
        return state < failedAt.length && failedAt[state] == stamp;
    }

    private void recordFailure(int element, int pos) {
        int states = elements.length * (end - start + 1);
        if (states > MAX_MEMO) {
            return;
        }
        if (failedAt.length < states) {
            failedAt = new int[Math.max(states, failedAt.length * 2)];
        }
        failedAt[element * (end - start + 1) + pos - start] = stamp;
    }

    private static boolean isRegexSpace(byte c) {
        return c == ' ' || c >= '\t' && c <= '\r';
    }

    /** First index of {@code text[from, to)} after leading whitespace as {@link Character#isWhitespace}. */
    private static int stripStart(byte[] text, int from, int to) {
        while (from < to) {
            int width = whitespaceWidthAt(text, from, to);
            if (width == 0) {
                break;
            }
            from += width;
        }
        return from;
    }

    /** End of {@code text[from, to)} without trailing whitespace. */
    private static int stripEnd(byte[] text, int from, int to) {
        while (to > from) {
            if (text[to - 1] >= 0) {
                if (!Character.isWhitespace(text[to - 1])) {
                    break;
                }
                to--;
            } else if (to - 3 >= from && whitespaceWidthAt(text, to - 3, to) == 3) {
                to -= 3;
            } else {
                break;
            }
        }
        return to;
    }

    /**
     * Bytes taken by the whitespace character at {@code i}, 0 when it is not whitespace. Non-ASCII whitespace
     * (U+1680, U+2000–U+200A but U+2007, U+2028, U+2029, U+205F, U+3000) is all three bytes long, E1–E3 first.
     */
    private static int whitespaceWidthAt(byte[] text, int i, int to) {
        byte b = text[i];
        if (b >= 0) {
            return Character.isWhitespace(b) ? 1 : 0;
        }
        if (b < (byte) 0xE1 || b > (byte) 0xE3 || i + 2 >= to) {
            return 0;
        }
        int b1 = text[i + 1] & 0xFF;
        int b2 = text[i + 2] & 0xFF;
        if ((b1 & 0xC0) != 0x80 || (b2 & 0xC0) != 0x80) {
            return 0;
        }
        int codePoint = (b & 0x0F) << 12 | (b1 & 0x3F) << 6 | b2 & 0x3F;
        return Character.isWhitespace(codePoint) ? 3 : 0;
    }
}
