package io.selfheal.fingerprint.stack;

import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** V8 {@code error.stack} output as Node.js prints it, including {@code [cause]:} blocks of {@code util.inspect}. */
final class NodeTraceFormat implements TraceFormat {

    private static final Pattern NAMED_FRAME = Pattern.compile(
            "^\\s*at (?:async )?(?:new )?(?<function>.+?)(?: \\[as [^\\]]+\\])? \\((?<location>.+)\\)(?: \\{)?\\s*$");
    private static final Pattern ANONYMOUS_FRAME = Pattern.compile("^\\s*at (?:async )?(?<location>\\S+:\\d+:\\d+)(?: \\{)?\\s*$");
    /** Java frames never end in line:column, which V8 always prints for code with a file. */
    private static final Pattern ANY_FRAME = Pattern.compile("^\\s*at .*:\\d+:\\d+\\)?(?: \\{)?\\s*$");
    private static final Pattern LOCATION = Pattern.compile("^(?<file>.+?):(?<line>\\d+):\\d+$");
    private static final Pattern HEADER = Pattern.compile(
            "^\\s*(?<cause>\\[cause\\]: )?(?:Uncaught )?(?<type>[A-Za-z_$][\\w$.]*)(?: \\[[\\w]+\\])?"
                    + "(?::\\s?(?<value>.*)|(?<=Error|Exception))$");
    private static final Pattern OMITTED_FRAMES = Pattern.compile("^\\s*\\.\\.\\. \\d+ lines? matching cause stack trace \\.\\.\\.\\s*$");

    @Override
    public Platform platform() {
        return Platform.NODE;
    }

    @Override
    public boolean recognizes(String line) {
        return ANY_FRAME.matcher(line).matches();
    }

    @Override
    public List<ExceptionInfo> parse(List<String> lines, InAppRules inAppRules) {
        CauseChain chain = new CauseChain();
        for (String line : lines) {
            StackFrame frame = frameOf(line, inAppRules);
            if (frame != null) {
                chain.frame(frame);
                continue;
            }
            if (OMITTED_FRAMES.matcher(line).matches()) {
                continue; // the frames a cause shares with its error: V8 printed them with the error
            }
            Matcher header = HEADER.matcher(line);
            if (header.matches()) {
                chain.header(header.group("cause") != null, header.group("type"), header.group("value"));
            } else {
                chain.otherLine(line);
            }
        }
        return chain.outermostFirst();
    }

    private static StackFrame frameOf(String line, InAppRules inAppRules) {
        String function = null;
        String location;
        Matcher named = NAMED_FRAME.matcher(line);
        Matcher anonymous = ANONYMOUS_FRAME.matcher(line);
        if (anonymous.matches()) {
            location = anonymous.group("location");
        } else if (named.matches()) {
            function = named.group("function");
            location = named.group("location");
        } else {
            return null;
        }
        Matcher fileAndLine = LOCATION.matcher(location);
        String file = fileAndLine.matches() ? fileAndLine.group("file") : null;
        Integer lineNumber = fileAndLine.matches() ? StackFrame.lineNumber(fileAndLine.group("line")) : null;
        return new StackFrame(null, function, file, lineNumber, inAppRules.isInApp(Platform.NODE, null, file));
    }
}
