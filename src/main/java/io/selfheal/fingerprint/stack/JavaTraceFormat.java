package io.selfheal.fingerprint.stack;

import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** {@code Throwable.printStackTrace} output, including logback's {@code ~[jar:version]} frame suffixes. */
final class JavaTraceFormat implements TraceFormat {

    /** The location is one token: {@code File.java:12}, {@code Native Method}, {@code Unknown Source}. */
    private static final Pattern FRAME = Pattern.compile(
            "^\\s*at (?<qualified>[^\\s(]+)\\((?:Native Method|Unknown Source|(?<file>[^\\s():]+)(?::(?<line>\\d+))?)\\)"
                    + "(?:\\s*~?\\[[^\\]]*\\])?\\s*$");
    private static final Pattern HEADER = Pattern.compile(
            "^(?<indent>\\s*)(?<prefix>Caused by: |Suppressed: |Exception in thread \"[^\"]*\" )?"
                    + "(?<type>(?:[a-zA-Z_$][\\w$]*\\.)+[a-zA-Z_$][\\w$]*|[A-Z][\\w$]*(?:Exception|Error|Throwable))"
                    + "(?::\\s?(?<value>.*))?$");
    /** A hidden class suffix such as {@code $$Lambda$14/0x0000000800c03000} or Java 8's {@code $$Lambda$14/1234}. */
    private static final Pattern HIDDEN_CLASS_SUFFIX = Pattern.compile("/(?:0x)?[0-9a-fA-F]+(?=\\.[^.]+$)");
    /** The last N frames equal those of the enclosing exception, which printed them. */
    private static final Pattern OMITTED_FRAMES = Pattern.compile(
            "^\\s*\\.\\.\\. (?<count>\\d+) (?:more|common frames omitted)\\s*$");

    @Override
    public Platform platform() {
        return Platform.JAVA;
    }

    @Override
    public boolean recognizes(String line) {
        return FRAME.matcher(line).matches();
    }

    @Override
    public List<ExceptionInfo> parse(List<String> lines, InAppRules inAppRules) {
        CauseChain chain = new CauseChain();
        int suppressedIndent = -1;
        for (String line : lines) {
            int indent = indentOf(line);
            if (suppressedIndent >= 0) {
                // Suppressed exceptions are not causes: their block (deeper lines and nested causes) is skipped.
                boolean nestedCause = indent == suppressedIndent && line.strip().startsWith("Caused by: ");
                if (indent > suppressedIndent || nestedCause || line.isBlank()) {
                    continue;
                }
                suppressedIndent = -1;
            }
            Matcher frame = FRAME.matcher(line);
            if (frame.matches()) {
                chain.frame(frameOf(frame, inAppRules));
                continue;
            }
            Matcher omitted = OMITTED_FRAMES.matcher(line);
            if (omitted.matches()) {
                String count = omitted.group("count");
                // A count too long for an int is no trace Java printed: every enclosing frame, without parsing it.
                chain.repeatEnclosingFrames(count.length() > 9 ? Integer.MAX_VALUE : Integer.parseInt(count));
                continue;
            }
            Matcher header = HEADER.matcher(line);
            if (!header.matches()) {
                chain.otherLine(line);
            } else if ("Suppressed: ".equals(header.group("prefix"))) {
                suppressedIndent = indent;
            } else {
                chain.header("Caused by: ".equals(header.group("prefix")), header.group("type"), header.group("value"));
            }
        }
        return chain.outermostFirst();
    }

    private static StackFrame frameOf(Matcher frame, InAppRules inAppRules) {
        String qualified = HIDDEN_CLASS_SUFFIX.matcher(frame.group("qualified")).replaceFirst("");
        // Java 9+ prefixes the class with "classLoader/module@version/"; the class name itself has no slash.
        qualified = qualified.substring(qualified.lastIndexOf('/') + 1);
        int dot = qualified.lastIndexOf('.');
        String module = dot > 0 ? qualified.substring(0, dot) : qualified;
        String function = dot > 0 ? qualified.substring(dot + 1) : null;
        String file = frame.group("file");
        Integer line = StackFrame.lineNumber(frame.group("line"));
        return new StackFrame(module, function, file, line, inAppRules.isInApp(Platform.JAVA, module, file));
    }

    private static int indentOf(String line) {
        int i = 0;
        while (i < line.length() && Character.isWhitespace(line.charAt(i))) {
            i++;
        }
        return i;
    }
}
