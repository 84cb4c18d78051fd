package io.selfheal.fingerprint.stack;

import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Go panics and fatal errors with their goroutine dump. Only the first goroutine counts: the runtime prints the
 * panicking (or, for a fatal error, the failing) goroutine first, the others are bystanders.
 */
final class GoTraceFormat implements TraceFormat {

    /** Also net/http's log of a handler panic it recovered: {@code http: panic serving 10.0.0.7:41234: <value>}. */
    private static final Pattern PANIC = Pattern.compile(
            "^\\s*(?:http: )?(?<kind>panic|fatal error)(?: serving \\S+?)?: (?<value>.*?)(?: \\[recovered\\])?\\s*$");
    private static final Pattern GOROUTINE = Pattern.compile("^goroutine \\d+ \\[[^\\]]*\\]:\\s*$");
    private static final Pattern FUNCTION_LINE = Pattern.compile(
            "^(?:created by )?(?<qualified>[^\\s(][^\\s]*?)(?:\\((?<args>[^)]*)\\))?(?: in goroutine \\d+)?\\s*$");
    /** A fatal error's dump adds the frame and stack pointers: {@code +0x35 fp=0xc0200f83d0 sp=0xc0200f83a0 pc=0x650655}. */
    private static final Pattern FILE_LINE = Pattern.compile(
            "^\\s+(?<file>\\S+\\.(?:go|s)):(?<line>\\d+)(?: \\+0x[0-9a-f]+)?(?: fp=0x[0-9a-f]+ sp=0x[0-9a-f]+ pc=0x[0-9a-f]+)?\\s*$");

    @Override
    public Platform platform() {
        return Platform.GO;
    }

    @Override
    public boolean recognizes(String line) {
        return PANIC.matcher(line).matches() || GOROUTINE.matcher(line).matches() || FILE_LINE.matcher(line).matches();
    }

    @Override
    public List<ExceptionInfo> parse(List<String> lines, InAppRules inAppRules) {
        String type = null;
        String value = null;
        List<StackFrame> frames = new ArrayList<>();
        int goroutines = 0;
        String pendingFunction = null;
        for (String line : lines) {
            Matcher panic = PANIC.matcher(line);
            if (panic.matches() && goroutines == 0) {
                // A re-panic while recovering prints one more "panic:" line: the last one is what killed the process.
                type = typeOf(panic.group("kind"), panic.group("value"));
                value = panic.group("value");
                continue;
            }
            if (GOROUTINE.matcher(line).matches()) {
                goroutines++;
                continue;
            }
            if (goroutines != 1) {
                continue;
            }
            Matcher file = FILE_LINE.matcher(line);
            if (file.matches() && pendingFunction != null) {
                Integer lineNumber = StackFrame.lineNumber(file.group("line"));
                frames.add(frameOf(pendingFunction, file.group("file"), lineNumber, inAppRules));
                pendingFunction = null;
                continue;
            }
            Matcher function = FUNCTION_LINE.matcher(line);
            if (function.matches()) {
                pendingFunction = function.group("qualified");
            }
        }
        if (type == null && frames.isEmpty()) {
            return List.of();
        }
        return List.of(new ExceptionInfo(type == null ? "goroutine dump" : type, value, frames));
    }

    /** Go has no exception types: runtime errors and fatal errors are kinds of their own, anything else is a panic. */
    private static String typeOf(String kind, String value) {
        if (kind.equals("fatal error")) {
            return "fatal error";
        }
        return value.startsWith("runtime error:") ? "runtime.Error" : "panic";
    }

    /** Splits {@code github.com/acme/orders/store.(*Repo).Get} into package path and function. */
    private static StackFrame frameOf(String qualified, String file, Integer line, InAppRules inAppRules) {
        int lastSlash = qualified.lastIndexOf('/');
        int dot = qualified.indexOf('.', lastSlash + 1);
        String module = dot > 0 ? qualified.substring(0, dot) : qualified;
        String function = dot > 0 ? qualified.substring(dot + 1) : null;
        return new StackFrame(module, function, file, line, inAppRules.isInApp(Platform.GO, module, file));
    }
}
