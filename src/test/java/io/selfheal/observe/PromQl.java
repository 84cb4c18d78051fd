package io.selfheal.observe;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

/** Just enough PromQL reading for the dashboard checks: the metric names a query selects, and its {@code max by}s. */
final class PromQl {
    private static final Set<String> KEYWORDS = Set.of("by", "without", "on", "ignoring", "group_left", "group_right",
            "bool", "and", "or", "unless", "offset", "inf", "nan");
    private static final Pattern STRING = Pattern.compile("\"(?:[^\"\\\\]|\\\\.)*\"|'(?:[^'\\\\]|\\\\.)*'");
    private static final Pattern GROUPING =
            Pattern.compile("\\b(by|without|on|ignoring|group_left|group_right)\\s*\\([^)]*\\)");
    private static final Pattern IDENTIFIER = Pattern.compile("(?<![\\w.])([a-zA-Z_:][a-zA-Z0-9_:]*)(\\s*\\()?");
    private static final Pattern MAX_BY = Pattern.compile(
            "\\bmax\\s+by\\s*\\(([^)]*)\\)\\s*\\(\\s*(?:[a-z_]+\\s*\\(\\s*)?([a-zA-Z_:][a-zA-Z0-9_:]*)");

    record MaxBy(Set<String> labels, String metric) {
    }

    private PromQl() {
    }

    static Set<String> metricNames(String expr) {
        String bare = STRING.matcher(expr).replaceAll("\"\"");
        bare = bare.replaceAll("\\{[^}]*}", " ").replaceAll("\\[[^]]*]", " ");
        bare = GROUPING.matcher(bare).replaceAll(" ");
        Set<String> names = new LinkedHashSet<>();
        Matcher identifier = IDENTIFIER.matcher(bare);
        while (identifier.find()) {
            boolean function = identifier.group(2) != null;
            if (!function && !KEYWORDS.contains(identifier.group(1).toLowerCase())) {
                names.add(identifier.group(1));
            }
        }
        return names;
    }

    static List<MaxBy> maxBys(String expr) {
        List<MaxBy> found = new ArrayList<>();
        Matcher max = MAX_BY.matcher(expr);
        while (max.find()) {
            Set<String> labels = Arrays.stream(max.group(1).split(",")).map(String::trim).filter(l -> !l.isEmpty())
                    .collect(Collectors.toCollection(TreeSet::new));
            found.add(new MaxBy(labels, max.group(2)));
        }
        return found;
    }
}
