package io.selfheal.ingest.parse;

import io.selfheal.ingest.Level;
import io.selfheal.ingest.LogEvent;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Parses a syslog message as a syslog server receives it: {@code <PRI>} followed by an RFC 5424 header
 * ({@code 1 TIMESTAMP HOSTNAME APP-NAME PROCID MSGID STRUCTURED-DATA MSG}) or an RFC 3164 (BSD) header
 * ({@code Mmm dd hh:mm:ss HOSTNAME TAG[pid]: MSG}). The severity in PRI is the level (the message text rarely repeats
 * it); APP-NAME or TAG is the service; hostname, facility, process id and message id become labels. Lines after the
 * first (a multi-line message, e.g. a stack trace) are the stack trace, as in plain text.
 */
final class SyslogRecord {
    /** PRI is at most 191: facility 23 (local7) times 8 plus severity 7. */
    private static final int MAX_PRI = 191;
    private static final String NIL = "-";
    private static final String[] FACILITIES = {"kern", "user", "mail", "daemon", "auth", "syslog", "lpr", "news",
            "uucp", "cron", "authpriv", "ftp", "ntp", "security", "console", "solaris-cron", "local0", "local1",
            "local2", "local3", "local4", "local5", "local6", "local7"};

    private SyslogRecord() {
    }

    /** The length of the {@code <PRI>} prefix starting {@code record}, or 0 when it has none. */
    static int priLength(String record) {
        if (record.length() < 3 || record.charAt(0) != '<') {
            return 0;
        }
        int close = record.indexOf('>', 1);
        if (close < 2 || close > 4) {
            return 0;
        }
        for (int i = 1; i < close; i++) {
            if (!Character.isDigit(record.charAt(i))) {
                return 0;
            }
        }
        return Integer.parseInt(record, 1, close, 10) <= MAX_PRI ? close + 1 : 0;
    }

    /** Parses a record that starts with a PRI ({@link #priLength} &gt; 0). */
    static LogEvent parse(String record, SourceContext ctx, String raw) {
        int priLength = priLength(record);
        int pri = Integer.parseInt(record, 1, priLength - 1, 10);
        int newline = record.indexOf('\n');
        String line = newline < 0 ? record : record.substring(0, newline);
        String following = newline < 0 ? "" : record.substring(newline + 1);
        Map<String, String> labels = new LinkedHashMap<>();
        labels.put("facility", FACILITIES[pri / 8]);
        Header header = isRfc5424(line, priLength)
                ? rfc5424(line, priLength + 2, ctx.receivedAt(), labels)
                : rfc3164(line, priLength, ctx.receivedAt(), labels);
        labels.putAll(ctx.labels());
        String service = header.appName() == null ? ctx.defaultService() : header.appName();
        return new LogEvent(service, header.timestamp(), level(pri % 8), null, header.message(),
                following.isBlank() ? null : following, labels, ctx.source(), raw, null);
    }

    /** Severity 0-2 (emergency, alert, critical) is FATAL, 3 ERROR, 4 WARN, 5-6 (notice, informational) INFO. */
    static Level level(int severity) {
        return switch (severity) {
            case 0, 1, 2 -> Level.FATAL;
            case 3 -> Level.ERROR;
            case 4 -> Level.WARN;
            case 5, 6 -> Level.INFO;
            default -> Level.DEBUG;
        };
    }

    private record Header(Instant timestamp, String appName, String message) {
    }

    /** RFC 5424 has version 1 right after PRI, then a space. */
    private static boolean isRfc5424(String line, int pos) {
        return line.length() > pos + 1 && line.charAt(pos) == '1' && line.charAt(pos + 1) == ' ';
    }

    private static Header rfc5424(String line, int pos, Instant receivedAt, Map<String, String> labels) {
        String[] fields = new String[5]; // TIMESTAMP HOSTNAME APP-NAME PROCID MSGID
        for (int i = 0; i < fields.length; i++) {
            int end = wordEnd(line, pos);
            fields[i] = line.substring(pos, end);
            pos = Math.min(end + 1, line.length());
        }
        Instant timestamp = receivedAt;
        if (!NIL.equals(fields[0])) {
            Timestamps.Match match = Timestamps.parseAt(fields[0], 0, receivedAt);
            timestamp = match == null ? receivedAt : match.instant();
        }
        putUnlessNil(labels, "host", fields[1]);
        putUnlessNil(labels, "pid", fields[3]);
        putUnlessNil(labels, "msgid", fields[4]);
        pos = structuredDataEnd(line, pos);
        String message = pos >= line.length() ? "" : line.substring(pos).strip();
        if (message.startsWith("\uFEFF")) {
            message = message.substring(1); // the UTF-8 BOM RFC 5424 allows before MSG
        }
        return new Header(timestamp, NIL.equals(fields[2]) || fields[2].isEmpty() ? null : fields[2], message);
    }

    /** After STRUCTURED-DATA: "-" or one or more [id param="value"...] elements, where "\]" may appear in values. */
    private static int structuredDataEnd(String line, int pos) {
        if (pos >= line.length() || line.charAt(pos) != '[') {
            return line.startsWith(NIL, pos) ? pos + 1 : pos;
        }
        boolean quoted = false;
        while (pos < line.length()) {
            char c = line.charAt(pos);
            if (c == '\\' && quoted) {
                pos += 2;
                continue;
            }
            if (c == '"') {
                quoted = !quoted;
            } else if (c == ']' && !quoted && (pos + 1 >= line.length() || line.charAt(pos + 1) != '[')) {
                return pos + 1;
            }
            pos++;
        }
        return pos;
    }

    /** RFC 3164: an optional timestamp, an optional hostname, then TAG (app[pid]: or app:) and the message. */
    private static Header rfc3164(String line, int pos, Instant receivedAt, Map<String, String> labels) {
        Instant timestamp = receivedAt;
        Timestamps.Match match = Timestamps.parseAt(line, pos, receivedAt);
        if (match != null) {
            timestamp = match.instant();
            pos = skipSpaces(line, match.end());
        }
        int end = wordEnd(line, pos);
        String word = line.substring(pos, end);
        if (!isTag(word)) {
            String next = line.substring(skipSpaces(line, end), wordEnd(line, skipSpaces(line, end)));
            if (isTag(next)) { // the word before the tag is the hostname
                putUnlessNil(labels, "host", word);
                pos = skipSpaces(line, end);
                end = wordEnd(line, pos);
                word = next;
            }
        }
        if (!isTag(word)) {
            return new Header(timestamp, null, line.substring(pos).strip());
        }
        String tag = word.substring(0, word.length() - 1);
        int bracket = tag.indexOf('[');
        if (bracket > 0 && tag.endsWith("]")) {
            putUnlessNil(labels, "pid", tag.substring(bracket + 1, tag.length() - 1));
            tag = tag.substring(0, bracket);
        }
        return new Header(timestamp, tag, line.substring(Math.min(end, line.length())).strip());
    }

    /** {@code app:} or {@code app[123]:}: letters, digits and {@code ._-/} before the optional pid and the colon. */
    private static boolean isTag(String word) {
        if (word.length() < 2 || !word.endsWith(":")) {
            return false;
        }
        int bracket = word.indexOf('[');
        int nameEnd = bracket < 0 ? word.length() - 1 : bracket;
        if (nameEnd == 0 || (bracket >= 0 && word.charAt(word.length() - 2) != ']')) {
            return false;
        }
        for (int i = 0; i < nameEnd; i++) {
            char c = word.charAt(i);
            if (!Character.isLetterOrDigit(c) && c != '.' && c != '_' && c != '-' && c != '/') {
                return false;
            }
        }
        return true;
    }

    private static void putUnlessNil(Map<String, String> labels, String key, String value) {
        if (!value.isEmpty() && !NIL.equals(value)) {
            labels.put(key, TextLimits.cap(value, StructuredRecordMapper.MAX_LABEL_VALUE_CHARS));
        }
    }

    private static int wordEnd(String line, int pos) {
        int end = line.indexOf(' ', pos);
        return end < 0 ? line.length() : end;
    }

    private static int skipSpaces(String line, int pos) {
        while (pos < line.length() && line.charAt(pos) == ' ') {
            pos++;
        }
        return pos;
    }
}
