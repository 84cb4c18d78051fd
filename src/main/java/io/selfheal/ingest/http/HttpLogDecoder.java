package io.selfheal.ingest.http;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.selfheal.ingest.DeadLetter;
import io.selfheal.ingest.DeadLetterKind;
import io.selfheal.ingest.IngestBatch;
import io.selfheal.ingest.IngestNormalizer;
import io.selfheal.ingest.IsolatedParse;
import io.selfheal.ingest.LogEvent;
import io.selfheal.ingest.parse.FlatJsonObject;
import io.selfheal.ingest.parse.LogParser;
import io.selfheal.ingest.parse.ParseResult;
import io.selfheal.ingest.parse.SourceContext;
import io.selfheal.ingest.parse.TextLimits;

import java.io.IOException;
import java.io.UncheckedIOException;
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
    private final JsonFactory json;
    private final Clock clock;
    private final long maxDecodedBytes;

    /**
     * @param maxDecodedBytes the largest body accepted once gunzipped (a gzip bomb guard); a larger one is refused
     *                        with 413 without inflating more than this
     */
    public HttpLogDecoder(LogParser parser, IngestNormalizer normalizer, ObjectMapper json, Clock clock,
                          long maxDecodedBytes) {
        this.parser = parser;
        this.normalizer = normalizer;
        this.json = json.getFactory();
        this.clock = clock;
        this.maxDecodedBytes = maxDecodedBytes;
    }

    /**
     * @param body        the raw request body
     * @param contentType the Content-Type header (may be null: the body is sniffed)
     * @param service     the optional {@code service} query parameter: service of records that name none
     */
    public IngestBatch decode(byte[] body, String contentType, String service) {
        return decode(body, contentType, null, service, null);
    }

    /**
     * As {@link #decode(byte[], String, String)}, for a body sent with {@code Content-Encoding} (gzip is supported)
     * and the pusher's {@code X-Scope-OrgID} header (Loki's tenant header, which multi-tenant shippers send) kept as the
     * {@code tenant} label of every event that names none.
     */
    public IngestBatch decode(byte[] body, String contentType, String contentEncoding, String service, String tenant) {
        if (body != null && body.length > 0 && BoundedGunzip.isGzip(contentEncoding)) {
            body = BoundedGunzip.gunzip(body, maxDecodedBytes);
        }
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
        String type = contentType == null ? "" : contentType.toLowerCase(Locale.ROOT);
        String defaultService = service == null || service.isBlank() ? "unknown" : service;
        // curl -d sends text lines labelled as a form: they are read as the text they are.
        if (type.startsWith("text/plain") || type.startsWith(FORM)) {
            return normalizer.normalize(new String(body, StandardCharsets.UTF_8), SOURCE, defaultService);
        }
        if (!type.isBlank() && !type.contains("json") && !type.startsWith("application/octet-stream")) {
            throw new UnsupportedContentTypeException(contentType);
        }
        if (type.contains("ndjson") || type.contains("jsonl") || type.contains("json-seq")) {
            return ndjson(body, defaultService);
        }
        int first = firstNonBlank(body, 0);
        if (first < body.length && (body[first] == '[' || body[first] == '{')) {
            try {
                return document(body, defaultService);
            } catch (JsonProcessingException e) {
                // Many shippers label NDJSON as application/json: read it line by line, so one bad line is one dead letter.
                if (body[first] == '{' && hasNewlineAfter(body, first)) {
                    return ndjson(body, defaultService);
                }
                throw new BadPayloadException("invalid JSON: " + e.getOriginalMessage() + locationOf(e));
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }
        if (type.contains("json")) {
            throw new BadPayloadException("a JSON body must be an array of log objects or one log object");
        }
        return normalizer.normalize(new String(body, StandardCharsets.UTF_8), SOURCE, defaultService);
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
        return new DeadLetter(SOURCE, DeadLetterKind.ofPayloadStatus(status), reason,
                TextLimits.cap(PayloadText.of(body), TextLimits.MAX_RAW_CHARS), body == null ? 0 : body.length);
    }

/**
     * A JSON array of log objects (or raw lines), or one or more log objects one after the other (NDJSON sent as
     * application/json), read with the streaming parser: each object goes straight into the parser's flat field map
     * and keeps its own bytes as raw text. Invalid JSON anywhere refuses the whole body (it cannot be split reliably).
     */
    private IngestBatch document(byte[] body, String service) throws IOException {
        SourceContext context = context(service);
        List<LogEvent> events = new ArrayList<>();
        List<DeadLetter> deadLetters = new ArrayList<>();
        try (JsonParser stream = json.createParser(body)) {
            JsonToken root = stream.nextToken();
            if (root == JsonToken.START_ARRAY) {
                int index = 0;
                JsonToken item;
                while ((item = stream.nextToken()) != JsonToken.END_ARRAY) {
                    item(stream, item, body, context, events, deadLetters, "item " + index++ + ": ");
                }
                if (stream.nextToken() != null) {
                    throw new BadPayloadException("unexpected content after the JSON array");
                }
            } else {
                int index = 0;
                for (JsonToken object = root; object != null; object = stream.nextToken()) {
                    if (object != JsonToken.START_OBJECT) {
                        throw new BadPayloadException("a JSON body must be an array of log objects or one log object");
                    }
                    item(stream, object, body, context, events, deadLetters, index++ == 0 ? "" : "object " + index + ": ");
                }
            }
        }
        return new IngestBatch(SOURCE, events, deadLetters, null);
    }

    private void item(JsonParser stream, JsonToken token, byte[] body, SourceContext context, List<LogEvent> events,
                      List<DeadLetter> deadLetters, String where) throws IOException {
        if (token == JsonToken.START_OBJECT) {
            int start = (int) stream.currentTokenLocation().getByteOffset();
            Map<String, JsonNode> fields = FlatJsonObject.read(stream);
            int end = (int) stream.currentLocation().getByteOffset();
            String raw = new String(body, start, end - start, StandardCharsets.UTF_8);
            collect(IsolatedParse.of(SOURCE, raw, () -> parser.fromFields(fields, raw, context)), events, deadLetters, where);
        } else if (token == JsonToken.VALUE_STRING) {
            String line = stream.getText();
            collect(IsolatedParse.of(SOURCE, line, () -> parser.parse(line, context)), events, deadLetters, where);
        } else {
            String type = token.isNumeric() ? "number" : token == JsonToken.START_ARRAY ? "array"
                    : token.isBoolean() ? "boolean" : "null";
            String raw = token.isStructStart() ? stream.readValueAsTree().toString() : stream.getText();
            deadLetters.add(new DeadLetter(SOURCE, DeadLetterKind.UNPARSEABLE, where + "expected a log object or a string, got "
                    + type, cap(raw), TextLimits.utf8Length(raw)));
        }
    }

    /** One JSON object per line; a line that is not one is a dead letter with its reason, the others are read. */
    private IngestBatch ndjson(byte[] body, String service) {
        SourceContext context = context(service);
        List<LogEvent> events = new ArrayList<>();
        List<DeadLetter> deadLetters = new ArrayList<>();
        int lineNumber = 0;
        for (int start = 0; start < body.length; ) {
            int newline = indexOf(body, (byte) '\n', start);
            int end = newline < 0 ? body.length : newline;
            lineNumber++;
            int last = end;
            while (last > start && (body[last - 1] == '\r' || body[last - 1] == ' ' || body[last - 1] == '\t')) {
                last--;
            }
            int first = start;
            while (first < last && (body[first] == ' ' || body[first] == '\t')) {
                first++;
            }
            if (first < last) {
                ndjsonLine(body, first, last - first, "line " + lineNumber + ": ", context, events, deadLetters);
            }
            start = end + 1;
        }
        if (events.isEmpty() && deadLetters.isEmpty()) {
            throw new BadPayloadException("the body holds no records");
        }
        return new IngestBatch(SOURCE, events, deadLetters, null);
    }

    private void ndjsonLine(byte[] body, int offset, int length, String where, SourceContext context,
                            List<LogEvent> events, List<DeadLetter> deadLetters) {
        String line = new String(body, offset, length, StandardCharsets.UTF_8);
        try (JsonParser stream = json.createParser(body, offset, length)) {
            if (stream.nextToken() != JsonToken.START_OBJECT) {
                deadLetters.add(new DeadLetter(SOURCE, DeadLetterKind.UNPARSEABLE, where + "expected a JSON object", cap(line),
                        TextLimits.utf8Length(line)));
                return;
            }
            Map<String, JsonNode> fields = FlatJsonObject.read(stream);
            if (stream.nextToken() != null) {
                deadLetters.add(new DeadLetter(SOURCE, DeadLetterKind.UNPARSEABLE, where
                        + "invalid JSON: more than one value on the line", cap(line), TextLimits.utf8Length(line)));
                return;
            }
            collect(IsolatedParse.of(SOURCE, line, () -> parser.fromFields(fields, line, context)), events, deadLetters, where);
        } catch (JsonProcessingException e) {
            deadLetters.add(new DeadLetter(SOURCE, DeadLetterKind.UNPARSEABLE, where + "invalid JSON: " + e.getOriginalMessage()
                    + locationOf(e), cap(line), TextLimits.utf8Length(line)));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static int firstNonBlank(byte[] body, int from) {
        int i = from;
        while (i < body.length && (body[i] == ' ' || body[i] == '\t' || body[i] == '\r' || body[i] == '\n')) {
            i++;
        }
        return i;
    }

    private static boolean hasNewlineAfter(byte[] body, int from) {
        int newline = indexOf(body, (byte) '\n', from);
        return newline > 0 && firstNonBlank(body, newline) < body.length;
    }

    private static int indexOf(byte[] body, byte value, int from) {
        for (int i = from; i < body.length; i++) {
            if (body[i] == value) {
                return i;
            }
        }
        return -1;
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
