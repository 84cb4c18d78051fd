package io.selfheal.fingerprint.stack;

import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * {@code Exception.ToString()} output. The headers come first, outermost first, each inner one introduced by
 * {@code " ---> "}; then the frames of the innermost exception, and after every
 * {@code "--- End of inner exception stack trace ---"} the frames of the next outer one.
 */
final class DotNetTraceFormat implements TraceFormat {

    private static final Pattern FRAME = Pattern.compile(
            "^\\s*at (?<qualified>[^(]+?)\\((?<args>[^)]*)\\)(?: in (?<file>.+):line (?<line>\\d+))?\\s*$");
    private static final Pattern HEADER = Pattern.compile(
            "^\\s*(?<inner>---> )?(?:Unhandled exception\\. )?(?<type>(?:[A-Za-z_][\\w`]*\\.)+[A-Za-z_][\\w`]*)"
                    + "(?: \\([^)]*\\))?(?::\\s?(?<value>.*))?$");
    private static final Pattern FRAME_WITH_LOCATION = Pattern.compile("^\\s*at [^(]+\\([^)]*\\) in .+:line \\d+\\s*$");
    /** Parameters are printed as "Type name"; Java never prints a space inside a frame's parentheses but "Native Method". */
    private static final Pattern FRAME_WITH_NAMED_PARAMETERS = Pattern.compile(
            "^\\s*at [^(\\s]+\\((?:|[\\w`.\\[\\]<>&]+ \\w+(?:, [\\w`.\\[\\]<>&]+ \\w+)*)\\)\\s*$");
    private static final String END_OF_INNER = "--- End of inner exception stack trace ---";
    private static final Pattern SEPARATOR = Pattern.compile("^\\s*--- End of .*---\\s*$");

    @Override
    public Platform platform() {
        return Platform.DOTNET;
    }

    @Override
    public boolean recognizes(String line) {
        return line.contains(END_OF_INNER) || line.stripLeading().startsWith("---> ")
                || FRAME_WITH_LOCATION.matcher(line).matches() || FRAME_WITH_NAMED_PARAMETERS.matcher(line).matches();
    }

    @Override
    public List<ExceptionInfo> parse(List<String> lines, InAppRules inAppRules) {
        List<ExceptionBuilder> outermostFirst = new ArrayList<>();
        int framesOwner = -1;
        for (String line : lines) {
            Matcher frame = FRAME.matcher(line);
            if (frame.matches()) {
                if (framesOwner < 0) {
                    framesOwner = outermostFirst.size() - 1;
                }
                if (framesOwner >= 0) {
                    outermostFirst.get(framesOwner).addFrame(frameOf(frame, inAppRules));
                }
                continue;
            }
            if (line.contains(END_OF_INNER)) {
                framesOwner = Math.max(0, framesOwner - 1);
                continue;
            }
            if (SEPARATOR.matcher(line).matches()) {
                continue;
            }
            Matcher header = HEADER.matcher(line);
            if (framesOwner < 0 && header.matches()) {
                boolean logMessageBefore = header.group("inner") == null && !outermostFirst.isEmpty();
                if (logMessageBefore) {
                    outermostFirst.clear();
                }
                outermostFirst.add(new ExceptionBuilder(header.group("type"), header.group("value")));
                continue;
            }
            if (framesOwner < 0 && !outermostFirst.isEmpty() && !line.isBlank()) {
                outermostFirst.get(outermostFirst.size() - 1).appendMessageLine(line);
            }
        }
        return outermostFirst.stream().map(ExceptionBuilder::build).toList();
    }

    private static StackFrame frameOf(Matcher frame, InAppRules inAppRules) {
        String qualified = frame.group("qualified");
        // Constructors are printed as "Type..ctor" / "Type..cctor": the function name itself starts with a dot.
        boolean constructor = qualified.endsWith("..ctor") || qualified.endsWith("..cctor");
        int dot = constructor ? qualified.lastIndexOf("..") : qualified.lastIndexOf('.');
        String module = dot > 0 ? qualified.substring(0, dot) : qualified;
        String function = dot > 0 ? qualified.substring(dot + 1) : null;
        String file = frame.group("file");
        Integer line = StackFrame.lineNumber(frame.group("line"));
        return new StackFrame(module, function, file, line, inAppRules.isInApp(Platform.DOTNET, module, file));
    }
}
