package io.selfheal.ingest.parse;

import com.fasterxml.jackson.databind.JsonNode;
import io.selfheal.ingest.Level;
import io.selfheal.ingest.LogEvent;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.StringJoiner;

/**
 * Maps a structured record to a {@link LogEvent}, whichever shape it was written in: logstash-logback-encoder, ECS
 * (dotted keys or nested objects), pino/bunyan, zap, python-json-logger, GELF, or logfmt pairs. Nested objects are
 * flattened to dotted keys first, so {@code {"log":{"level":"error"}}} and {@code {"log.level":"error"}} read alike.
 * Fields that are not understood become labels, bounded in number and size.
 */
final class StructuredRecordMapper {

    static final int MAX_RECORD_LABELS = 32;
    static final int MAX_LABEL_VALUE_CHARS = 256;
    static final int MAX_NESTING = 4;

    private static final List<String> TIMESTAMP_KEYS =
            List.of("@timestamp", "timestamp", "time", "ts", "asctime", "date", "datetime");
    private static final List<String> LEVEL_KEYS =
            List.of("level", "log.level", "levelname", "severity", "loglevel", "lvl");
    private static final List<String> MESSAGE_KEYS = List.of("message", "msg", "short_message", "@message");
    private static final List<String> LOGGER_KEYS =
            List.of("logger_name", "log.logger", "logger", "loggerName", "name");
    private static final List<String> SERVICE_KEYS =
            List.of("service", "service.name", "service_name", "app", "application", "app_name");
    /** pino and bunyan use "name" for the application rather than the logger. */
    private static final List<String> PINO_LOGGER_KEYS = LOGGER_KEYS.subList(0, LOGGER_KEYS.size() - 1);
    private static final List<String> PINO_SERVICE_KEYS =
            List.of("service", "service.name", "service_name", "app", "application", "app_name", "name");
    private static final List<String> STACK_TRACE_KEYS = List.of("stack_trace", "stacktrace", "error.stack_trace",
            "err.stack", "error.stack", "exc_info", "exception", "stack");
    private static final List<String> ERROR_TYPE_KEYS = List.of("error.type", "err.type", "err.name");
    private static final List<String> ERROR_MESSAGE_KEYS = List.of("error.message", "err.message");
    private static final List<String> HOST_KEYS = List.of("host.name", "host.hostname", "host", "hostname");
    private static final List<String> THREAD_KEYS = List.of("thread_name", "thread", "process.thread.name");
    /** Format bookkeeping that says nothing about the event. */
    private static final Set<String> IGNORED_KEYS = Set.of("@version", "level_value", "ecs.version");

    private StructuredRecordMapper() {
    }

    /**
     * @param continuationLines lines that followed a logfmt line in the same record (its stack trace), or null
     */
    static LogEvent map(JsonNode object, SourceContext ctx, String raw, String continuationLines) {
        Map<String, JsonNode> fields = new LinkedHashMap<>();
        flatten("", object, fields, 0);
        return mapFields(fields, ctx, raw, continuationLines);
    }

    /**
     * As {@link #map}, for fields already flattened (by {@link FlatJsonObject}); the map is consumed.
     */
    static LogEvent mapFields(Map<String, JsonNode> fields, SourceContext ctx, String raw, String continuationLines) {
        boolean gelf = fields.containsKey("short_message") && fields.containsKey("version");
        if (gelf) {
            fields.remove("version");
            fields = withoutGelfUnderscores(fields);
        }
        Map<String, String> labels = new LinkedHashMap<>();

        JsonNode levelNode = take(fields, LEVEL_KEYS);
        // numeric levels identify pino and bunyan
        boolean numericLevel = levelNode != null && levelNode.isNumber();
        if (numericLevel) {
            fields.remove("v");
        }
        Level level = level(levelNode, gelf);
        if (level == null && levelNode != null) {
            labels.put("level", levelNode.asText());
        }

        Instant timestamp = timestamp(fields, ctx.receivedAt(), labels);
        String message = text(take(fields, MESSAGE_KEYS));
        String logger = text(take(fields, numericLevel ? PINO_LOGGER_KEYS : LOGGER_KEYS));
        String service = text(take(fields, numericLevel ? PINO_SERVICE_KEYS : SERVICE_KEYS));
        String stackTrace = joinLines(stackTrace(fields, gelf, message, labels), continuationLines);

        putLabel(labels, "host", text(take(fields, HOST_KEYS)));
        putLabel(labels, "thread", text(take(fields, THREAD_KEYS)));
        for (Map.Entry<String, JsonNode> field : fields.entrySet()) {
            if (labels.size() >= MAX_RECORD_LABELS) {
                break;
            }
            if (!IGNORED_KEYS.contains(field.getKey())) {
                putLabel(labels, field.getKey(), labelValue(field.getValue()));
            }
        }
        Map<String, String> allLabels = new LinkedHashMap<>(labels);
        allLabels.putAll(ctx.labels());

        if (level == null) {
            level = stackTrace != null ? Level.ERROR : Level.INFO;
        }
        if (message == null) {
            message = stackTrace != null ? firstLine(stackTrace) : "";
        }
        return new LogEvent(service != null ? service : ctx.defaultService(), timestamp, level, logger, message,
                stackTrace, allLabels, ctx.source(), raw, null);
    }

    private static void flatten(String prefix, JsonNode object, Map<String, JsonNode> out, int depth) {
        for (Map.Entry<String, JsonNode> field : object.properties()) {
            String key = prefix.isEmpty() ? field.getKey() : prefix + "." + field.getKey();
            JsonNode value = field.getValue();
            if (value.isObject() && depth < MAX_NESTING) {
                flatten(key, value, out, depth + 1);
            } else {
                out.putIfAbsent(key, value);
            }
        }
    }

    /** GELF prefixes additional fields with '_' ({@code _service}, {@code _env}); they are ordinary fields here. */
    private static Map<String, JsonNode> withoutGelfUnderscores(Map<String, JsonNode> fields) {
        Map<String, JsonNode> renamed = new LinkedHashMap<>();
        fields.forEach((key, value) -> renamed.putIfAbsent(
                key.length() > 1 && key.charAt(0) == '_' ? key.substring(1) : key, value));
        return renamed;
    }

    private static Level level(JsonNode levelNode, boolean gelf) {
        if (levelNode == null) {
            return null;
        }
        if (gelf && levelNode.canConvertToInt()) {
            return syslogSeverity(levelNode.asInt());
        }
        return Level.parse(levelNode.asText());
    }

    /** GELF carries syslog severities: 0 emergency … 7 debug. */
    private static Level syslogSeverity(int severity) {
        if (severity <= 2) {
            return Level.FATAL;
        }
        return switch (severity) {
            case 3 -> Level.ERROR;
            case 4 -> Level.WARN;
            case 5, 6 -> Level.INFO;
            default -> Level.DEBUG;
        };
    }

    private static Instant timestamp(Map<String, JsonNode> fields, Instant receivedAt, Map<String, String> labels) {
        for (String key : TIMESTAMP_KEYS) {
            JsonNode node = fields.get(key);
            if (node == null || node.isNull()) {
                continue;
            }
            fields.remove(key);
            Instant instant = node.isNumber()
                    ? Timestamps.fromEpoch(node.decimalValue())
                    : Timestamps.parse(node.asText(), receivedAt);
            if (instant != null) {
                return instant;
            }
            putLabel(labels, key, node.asText());
        }
        return receivedAt;
    }

    /**
     * The record's stack trace. When only an error type and message are given (ECS {@code error.*}, pino
     * {@code err.*} without {@code stack}) they are written as the {@code Type: message} header a trace starts with.
     */
    private static String stackTrace(Map<String, JsonNode> fields, boolean gelf, String message,
                                     Map<String, String> labels) {
        String stackTrace = text(take(fields, STACK_TRACE_KEYS));
        String errorType = text(take(fields, ERROR_TYPE_KEYS));
        String errorMessage = text(take(fields, ERROR_MESSAGE_KEYS));
        if (gelf) {
            String fullMessage = text(take(fields, List.of("full_message")));
            if (stackTrace == null && fullMessage != null && !fullMessage.equals(message)) {
                stackTrace = fullMessage;
            }
        }
        if (stackTrace != null) {
            return stackTrace;
        }
        if (errorType != null) {
            return errorMessage != null ? errorType + ": " + errorMessage : errorType;
        }
        putLabel(labels, "error.message", errorMessage);
        return null;
    }

    /** Removes and returns the first present, non-null field of the given keys. */
    private static JsonNode take(Map<String, JsonNode> fields, List<String> keys) {
        for (String key : keys) {
            JsonNode node = fields.get(key);
            if (node != null && !node.isNull()) {
                fields.remove(key);
                return node;
            }
        }
        return null;
    }

    private static String text(JsonNode node) {
        if (node == null) {
            return null;
        }
        String text = node.isValueNode() ? node.asText() : node.toString();
        return text.isBlank() ? null : text;
    }

    /** Scalars as text, arrays of scalars joined by commas (logstash {@code tags}); null for anything else. */
    private static String labelValue(JsonNode node) {
        if (node.isValueNode() && !node.isNull()) {
            return node.asText();
        }
        if (node.isArray()) {
            StringJoiner joined = new StringJoiner(",");
            for (JsonNode element : node) {
                if (!element.isValueNode()) {
                    return null;
                }
                joined.add(element.asText());
            }
            return joined.toString();
        }
        return null;
    }

    private static void putLabel(Map<String, String> labels, String key, String value) {
        if (value != null) {
            labels.put(key, TextLimits.cap(value, MAX_LABEL_VALUE_CHARS));
        }
    }

    private static String joinLines(String first, String second) {
        if (second == null || second.isBlank()) {
            return first;
        }
        return first == null ? second : first + "\n" + second;
    }

    private static String firstLine(String text) {
        int newline = text.indexOf('\n');
        return newline < 0 ? text : text.substring(0, newline);
    }
}
