package io.selfheal.fingerprint.stack;

import java.util.List;
import java.util.Optional;

/**
 * Parses an assembled multi-line stack trace of any supported platform. The first line may be a log message rather
 * than the exception header; the platform is decided by the first line only one platform could have written.
 */
public final class StackTraceParser {

    /**
     * Order matters: a Java frame such as {@code at A.b(Native Method)} also reads as a .NET frame with one named
     * parameter, so Java, whose frames are stricter, is tried before .NET.
     */
    private static final List<TraceFormat> FORMATS = List.of(
            new PythonTraceFormat(), new GoTraceFormat(), new NodeTraceFormat(), new JavaTraceFormat(),
            new DotNetTraceFormat());

    /**
     * Longest line the formats' regexes see, without its trailing blanks. Several must back off over a line (a frame's
     * parentheses, a lazy value before trailing blanks), which costs the square of its length: bounded here, a 64 kB
     * trace of hostile lines costs milliseconds instead of minutes. Real frame and header lines are far shorter; a
     * longer header keeps its first 512 characters.
     */
    static final int MAX_LINE_CHARS = 512;

    private final InAppRules inAppRules;

    public StackTraceParser() {
        this(InAppRules.defaults());
    }

    public StackTraceParser(InAppRules inAppRules) {
        this.inAppRules = inAppRules;
    }

    public Optional<ParsedStack> parse(String stackTrace) {
        if (stackTrace == null || stackTrace.isBlank()) {
            return Optional.empty();
        }
        List<String> lines = stackTrace.lines().map(StackTraceParser::forMatching).toList();
        return formatOf(lines).flatMap(format -> {
            List<ExceptionInfo> chain = inAppRules.withInferredApplication(format.platform(), format.parse(lines, inAppRules));
            return chain.isEmpty() ? Optional.empty() : Optional.of(new ParsedStack(format.platform(), chain));
        });
    }

    private static String forMatching(String line) {
        String stripped = line.stripTrailing();
        return stripped.length() <= MAX_LINE_CHARS ? stripped : stripped.substring(0, MAX_LINE_CHARS);
    }

    private static Optional<TraceFormat> formatOf(List<String> lines) {
        for (String line : lines) {
            for (TraceFormat format : FORMATS) {
                if (format.recognizes(line)) {
                    return Optional.of(format);
                }
            }
        }
        return Optional.empty();
    }
}
