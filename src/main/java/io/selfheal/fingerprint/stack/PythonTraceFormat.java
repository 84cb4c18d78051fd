package io.selfheal.fingerprint.stack;

import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * CPython tracebacks. Chained tracebacks print the root cause first, joined by "During handling of the above
 * exception…" or "The above exception was the direct cause…"; frames are printed outermost first.
 */
final class PythonTraceFormat implements TraceFormat {

    private static final Pattern TRACEBACK_START = Pattern.compile("^\\s*Traceback \\(most recent call last\\):\\s*$");
    private static final Pattern FRAME = Pattern.compile(
            "^\\s*File \"(?<file>[^\"]+)\", line (?<line>\\d+)(?:, in (?<function>.+?))?\\s*$");
    private static final Pattern EXCEPTION_LINE = Pattern.compile(
            "^(?<type>[A-Za-z_][\\w.]*)(?::\\s?(?<value>.*))?$");
    private static final Pattern CHAIN_SEPARATOR = Pattern.compile(
            "^\\s*(?:During handling of the above exception, another exception occurred|"
                    + "The above exception was the direct cause of the following exception):\\s*$");
    /** Library modules are named relative to the import root they were loaded from. */
    private static final Pattern IMPORT_ROOT = Pattern.compile(
            "^.*(?:[/\\\\](?:site|dist)-packages|[/\\\\]lib[/\\\\]python\\d[\\d.]*)[/\\\\]");

    private static final Pattern PACKAGE_INIT = Pattern.compile("[/\\\\]__init__$");

    @Override
    public Platform platform() {
        return Platform.PYTHON;
    }

    @Override
    public boolean recognizes(String line) {
        return TRACEBACK_START.matcher(line).matches() || FRAME.matcher(line).matches();
    }

    @Override
    public List<ExceptionInfo> parse(List<String> lines, InAppRules inAppRules) {
        List<ExceptionBuilder> rootCauseFirst = new ArrayList<>();
        List<StackFrame> frames = null;
        ExceptionBuilder current = null;
        for (String line : lines) {
            if (TRACEBACK_START.matcher(line).matches()) {
                frames = new ArrayList<>();
                current = null;
                continue;
            }
            if (CHAIN_SEPARATOR.matcher(line).matches()) {
                current = null;
                continue;
            }
            Matcher frame = FRAME.matcher(line);
            if (frame.matches() && frames != null) {
                frames.add(frameOf(frame, inAppRules));
                continue;
            }
            boolean unindented = !line.isEmpty() && !Character.isWhitespace(line.charAt(0));
            if (frames != null && current == null && unindented) {
                Matcher exception = EXCEPTION_LINE.matcher(line);
                if (exception.matches()) {
                    current = new ExceptionBuilder(exception.group("type"), exception.group("value"));
                    frames.forEach(current::addFrame);
                    rootCauseFirst.add(current);
                    frames = null;
                }
                continue;
            }
            if (current != null && unindented) {
                current.appendMessageLine(line);
            }
        }
        List<ExceptionInfo> outermostFirst = new ArrayList<>();
        for (ExceptionBuilder exception : rootCauseFirst) {
            outermostFirst.add(0, exception.buildWithFramesReversed());
        }
        return outermostFirst;
    }

    private static StackFrame frameOf(Matcher frame, InAppRules inAppRules) {
        String file = frame.group("file");
        String module = moduleOf(file);
        return new StackFrame(module, frame.group("function"), file, StackFrame.lineNumber(frame.group("line")),
                inAppRules.isInApp(Platform.PYTHON, module, file));
    }

    private static String moduleOf(String file) {
        Matcher root = IMPORT_ROOT.matcher(file);
        if (!root.find() || !file.endsWith(".py")) {
            return null;
        }
        String relative = file.substring(root.end(), file.length() - ".py".length());
        return PACKAGE_INIT.matcher(relative).replaceFirst("").replace('/', '.').replace('\\', '.');
    }
}
