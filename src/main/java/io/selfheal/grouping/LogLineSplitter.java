package io.selfheal.grouping;

import java.util.Arrays;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Splits lines into the fields of one {@link LogFormat}; made by {@link LogFormat#splitter()}, used by one thread.
 *
 * <p>The hand-written matcher explores the same alternatives in the same order as the regex it replaces
 * ({@code ^e1e2…$}: a field is {@code .*?}, tried shortest first; a run of spaces is {@code \s+}, tried longest
 * first), so it picks the same split. A failed (element, position) pair is remembered for the current line, which
 * bounds the work on lines that do not match to elements × positions² instead of the regex's exponential worst case.
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
    private char[] text;
    /** The last match of a format that needs the regex. */
    private Matcher regexMatch;
    private int start;
    private int end;

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
     * Strips {@code text[from, to)} of leading and trailing whitespace (as {@link String#strip()}) and matches it;
     * true when it matches, then {@link #fieldStart}/{@link #fieldEnd} locate each field in {@code text}.
     */
    public boolean split(char[] text, int from, int to) {
        while (from < to && Character.isWhitespace(text[from])) {
            from++;
        }
        while (to > from && Character.isWhitespace(text[to - 1])) {
            to--;
        }
        this.text = text;
        this.start = from;
        this.end = to;
        newLine();
        return elements == null ? matchRegex() : match(0, from);
    }

    /** Start of the stripped line. */
    public int start() {
        return start;
    }

    /** End of the stripped line. */
    public int end() {
        return end;
    }

    /** Start of field {@code field} in the text of the last match; -1 when a regex alternative left it out. */
    public int fieldStart(int field) {
        if (regexMatch != null) {
            int at = regexGroupBound(field, true);
            return at < 0 ? -1 : start + at;
        }
        return fieldStarts[field];
    }

    public int fieldEnd(int field) {
        if (regexMatch != null) {
            int at = regexGroupBound(field, false);
            return at < 0 ? -1 : start + at;
        }
        return fieldEnds[field];
    }

    /** A field's bound in a regex match; -1 when the field is not a group (it sits inside a character class). */
    private int regexGroupBound(int field, boolean start) {
        try {
            return start ? regexMatch.start("f" + field) : regexMatch.end("f" + field);
        } catch (IllegalArgumentException noSuchGroup) {
            return -1;
        }
    }

    private boolean matchRegex() {
        regexMatch = pattern.matcher(new String(text, start, end - start));
        return regexMatch.matches();
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

    /** {@code .*?}, lazy: the shortest value first; {@code .} does not match line terminators. */
    private boolean matchField(int element, int pos) {
        int field = fieldOfElement[element];
        if (element + 1 == elements.length) { // the last field takes the rest of the line, if it can
            if (lineTerminatorIn(pos, end)) {
                return false;
            }
            fieldStarts[field] = pos;
            fieldEnds[field] = end;
            return true;
        }
        int next = elements[element + 1];
        for (int stop = pos; stop <= end; stop++) {
            if (stop > pos && isLineTerminator(text[stop - 1])) {
                return false;
            }
            if (canStart(next, stop) && match(element + 1, stop)) {
                fieldStarts[field] = pos;
                fieldEnds[field] = stop;
                return true;
            }
        }
        return false;
    }

    private boolean lineTerminatorIn(int from, int to) {
        char[] t = text;
        for (int i = from; i < to; i++) {
            // One comparison per character: below 14 (\n, \r and other controls) or from U+0085 on, then check.
            if ((t[i] - 14 & 0xFFFF) >= 0x85 - 14 && isLineTerminator(t[i])) {
                return true;
            }
        }
        return false;
    }

    /** A cheap test whether element kind {@code next} can begin at {@code pos}. */
    private boolean canStart(int next, int pos) {
        if (next >= 0) {
            return pos < end && text[pos] == next;
        }
        return next == LogFormat.FIELD_ELEMENT || pos < end && isRegexSpace(text[pos]);
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

    /** Starts a new line for the failure memo: stamps of earlier lines no longer count. */
    private void newLine() {
        if (++stamp == 0) {
            Arrays.fill(failedAt, 0);
            stamp = 1;
        }
    }

    private static boolean isRegexSpace(char c) {
        return c == ' ' || c >= '\t' && c <= '\r';
    }

    private static boolean isLineTerminator(char c) {
        return c == '\n' || c == '\r' || c == '\u0085' || c == '\u2028' || c == '\u2029';
    }
}
