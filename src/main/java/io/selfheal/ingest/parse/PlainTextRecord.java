package io.selfheal.ingest.parse;

import io.selfheal.ingest.Level;
import io.selfheal.ingest.LogEvent;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Parses a plain-text record: a log line ({@code timestamp [thread] LEVEL logger - message}, in the orders real
 * layouts use) optionally followed by its stack trace, or a stand-alone exception report.
 */
final class PlainTextRecord {

    /** Header words looked at before the message is assumed to have started; bounds work on long lines. */
    private static final int MAX_HEADER_WORDS = 10;

    private record Header(Instant timestamp, Level level, String thread, String logger, String message) {
    }

    private PlainTextRecord() {
    }

    static LogEvent parse(String record, SourceContext ctx, String raw) {
        int newline = record.indexOf('\n');
        String firstLine = newline < 0 ? record : record.substring(0, newline);
        if (StackTraceLines.isTraceStart(firstLine)) {
            String message = firstLine.startsWith(StackTraceLines.PYTHON_TRACEBACK)
                    ? lastUnindentedLine(record)
                    : firstLine.strip();
            return new LogEvent(ctx.defaultService(), ctx.receivedAt(), Level.ERROR, null, message, record,
                    ctx.labels(), ctx.source(), raw, null);
        }
        String following = newline < 0 ? "" : record.substring(newline + 1);
        String stackTrace = following.isBlank() ? null : following;
        Header header = header(firstLine, ctx.receivedAt());
        Level level = header.level() != null ? header.level() : stackTrace != null ? Level.ERROR : Level.INFO;
        Map<String, String> labels = new LinkedHashMap<>();
        if (header.thread() != null) {
            labels.put("thread", TextLimits.cap(header.thread(), StructuredRecordMapper.MAX_LABEL_VALUE_CHARS));
        }
        labels.putAll(ctx.labels());
        return new LogEvent(ctx.defaultService(), header.timestamp(), level, header.logger(), header.message(),
                stackTrace, labels, ctx.source(), raw, null);
    }

    private static Header header(String line, Instant receivedAt) {
        int length = line.length();
        int pos = skipSpaces(line, 0);
        Instant timestamp = receivedAt;
        boolean bracketed = pos < length && line.charAt(pos) == '[';
        Timestamps.Match match = Timestamps.parseAt(line, bracketed ? pos + 1 : pos, receivedAt);
        if (match != null && (!bracketed || (match.end() < length && line.charAt(match.end()) == ']'))) {
            timestamp = match.instant();
            pos = bracketed ? match.end() + 1 : match.end();
        }
        Level level = null;
        String thread = null;
        String logger = null;
        for (int words = 0; words < MAX_HEADER_WORDS; words++) {
            pos = skipSpaces(line, pos);
            if (pos >= length) {
                break;
            }
            if (line.charAt(pos) == '[') {
                int close = line.indexOf(']', pos);
                if (close < 0) {
                    break;
                }
                String inside = line.substring(pos + 1, close).strip();
                Level bracketedLevel = Level.parse(inside);
                if (level == null && bracketedLevel != null) {
                    level = bracketedLevel;
                } else {
                    // Spring Boot 3 prints [application] [thread]; the last bracket before the logger is the thread
                    thread = inside;
                }
                pos = close + 1;
                continue;
            }
            int end = wordEnd(line, pos);
            String word = line.substring(pos, end);
            if (isSeparator(word)) {
                pos = end;
                continue;
            }
            Level wordLevel = level == null ? levelWord(word) : null;
            if (wordLevel != null) {
                level = wordLevel;
                pos = end;
                continue;
            }
            int next = skipSpaces(line, end);
            if (isDigits(word) && line.startsWith("---", next)) {
                pos = end; // Spring Boot's process id
                continue;
            }
            int messageStart = logger == null ? loggerMessageStart(line, word, end, next, level == null) : -1;
            if (messageStart < 0) {
                break;
            }
            logger = word.endsWith(":") ? word.substring(0, word.length() - 1) : word;
            pos = messageStart;
            // python's default layout names the logger before the level ("name - LEVEL - message"): keep looking
            if (level != null) {
                break;
            }
        }
        return new Header(timestamp, level, thread, logger, line.substring(skipSpaces(line, pos)).stripTrailing());
    }

    /**
     * Where the message starts when {@code word} is a logger name: {@code c.a.OrderService -},
     * {@code org.foo.Bar:}, Spring's {@code o.s.w.DispatcherServlet    :}, or python's {@code payments -} before the
     * level. A bare word is only taken as a logger before the level, so "Retrying - attempt 3" stays a message.
     * Returns -1 when it is not a logger.
     */
    private static int loggerMessageStart(String line, String word, int end, int next, boolean beforeLevel) {
        boolean colonAttached = word.endsWith(":");
        String name = colonAttached ? word.substring(0, word.length() - 1) : word;
        if (!isLoggerName(name)) {
            return -1;
        }
        boolean dotted = name.indexOf('.') > 0;
        if (colonAttached) {
            return dotted ? end : -1;
        }
        boolean separatorFollows = next < line.length()
                && (line.charAt(next) == '-' || line.charAt(next) == ':')
                && (next + 1 == line.length() || line.charAt(next + 1) == ' ');
        return separatorFollows && (dotted || beforeLevel) ? next + 1 : -1;
    }

    private static boolean isLoggerName(String name) {
        if (name.isEmpty() || !Character.isLetter(name.charAt(0))
                || StackTraceLines.namesExceptionType(name, name.length())) {
            return false;
        }
        for (int i = 1; i < name.length(); i++) {
            char c = name.charAt(i);
            if (!Character.isLetterOrDigit(c) && c != '.' && c != '_' && c != '$' && c != '[' && c != ']' && c != '/') {
                return false;
            }
        }
        return true;
    }

    /** An upper-case level word such as {@code ERROR} or {@code WARN:}; lower-case words are message text. */
    private static Level levelWord(String word) {
        String name = word.endsWith(":") ? word.substring(0, word.length() - 1) : word;
        if (name.length() < 3) {
            return null;
        }
        for (int i = 0; i < name.length(); i++) {
            if (name.charAt(i) < 'A' || name.charAt(i) > 'Z') {
                return null;
            }
        }
        return Level.parse(name);
    }

    private static boolean isSeparator(String word) {
        return word.equals("-") || word.equals("|") || word.equals(":") || word.equals("---");
    }

    private static boolean isDigits(String word) {
        for (int i = 0; i < word.length(); i++) {
            if (word.charAt(i) < '0' || word.charAt(i) > '9') {
                return false;
            }
        }
        return !word.isEmpty();
    }

    /** The final {@code XError: msg} line of a Python traceback. */
    private static String lastUnindentedLine(String record) {
        String[] lines = record.split("\n");
        for (int i = lines.length - 1; i >= 0; i--) {
            if (!lines[i].isBlank() && !Character.isWhitespace(lines[i].charAt(0))) {
                return lines[i].strip();
            }
        }
        return lines[0].strip();
    }

    private static int skipSpaces(String line, int from) {
        int i = from;
        while (i < line.length() && (line.charAt(i) == ' ' || line.charAt(i) == '\t')) {
            i++;
        }
        return i;
    }

    private static int wordEnd(String line, int from) {
        int i = from;
        while (i < line.length() && line.charAt(i) != ' ' && line.charAt(i) != '\t') {
            i++;
        }
        return i;
    }
}
