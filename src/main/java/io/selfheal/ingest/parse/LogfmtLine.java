package io.selfheal.ingest.parse;

import java.util.LinkedHashMap;
import java.util.Map;

/** Reads a logfmt line ({@code time=… level=error msg="quoted \"value\"" service=x}) into its key/value pairs. */
final class LogfmtLine {

    private static final int MIN_PAIRS = 2;

    private LogfmtLine() {
    }

    /**
     * Returns the pairs when the line is logfmt: mostly (at least two thirds) {@code key=value} words and naming
     * {@code msg}, {@code message} or {@code level}. Returns null otherwise, so plain text with an incidental
     * {@code user=42} is left to the plain-text parser.
     */
    static Map<String, String> parse(String line) {
        if (line.indexOf('=') < 0) {
            return null;
        }
        Map<String, String> pairs = new LinkedHashMap<>();
        int words = 0;
        int length = line.length();
        int i = 0;
        while (true) {
            while (i < length && line.charAt(i) == ' ') {
                i++;
            }
            if (i >= length) {
                break;
            }
            words++;
            int keyStart = i;
            while (i < length && isKeyChar(line.charAt(i))) {
                i++;
            }
            if (i == keyStart || i >= length || line.charAt(i) != '=') {
                i = skipWord(line, i);
                continue;
            }
            String key = line.substring(keyStart, i);
            i++;
            if (i < length && line.charAt(i) == '"') {
                StringBuilder value = new StringBuilder();
                i = readQuoted(line, i + 1, value);
                if (i < 0) {
                    return null;
                }
                pairs.put(key, value.toString());
            } else {
                int valueStart = i;
                i = skipWord(line, i);
                pairs.put(key, line.substring(valueStart, i));
            }
        }
        boolean mostlyPairs = pairs.size() >= MIN_PAIRS && pairs.size() * 3 >= words * 2;
        boolean namesLogFields = pairs.containsKey("msg") || pairs.containsKey("message") || pairs.containsKey("level");
        return mostlyPairs && namesLogFields ? pairs : null;
    }

    /** Reads a quoted value after its opening quote; returns the index after the closing quote, -1 if unterminated. */
    private static int readQuoted(String line, int from, StringBuilder value) {
        int i = from;
        while (i < line.length()) {
            char c = line.charAt(i);
            if (c == '"') {
                return i + 1;
            }
            if (c == '\\' && i + 1 < line.length()) {
                char escaped = line.charAt(++i);
                switch (escaped) {
                    case 'n' -> value.append('\n');
                    case 't' -> value.append('\t');
                    case 'r' -> value.append('\r');
                    default -> value.append(escaped);
                }
            } else {
                value.append(c);
            }
            i++;
        }
        return -1;
    }

    private static int skipWord(String line, int from) {
        int i = from;
        while (i < line.length() && line.charAt(i) != ' ') {
            i++;
        }
        return i;
    }

    private static boolean isKeyChar(char c) {
        return Character.isLetterOrDigit(c) || c == '_' || c == '.' || c == '-' || c == '@' || c == '/';
    }
}
