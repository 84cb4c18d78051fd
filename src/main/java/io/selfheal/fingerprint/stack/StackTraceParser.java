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
        List<String> lines = stackTrace.lines().toList();
        return formatOf(lines).flatMap(format -> {
            List<ExceptionInfo> chain = inAppRules.withInferredApplication(format.platform(), format.parse(lines, inAppRules));
            return chain.isEmpty() ? Optional.empty() : Optional.of(new ParsedStack(format.platform(), chain));
        });
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
