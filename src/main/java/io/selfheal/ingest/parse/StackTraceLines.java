package io.selfheal.ingest.parse;

/**
 * Recognises the lines of stack traces printed by Java, Python, Node.js, Go and .NET. Shared by the assembler (which
 * decides what belongs to a record) and the parser (which splits message from stack trace), so both agree.
 * Only prefix and character checks: this runs on every ingested line.
 */
final class StackTraceLines {

    static final String PYTHON_TRACEBACK = "Traceback (most recent call last):";
    static final String PYTHON_DURING_HANDLING =
            "During handling of the above exception, another exception occurred:";
    static final String PYTHON_DIRECT_CAUSE =
            "The above exception was the direct cause of the following exception:";

    private StackTraceLines() {
    }

    static boolean isJsonObject(String line) {
        int start = firstNonWhitespace(line);
        return start < line.length() && line.charAt(start) == '{';
    }

    static boolean isGoPanicStart(String line) {
        return line.startsWith("panic: ") || line.startsWith("fatal error: ");
    }

    /**
     * A line that can only continue a trace: frames, cause chains, elisions, .NET inner-exception markers, Reactor's
     * assembly checkpoints.
     */
    static boolean isFrameOrChain(String line) {
        int start = firstNonWhitespace(line);
        if (start == line.length()) {
            return false;
        }
        if (line.startsWith("Caused by: ", start)
                || line.startsWith("Wrapped by: ", start)
                || line.startsWith("Error has been observed at the following site(s):", start)
                || line.startsWith("Original Stack Trace:", start)
                || line.startsWith("--- End of ", start)
                || (start > 0 && line.startsWith("Suppressed: ", start))) {
            return true;
        }
        if (start == 0) {
            return false;
        }
        return line.startsWith("at ", start)
                || line.startsWith("*__checkpoint", start)
                || line.startsWith("|_ checkpoint", start)
                || line.startsWith("---> ", start)
                || line.startsWith("[cause]: ", start)
                || (line.startsWith("... ", start) && (line.endsWith(" more") || line.endsWith("frames omitted")));
    }

    /**
     * A line that opens a trace when it directly follows a log line: {@code pkg.FooException: msg},
     * {@code TypeError: msg}, {@code Exception in thread "main" …}, a Python traceback.
     */
    static boolean isNestedTraceStart(String line) {
        return line.startsWith(PYTHON_TRACEBACK)
                || line.startsWith("Exception in thread ")
                || exceptionTypeLength(line) > 0;
    }

    /** A record that is itself an exception report, with no log line in front of it. */
    static boolean isTraceStart(String line) {
        return isNestedTraceStart(line) || isGoPanicStart(line) || line.startsWith("Unhandled exception. ");
    }

    static boolean isPythonChainSentence(String line) {
        return line.startsWith(PYTHON_DURING_HANDLING) || line.startsWith(PYTHON_DIRECT_CAUSE);
    }

    /** The last line of a Python traceback: {@code ValueError: msg}, {@code pkg.mod.Error: msg}, {@code KeyboardInterrupt}. */
    static boolean isPythonExceptionLine(String line) {
        int end = qualifiedNameEnd(line, 0);
        return end > 0 && (end == line.length() || line.charAt(end) == ':');
    }

    /** Go dump lines: {@code goroutine 1 [running]:}, {@code main.run(0x0)}, {@code \t/app/main.go:12 +0x1d}, … */
    static boolean isGoDumpLine(String line) {
        if (line.charAt(0) == '\t'
                || line.startsWith("goroutine ")
                || line.startsWith("created by ")
                || line.startsWith("[signal ")
                || line.startsWith("exit status ")
                || line.startsWith("...additional frames elided...")) {
            return true;
        }
        int open = line.indexOf('(');
        return open > 0 && line.endsWith(")") && line.lastIndexOf(' ', open) < 0;
    }

    /**
     * Length of a leading exception type name ({@code java.lang.IllegalStateException}, {@code TypeError},
     * {@code System.InvalidOperationException}) followed by ':' or the end of the line; 0 when there is none.
     */
    static int exceptionTypeLength(String line) {
        int end = qualifiedNameEnd(line, 0);
        if (end <= 0 || (end < line.length() && line.charAt(end) != ':')) {
            return 0;
        }
        return namesExceptionType(line, end) ? end : 0;
    }

    /** Whether the name ending at {@code end} has the simple name of an exception type. */
    static boolean namesExceptionType(String text, int end) {
        return endsWithAt(text, end, "Exception") || endsWithAt(text, end, "Error") || endsWithAt(text, end, "Throwable");
    }

    private static boolean endsWithAt(String text, int end, String suffix) {
        return end >= suffix.length() && text.startsWith(suffix, end - suffix.length());
    }

    static int firstNonWhitespace(String line) {
        int i = 0;
        while (i < line.length() && Character.isWhitespace(line.charAt(i))) {
            i++;
        }
        return i;
    }

    /** End of a dotted identifier ({@code a.b.C$D}) starting at {@code from}, or -1 when none starts there. */
    private static int qualifiedNameEnd(String line, int from) {
        if (from >= line.length() || !Character.isJavaIdentifierStart(line.charAt(from))) {
            return -1;
        }
        int i = from + 1;
        while (i < line.length()) {
            char c = line.charAt(i);
            if (c == '.' && i + 1 < line.length() && Character.isJavaIdentifierStart(line.charAt(i + 1))) {
                i += 2;
            } else if (Character.isJavaIdentifierPart(c)) {
                i++;
            } else {
                break;
            }
        }
        return i;
    }
}
