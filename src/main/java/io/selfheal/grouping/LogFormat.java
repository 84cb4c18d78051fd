package io.selfheal.grouping;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A LogPAI header format such as {@code <Date> <Time> <Level> <Component>: <Content>}: {@code <Name>} is a non-greedy
 * field, runs of spaces match one or more spaces, everything else is raw regex; the pattern is anchored and applied to
 * the trimmed line.
 *
 * <p>Formats whose literal text is plain ASCII or backslash-escaped punctuation (all Loghub formats) are matched by
 * {@link LogLineSplitter}, a hand-written backtracking matcher on UTF-8 bytes with the regex's semantics; other
 * formats (character classes, groups, quantifiers) fall back to the regex.
 */
public final class LogFormat {
    private static final Pattern FIELD = Pattern.compile("<([^<>]+)>");
    private static final String REGEX_SYNTAX = ".[]{}()*+?^$|";

    /** Element kinds of a plain format, in order: {@link #FIELD_ELEMENT}, {@link #SPACES} or a literal character. */
    static final int FIELD_ELEMENT = -1;
    static final int SPACES = -2;

    private final Pattern pattern;
    private final List<String> fieldNames;
    private final int[] elements;

    private LogFormat(Pattern pattern, List<String> fieldNames, int[] elements) {
        this.pattern = pattern;
        this.fieldNames = fieldNames;
        this.elements = elements;
    }

    public static LogFormat parse(String format) {
        LogFormat regex = parseAsRegex(format);
        int[] elements = plainElements(format);
        return elements == null ? regex : new LogFormat(null, regex.fieldNames, elements);
    }

    /** The regex form of {@code format}, as every format was matched before the hand-written matcher. */
    static LogFormat parseAsRegex(String format) {
        StringBuilder regex = new StringBuilder("^");
        List<String> names = new ArrayList<>();
        Matcher field = FIELD.matcher(format);
        int literalStart = 0;
        while (field.find()) {
            regex.append(format.substring(literalStart, field.start()).replaceAll(" +", "\\\\s+"));
            // Java group names allow letters and digits only, so fields are named by position.
            regex.append("(?<f").append(names.size()).append(">.*?)");
            names.add(field.group(1));
            literalStart = field.end();
        }
        regex.append(format.substring(literalStart).replaceAll(" +", "\\\\s+")).append('$');
        return new LogFormat(Pattern.compile(regex.toString()), List.copyOf(names), null);
    }

    /** The elements of a format without regex syntax, or null when the format needs the regex. */
    private static int[] plainElements(String format) {
        List<Integer> elements = new ArrayList<>();
        Matcher field = FIELD.matcher(format);
        int literalStart = 0;
        while (true) {
            boolean found = field.find();
            int literalEnd = found ? field.start() : format.length();
            for (int i = literalStart; i < literalEnd; i++) {
                char c = format.charAt(i);
                if (c == ' ') {
                    while (i + 1 < literalEnd && format.charAt(i + 1) == ' ') {
                        i++;
                    }
                    elements.add(SPACES);
                } else if (c == '\\') {
                    // An escaped punctuation character is itself; \d, \s, \Q, "\ " ... are regex.
                    if (i + 1 >= literalEnd || Character.isLetterOrDigit(format.charAt(i + 1))
                            || format.charAt(i + 1) == ' ') {
                        return null;
                    }
                    char escaped = format.charAt(++i);
                    if (escaped >= 128) {
                        return null;
                    }
                    elements.add((int) escaped);
                } else if (REGEX_SYNTAX.indexOf(c) >= 0 || c >= 128) { // the matcher compares ASCII bytes
                    return null;
                } else {
                    elements.add((int) c);
                }
            }
            if (!found) {
                break;
            }
            elements.add(FIELD_ELEMENT);
            literalStart = field.end();
        }
        return elements.stream().mapToInt(Integer::intValue).toArray();
    }

    /** Position of field {@code name} among the fields, in format order. */
    public int fieldIndex(String name) {
        int index = fieldNames.indexOf(name);
        if (index < 0) {
            throw new IllegalArgumentException("format has no field <" + name + ">");
        }
        return index;
    }

    /** A matcher of this format, reusable for any number of lines by one thread. */
    public LogLineSplitter splitter() {
        return new LogLineSplitter(elements, pattern, fieldNames.size());
    }

    /** The value of field {@code name} in {@code line}, or null when the line does not match the format. */
    public String field(String line, String name) {
        int index = fieldIndex(name);
        byte[] bytes = line.getBytes(StandardCharsets.UTF_8);
        LogLineSplitter splitter = splitter();
        return splitter.split(bytes, 0, bytes.length) ? splitter.field(index) : null;
    }
}
