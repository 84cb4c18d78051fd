package io.selfheal.ingest.loki;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.databind.JsonNode;
import io.selfheal.ingest.http.BadPayloadException;
import io.selfheal.ingest.http.PayloadTooLargeException;
import io.selfheal.ingest.parse.LogJson;

import java.io.IOException;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Reads Loki's JSON push body with Jackson's streaming parser, without a tree of the whole request:
 * {@code {"streams": [{"stream": {labels}, "values": [["<unix ns>", "<line>"(, {metadata})], ...]}]}}, or the older
 * form {@code {"labels": "{...}", "entries": [{"ts": "RFC 3339", "line": "..."}]}}. A stream's fields may come in any
 * order, so its entries are labelled when its object ends; a push with more than {@code maxEntries} entries is
 * refused as soon as the limit is passed. Malformed input is a {@link BadPayloadException} naming the stream.
 */
final class PushJsonReader {
    private static final String SHAPE = "a JSON push must be {\"streams\": [{\"stream\": {...}, \"values\": [...]}]}";
    private static final String VALUE_SHAPE = ": each value must be [\"<unix ns>\", \"<line>\"(, {metadata})]";

    private final int maxEntries;
    private final List<LokiEntry> entries = new ArrayList<>();

    private PushJsonReader(int maxEntries) {
        this.maxEntries = maxEntries;
    }

    static List<LokiEntry> read(byte[] body, int maxEntries) {
        JsonFactory factory = LogJson.mapper().getFactory();
        try (JsonParser parser = factory.createParser(body)) {
            return new PushJsonReader(maxEntries).request(parser);
        } catch (JsonProcessingException e) {
            throw new BadPayloadException("invalid JSON: " + e.getOriginalMessage());
        } catch (IOException e) {
            throw new BadPayloadException("invalid JSON: " + e.getMessage());
        }
    }

    private List<LokiEntry> request(JsonParser parser) throws IOException {
        if (parser.nextToken() != JsonToken.START_OBJECT) {
            throw new BadPayloadException(SHAPE);
        }
        boolean streams = false;
        String name;
        while ((name = parser.nextFieldName()) != null) {
            JsonToken token = parser.nextToken();
            if ("streams".equals(name) && token == JsonToken.START_ARRAY) {
                streams = true;
                int index = 0;
                while (parser.nextToken() != JsonToken.END_ARRAY) {
                    stream(parser, "streams[" + index++ + "]");
                }
            } else {
                if ("streams".equals(name)) {
                    streams = false;
                }
                parser.skipChildren();
            }
        }
        if (!streams) {
            throw new BadPayloadException(SHAPE);
        }
        return entries;
    }

    /** One element of {@code streams}; the parser is on its first token and is left on its last. */
    private void stream(JsonParser parser, String where) throws IOException {
        if (parser.currentToken() != JsonToken.START_OBJECT) {
            parser.skipChildren();
            throw new BadPayloadException(where + ": a stream needs a \"stream\" object of labels");
        }
        Map<String, String> streamObject = null;
        String labelText = null;
        List<RawValue> values = null;
        List<RawValue> oldEntries = new ArrayList<>();
        String name;
        while ((name = parser.nextFieldName()) != null) {
            JsonToken token = parser.nextToken();
            switch (name) {
                case "stream" -> streamObject = token == JsonToken.START_OBJECT ? textMap(parser) : skip(parser);
                case "labels" -> labelText = token == JsonToken.VALUE_STRING ? parser.getText() : skip(parser);
                case "values" -> values = values(parser, token);
                case "entries" -> oldEntries = oldEntries(parser, token, where);
                default -> parser.skipChildren();
            }
        }
        Map<String, String> labels = labels(streamObject, labelText, where);
        for (RawValue value : values != null ? values : oldEntries) {
            entries.add(value.entry(labels, where));
        }
    }

    private static Map<String, String> labels(Map<String, String> streamObject, String labelText, String where) {
        if (streamObject != null) {
            return streamObject;
        }
        if (labelText != null) {
            try {
                return LokiLabels.parse(labelText);
            } catch (IllegalArgumentException e) {
                throw new BadPayloadException(where + ": " + e.getMessage());
            }
        }
        throw new BadPayloadException(where + ": a stream needs a \"stream\" object of labels");
    }

    private List<RawValue> values(JsonParser parser, JsonToken token) throws IOException {
        List<RawValue> values = new ArrayList<>();
        if (token != JsonToken.START_ARRAY) {
            parser.skipChildren();
            return values;
        }
        while (parser.nextToken() != JsonToken.END_ARRAY) {
            values.add(value(parser));
            counted(values.size());
        }
        return values;
    }

    /** {@code ["<unix ns>", "<line>"(, {metadata})]}; what is wrong with it is told once the stream's labels are known. */
    private static RawValue value(JsonParser parser) throws IOException {
        RawValue value = new RawValue();
        if (parser.currentToken() != JsonToken.START_ARRAY) {
            parser.skipChildren();
            return value;
        }
        int index = 0;
        JsonToken token;
        while ((token = parser.nextToken()) != JsonToken.END_ARRAY) {
            switch (index++) {
                case 0 -> {
                    value.timestamp = token.isScalarValue() ? parser.getText() : "";
                    value.timestampJson = token == JsonToken.VALUE_STRING ? '"' + value.timestamp + '"'
                            : token.isScalarValue() ? value.timestamp : parser.readValueAsTree().toString();
                }
                case 1 -> value.line = token == JsonToken.VALUE_STRING ? parser.getText() : skip(parser);
                case 2 -> value.metadata = token == JsonToken.START_OBJECT ? textMap(parser) : skip(parser);
                default -> parser.skipChildren();
            }
        }
        value.wellFormed = index >= 2 && value.line != null;
        return value;
    }

    private List<RawValue> oldEntries(JsonParser parser, JsonToken token, String where) throws IOException {
        List<RawValue> old = new ArrayList<>();
        if (token != JsonToken.START_ARRAY) {
            parser.skipChildren();
            return old;
        }
        while (parser.nextToken() != JsonToken.END_ARRAY) {
            JsonNode entry = parser.readValueAsTree();
            Instant ts = rfc3339(entry.path("ts").asText(""));
            if (ts == null || !entry.path("line").isTextual()) {
                throw new BadPayloadException(where + ": an entry needs an RFC 3339 \"ts\" and a \"line\"");
            }
            RawValue value = new RawValue();
            value.timestamp = Long.toString(ts.getEpochSecond() * 1_000_000_000L + ts.getNano());
            value.line = entry.path("line").asText();
            value.wellFormed = true;
            old.add(value);
            counted(old.size());
        }
        return old;
    }

    private void counted(int inStream) {
        if (entries.size() + inStream > maxEntries) {
            throw new PayloadTooLargeException("push request holds more than " + maxEntries
                    + " entries; send smaller batches");
        }
    }

    /** Text values as they are, any other value as its JSON. The parser is on START_OBJECT and left on its end. */
    private static Map<String, String> textMap(JsonParser parser) throws IOException {
        Map<String, String> map = new LinkedHashMap<>();
        String name;
        while ((name = parser.nextFieldName()) != null) {
            JsonToken token = parser.nextToken();
            map.put(name, token == JsonToken.VALUE_STRING ? parser.getText() : parser.readValueAsTree().toString());
        }
        return map;
    }

    private static <T> T skip(JsonParser parser) throws IOException {
        parser.skipChildren();
        return null;
    }

    private static Instant rfc3339(String text) {
        try {
            return OffsetDateTime.parse(text).toInstant();
        } catch (DateTimeParseException e) {
            return null;
        }
    }

    /** A value as read, checked when its stream's labels are known (so errors name the same problem as before). */
    private static final class RawValue {
        String timestamp = "";
        /** The timestamp as written, for the reason it is refused. */
        String timestampJson;
        String line;
        Map<String, String> metadata;
        boolean wellFormed;

        LokiEntry entry(Map<String, String> labels, String where) {
            if (!wellFormed) {
                throw new BadPayloadException(where + VALUE_SHAPE);
            }
            long nanos;
            try {
                nanos = Long.parseLong(timestamp);
            } catch (NumberFormatException e) {
                throw new BadPayloadException(where + ": timestamp must be nanoseconds since the epoch as a string, "
                        + "not " + timestampJson);
            }
            return new LokiEntry(labels, nanos, line, metadata != null ? metadata : Map.of());
        }
    }
}
