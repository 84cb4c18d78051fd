package io.selfheal.ingest.http;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.selfheal.ingest.DeadLetter;
import io.selfheal.ingest.DeadLetterKind;
import io.selfheal.ingest.IngestBatch;
import io.selfheal.ingest.IngestNormalizer;
import io.selfheal.ingest.IsolatedParse;
import io.selfheal.ingest.LogEvent;
import io.selfheal.ingest.parse.LogParser;
import io.selfheal.ingest.parse.ParseResult;
import io.selfheal.ingest.parse.SourceContext;
import io.selfheal.ingest.parse.TextLimits;

import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * Decodes the body of {@code POST /api/v1/logs}: a JSON array of log objects (or of raw lines), a single JSON
 * object, NDJSON (one object per line), or plain text lines (also when labelled as a form, as {@code curl -d} does);
 * other content types are refused with a 415. Records that cannot be read become dead letters and the
 * rest is accepted; a body that cannot be read at all is a {@link BadPayloadException}.
 */
public final class HttpLogDecoder {
    static final String SOURCE = "http";
    private static final int MAX_ERRORS_REPORTED = 20;
    private static final int MAX_TENANT_CHARS = 128;
    private static final String FORM = "application/x-www-form-urlencoded";

    private final LogParser parser;
    private final IngestNormalizer normalizer;
    private final ObjectMapper json;
    private final Clock clock;

    public HttpLogDecoder(LogParser parser, IngestNormalizer normalizer, ObjectMapper json, Clock clock) {
        this.parser = parser;
        this.normalizer = normalizer;
        this.json = json;
        this.clock = clock;
    }

    /**
     * @param body        the raw request body
     * @param contentType the Content-Type header (may be null: the body is sniffed)
     * @param service     the optional {@code service} query parameter: service of records that name none
     */
    public IngestBatch decode(byte[] body, String contentType, String service) {
        return decode(body, contentType, service, null);
    }

    /**
     * As {@link #decode(byte[], String, String)}, with the pusher's {@code X-Scope-OrgID} header (Loki's tenant header,
     * which multi-tenant shippers send) kept as the {@code tenant} label of every event that names none.
     */
    public IngestBatch decode(byte[] body, String contentType, String service, String tenant) {
        IngestBatch batch = decodeBody(body, contentType, service);
        if (tenant == null || tenant.isBlank()) {
            return batch;
        }
        // A header is untrusted input like the body: capped, and kept out of the event only when empty.
        String value = TextLimits.cap(tenant.strip(), MAX_TENANT_CHARS);
        List<LogEvent> tagged = new ArrayList<>(batch.events().size());
        for (LogEvent event : batch.events()) {
            tagged.add(event.withLabelIfAbsent("tenant", value));
        }
        return new IngestBatch(batch.source(), tagged, batch.deadLetters(), batch.checkpoint());
    }

    private IngestBatch decodeBody(byte[] body, String contentType, String service) {
        if (body == null || body.length == 0) {
            throw new BadPayloadException("empty body: send a JSON array, NDJSON or text lines");
        }
        String text = new String(body, StandardCharsets.UTF_8);
        String type = contentType == null ? "" : contentType.toLowerCase(Locale.ROOT);
        String defaultService = service == null || service.isBlank() ? "unknown" : service;
        // curl -d sends text lines labelled as a form: they are read as the text they are.
        if (type.startsWith("text/plain") || type.startsWith(FORM)) {
            return normalizer.normalize(text, SOURCE, defaultService);
        }
        if (!type.isBlank() && !type.contains("json") && !type.startsWith("application/octet-stream")) {
            throw new UnsupportedContentTypeException(contentType);
        }
        String trimmed = text.strip();
        if (type.contains("ndjson") || type.contains("jsonl") || type.contains("json-seq")) {
            return ndjson(trimmed, defaultService);
        }
        if (trimmed.startsWith("[") || trimmed.startsWith("{")) {
            try {
                return document(json.readTree(trimmed), defaultService);
            } catch (JsonProcessingException e) {
                // Many shippers label NDJSON as application/json.
                if (trimmed.startsWith("{") && trimmed.indexOf('\n') > 0) {
                    return ndjson(trimmed, defaultService);
                }
                throw new BadPayloadException("invalid JSON: " + e.getOriginalMessage() + locationOf(e));
            }
        }
        if (type.contains("json")) {
            throw new BadPayloadException("a JSON body must be an array of log objects or one log object");
        }
        return normalizer.normalize(text, SOURCE, defaultService);
    }

    /**
     * The JSON answer to a stored batch: how many records were accepted (stored, or read and below the stored level),
     * how many rejected (kept as dead letters) and why. Read after the batch went through {@code direct:ingest}, so
     * an event the database refused counts as rejected, never as accepted.
     */
    public Map<String, Object> summary(IngestBatch batch) {
        Map<String, Object> answer = new LinkedHashMap<>();
        answer.put("accepted", batch.acceptedEvents());
        answer.put("rejected", batch.deadLetters().size());
        if (!batch.deadLetters().isEmpty()) {
            answer.put("errors", batch.deadLetters().stream().limit(MAX_ERRORS_REPORTED).map(DeadLetter::reason).toList());
        }
        return answer;
    }

    /** 200 when anything was accepted; 400 when every record was rejected, since sending it again cannot help. */
    public int status(IngestBatch batch) {
        return batch.acceptedEvents() == 0 && !batch.deadLetters().isEmpty() ? 400 : 200;
    }

    /** A dead letter for a payload rejected as a whole, so nothing pushed is lost even when it is unreadable. */
    public DeadLetter rejected(byte[] body, String reason, int status) {
        String text = body == null ? "" : new String(body, StandardCharsets.UTF_8);
        return new DeadLetter(SOURCE, DeadLetterKind.ofPayloadStatus(status), reason, TextLimits.cap(text, TextLimits.MAX_RAW_CHARS), body == null ? 0 : body.length);
    }

    private IngestBatch document(JsonNode root, String service) {
        SourceContext context = context(service);
        List<LogEvent> events = new ArrayList<>();
        List<DeadLetter> deadLetters = new ArrayList<>();
        if (root.isObject()) {
            collect(fromJson(root, context), events, deadLetters, "");
        } else if (root.isArray()) {
            int index = 0;
            for (JsonNode item : root) {
                String where = "item " + index++ + ": ";
                if (item.isObject()) {
                    collect(fromJson(item, context), events, deadLetters, where);
                } else if (item.isTextual()) {
                    collect(IsolatedParse.of(SOURCE, item.asText(), () -> parser.parse(item.asText(), context)),
                            events, deadLetters, where);
                } else {
                    deadLetters.add(new DeadLetter(SOURCE, DeadLetterKind.UNPARSEABLE, where + "expected a log object or a string, got "
                            + item.getNodeType().name().toLowerCase(Locale.ROOT), cap(item.toString()),
                            TextLimits.utf8Length(item.toString())));
                }
            }
        } else {
            throw new BadPayloadException("a JSON body must be an array of log objects or one log object");
        }
        return new IngestBatch(SOURCE, events, deadLetters, null);
    }

    private IngestBatch ndjson(String text, String service) {
        SourceContext context = context(service);
        List<LogEvent> events = new ArrayList<>();
        List<DeadLetter> deadLetters = new ArrayList<>();
        String[] lines = text.split("\r?\n");
        for (int i = 0; i < lines.length; i++) {
            String line = lines[i];
            if (line.isBlank()) {
                continue;
            }
            String where = "line " + (i + 1) + ": ";
            try {
                JsonNode node = json.readTree(line);
                if (node.isObject()) {
                    collect(fromJson(node, context), events, deadLetters, where);
                } else {
                    deadLetters.add(new DeadLetter(SOURCE, DeadLetterKind.UNPARSEABLE, where + "expected a JSON object", cap(line), TextLimits.utf8Length(line)));
                }
            } catch (JsonProcessingException e) {
                deadLetters.add(new DeadLetter(SOURCE, DeadLetterKind.UNPARSEABLE, where + "invalid JSON: " + e.getOriginalMessage() + locationOf(e),
                        cap(line), TextLimits.utf8Length(line)));
            }
        }
        if (events.isEmpty() && deadLetters.isEmpty()) {
            throw new BadPayloadException("the body holds no records");
        }
        return new IngestBatch(SOURCE, events, deadLetters, null);
    }

    private ParseResult fromJson(JsonNode node, SourceContext context) {
        return IsolatedParse.of(SOURCE, node.toString(), () -> parser.fromJson(node, context));
    }

    private SourceContext context(String service) {
        return new SourceContext(SOURCE, service, Map.of(), clock.instant());
    }

    private static void collect(ParseResult result, List<LogEvent> events, List<DeadLetter> deadLetters, String where) {
        if (result instanceof ParseResult.Parsed parsed) {
            events.add(parsed.event());
        } else if (result instanceof ParseResult.Rejected rejected) {
            DeadLetter d = rejected.deadLetter();
            deadLetters.add(new DeadLetter(d.source(), d.kind(), where + d.reason(), d.raw(), d.rawSize()));
        }
    }

    private static String cap(String text) {
        return TextLimits.cap(text, TextLimits.MAX_RAW_CHARS);
    }

    private static String locationOf(JsonProcessingException e) {
        return e.getLocation() == null ? ""
                : " (line " + e.getLocation().getLineNr() + ", column " + e.getLocation().getColumnNr() + ")";
    }
}
