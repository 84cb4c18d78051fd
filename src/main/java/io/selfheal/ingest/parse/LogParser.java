package io.selfheal.ingest.parse;

import com.fasterxml.jackson.core.JsonLocation;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.selfheal.ingest.DeadLetter;
import io.selfheal.ingest.DeadLetterKind;
import io.selfheal.ingest.LogEvent;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.Locale;
import java.util.Map;

/**
 * Turns one assembled record into a {@link LogEvent}, detecting its format per record: JSON
 * object (logstash, ECS, pino/bunyan, zap, python-json-logger, GELF), syslog (RFC 5424 or RFC 3164 after a
 * {@code <PRI>}), logfmt, or plain text with an optional stack trace. Stateless: one instance can be shared by all threads.
 */
public final class LogParser {

    private static final int MAX_REASON_CHARS = 512;

    /** Creates the streaming parsers (and the small trees of arrays inside records, see FlatJsonObject). */
    private final ObjectMapper json = LogJson.mapper();

    /**
     * Parses one record (a single line, or a log line with its stack trace) as read from a source. Never throws: a
     * record that makes any step fail is rejected with the failure as its reason, so it cannot block its source.
     */
    public ParseResult parse(String record, SourceContext ctx) {
        try {
            return parseOrThrow(record, ctx);
        } catch (RuntimeException | StackOverflowError e) {
            return reject(ctx, DeadLetterKind.PARSER_ERROR, "cannot parse: " + e, record == null ? "" : record);
        }
    }

    private ParseResult parseOrThrow(String record, SourceContext ctx) {
        if (record == null || record.isBlank()) {
            return reject(ctx, DeadLetterKind.UNPARSEABLE, "blank record", record == null ? "" : record);
        }
        String raw = TextLimits.cap(record, TextLimits.MAX_RAW_CHARS);
        if (StackTraceLines.isJsonObject(record)) {
            // Streamed into the flat field map, without a tree per record.
            Map<String, JsonNode> fields;
            try (JsonParser stream = json.createParser(record)) {
                stream.nextToken();
                fields = FlatJsonObject.read(stream);
                JsonToken trailing = stream.nextToken();
                if (trailing != null) {
                    return reject(ctx, DeadLetterKind.UNPARSEABLE, "invalid JSON" + where(stream.currentTokenLocation())
                            + ": Trailing token (of type " + trailing + ") found after the object", record);
                }
            } catch (JsonProcessingException e) {
                return reject(ctx, DeadLetterKind.UNPARSEABLE, "invalid JSON" + where(e.getLocation()) + ": "
                        + e.getOriginalMessage(), record);
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
            return parsed(StructuredRecordMapper.mapFields(fields, ctx, raw, null));
        }
        if (SyslogRecord.priLength(record) > 0) {
            return parsed(SyslogRecord.parse(record, ctx, raw));
        }
        int newline = record.indexOf('\n');
        Map<String, String> logfmt = LogfmtLine.parse(newline < 0 ? record : record.substring(0, newline));
        if (logfmt != null) {
            ObjectNode object = json.createObjectNode();
            logfmt.forEach(object::put);
            String continuation = newline < 0 ? null : record.substring(newline + 1);
            return parsed(StructuredRecordMapper.map(object, ctx, raw, continuation));
        }
        return parsed(PlainTextRecord.parse(record, ctx, raw));
    }

    /** Maps an already decoded JSON value (the HTTP endpoint's batch elements); anything but an object is rejected. */
    public ParseResult fromJson(JsonNode object, SourceContext ctx) {
        if (object == null || !object.isObject()) {
            String type = object == null ? "nothing" : object.getNodeType().name().toLowerCase(Locale.ROOT);
            return reject(ctx, DeadLetterKind.UNPARSEABLE, "expected a JSON object but got " + type, object == null ? "" : object.toString());
        }
        String raw = TextLimits.cap(object.toString(), TextLimits.MAX_RAW_CHARS);
        return parsed(StructuredRecordMapper.map(object, ctx, raw, null));
    }

    /**
     * Maps the fields of a JSON object already read by {@link FlatJsonObject} (the HTTP endpoint streams its batches).
     *
     * @param raw the object as received
     */
    public ParseResult fromFields(Map<String, JsonNode> fields, String raw, SourceContext ctx) {
        return parsed(StructuredRecordMapper.mapFields(fields, ctx, TextLimits.cap(raw, TextLimits.MAX_RAW_CHARS), null));
    }

    private static String where(JsonLocation at) {
        return at == null ? "" : " at line " + at.getLineNr() + " column " + at.getColumnNr();
    }

    private static ParseResult parsed(LogEvent event) {
        String message = TextLimits.cap(event.message(), TextLimits.MAX_MESSAGE_CHARS);
        String stackTrace = TextLimits.cap(event.stackTrace(), TextLimits.MAX_STACK_TRACE_CHARS);
        // Almost every record is within the limits: no second copy of its event then.
        return new ParseResult.Parsed(message == event.message() && stackTrace == event.stackTrace() ? event
                : new LogEvent(event.service(), event.timestamp(), event.level(), event.logger(), message, stackTrace,
                event.labels(), event.source(), event.raw(), event.sourceRef()));
    }

    private static ParseResult reject(SourceContext ctx, DeadLetterKind kind, String reason, String input) {
        return new ParseResult.Rejected(deadLetter(ctx, kind, reason, input));
    }

    /** A dead letter for {@code input} from the source of {@code ctx}, with reason and text capped as stored. */
    public static DeadLetter deadLetter(SourceContext ctx, DeadLetterKind kind, String reason, String input) {
        return new DeadLetter(ctx.source(), kind, TextLimits.cap(reason, MAX_REASON_CHARS),
                TextLimits.cap(input, TextLimits.MAX_RAW_CHARS), TextLimits.utf8Length(input));
    }
}
