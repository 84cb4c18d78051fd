package io.selfheal.ingest.loki;

import io.selfheal.ingest.Level;

import java.util.LinkedHashMap;
import java.util.Map;

/** Reads Loki's label sets and maps well-known labels onto an event's service and level. */
final class LokiLabels {
    /** Loki's own value when it could not tell the service: no better than the caller's fallback. */
    private static final String UNKNOWN_SERVICE = "unknown_service";

    private LokiLabels() {
    }

    /**
     * Parses a Prometheus-style label set as Loki's protobuf push carries it: {@code {app="api", env="prod"}}, with
     * {@code \"}, {@code \\} and {@code \n} escapes in values.
     *
     * @throws IllegalArgumentException when the text is not a label set
     */
    static Map<String, String> parse(String text) {
        Map<String, String> labels = new LinkedHashMap<>();
        String s = text == null ? "" : text.strip();
        if (s.isEmpty()) {
            return labels;
        }
        if (!s.startsWith("{") || !s.endsWith("}")) {
            throw new IllegalArgumentException("labels must be written {name=\"value\", ...}: " + s);
        }
        int i = 1;
        int end = s.length() - 1;
        while (true) {
            i = skipSpaces(s, i, end);
            if (i >= end) {
                return labels;
            }
            int nameStart = i;
            while (i < end && (Character.isLetterOrDigit(s.charAt(i)) || s.charAt(i) == '_' || s.charAt(i) == '.')) {
                i++;
            }
            String name = s.substring(nameStart, i);
            i = skipSpaces(s, i, end);
            if (name.isEmpty() || i >= end || s.charAt(i) != '=') {
                throw new IllegalArgumentException("expected name=\"value\" at position " + i + " of " + s);
            }
            i = skipSpaces(s, i + 1, end);
            if (i >= end || s.charAt(i) != '"') {
                throw new IllegalArgumentException("expected a quoted value for label " + name + " in " + s);
            }
            StringBuilder value = new StringBuilder();
            i++;
            while (i < end && s.charAt(i) != '"') {
                char c = s.charAt(i);
                if (c == '\\' && i + 1 < end) {
                    char next = s.charAt(++i);
                    value.append(next == 'n' ? '\n' : next == 't' ? '\t' : next);
                } else {
                    value.append(c);
                }
                i++;
            }
            if (i >= end) {
                throw new IllegalArgumentException("unterminated value of label " + name + " in " + s);
            }
            labels.put(name, value.toString());
            i = skipSpaces(s, i + 1, end);
            if (i < end && s.charAt(i) == ',') {
                i++;
            } else if (i < end) {
                throw new IllegalArgumentException("expected ',' between labels at position " + i + " of " + s);
            }
        }
    }

    /** The service a stream names: {@code service_name}, then {@code app}, then {@code job}; null when none. */
    static String service(Map<String, String> labels) {
        for (String key : new String[]{"service_name", "app", "job"}) {
            String value = labels.get(key);
            if (value != null && !value.isBlank() && !value.equals(UNKNOWN_SERVICE)) {
                return value;
            }
        }
        return null;
    }

    /** The level a stream or entry names: {@code level}, then {@code detected_level}; null when none. */
    static Level level(Map<String, String> labels) {
        Level level = Level.parse(labels.get("level"));
        return level != null ? level : Level.parse(labels.get("detected_level"));
    }

    private static int skipSpaces(String s, int i, int end) {
        while (i < end && Character.isWhitespace(s.charAt(i))) {
            i++;
        }
        return i;
    }
}
