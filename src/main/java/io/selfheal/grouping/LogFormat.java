package io.selfheal.grouping;

import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A LogPAI header format such as {@code <Date> <Time> <Level> <Component>: <Content>}: {@code <Name>} is a non-greedy
 * field, runs of spaces match one or more spaces, everything else is raw regex; the pattern is anchored and applied to
 * the trimmed line.
 */
public final class LogFormat {
    private static final Pattern FIELD = Pattern.compile("<([^<>]+)>");

    private final Pattern pattern;
    private final List<String> fieldNames;

    private LogFormat(Pattern pattern, List<String> fieldNames) {
        this.pattern = pattern;
        this.fieldNames = fieldNames;
    }

    public static LogFormat parse(String format) {
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
        return new LogFormat(Pattern.compile(regex.toString()), List.copyOf(names));
    }

    /** The value of field {@code name} in {@code line}, or null when the line does not match the format. */
    public String field(String line, String name) {
        int index = fieldNames.indexOf(name);
        if (index < 0) {
            throw new IllegalArgumentException("format has no field <" + name + ">");
        }
        Matcher matcher = pattern.matcher(line.strip());
        return matcher.matches() ? matcher.group("f" + index) : null;
    }
}
