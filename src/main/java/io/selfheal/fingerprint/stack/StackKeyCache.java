package io.selfheal.fingerprint.stack;

import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The parsed stack and grouping key of recently seen trace texts. An error storm repeats the same trace text
 * thousands of times (the same bug on the same code path), and parsing it is most of what grouping an error costs;
 * the result depends on the text alone, so a repeat is looked up instead of parsed. Bounded in entries and in text
 * length (a longer trace is parsed every time): at most {@code capacity × maxTextChars} characters of keys. When full
 * it starts over, which a storm of all-different traces turns into plain parsing, never into unbounded memory.
 * Thread-safe.
 */
public final class StackKeyCache {
    private final StackTraceParser parser;
    private final StackGrouper grouper;
    private final int capacity;
    private final int maxTextChars;
    private final Map<String, Optional<KeyedStack>> recent = new ConcurrentHashMap<>();

    public StackKeyCache(StackTraceParser parser, StackGrouper grouper, int capacity, int maxTextChars) {
        this.parser = parser;
        this.grouper = grouper;
        this.capacity = capacity;
        this.maxTextChars = maxTextChars;
    }

    /** The trace parsed and keyed, or empty when it is not a trace any supported platform writes. */
    public Optional<KeyedStack> parse(String stackTrace) {
        if (stackTrace == null || stackTrace.length() > maxTextChars) {
            return parseNow(stackTrace);
        }
        Optional<KeyedStack> known = recent.get(stackTrace);
        if (known != null) {
            return known;
        }
        Optional<KeyedStack> parsed = parseNow(stackTrace);
        if (recent.size() >= capacity) {
            recent.clear();
        }
        recent.put(stackTrace, parsed);
        return parsed;
    }

    int size() {
        return recent.size();
    }

    private Optional<KeyedStack> parseNow(String stackTrace) {
        return parser.parse(stackTrace).map(stack -> new KeyedStack(stack, grouper.key(stack)));
    }

    /** A parsed trace with its grouping key. */
    public record KeyedStack(ParsedStack stack, StackKey key) {
    }
}
