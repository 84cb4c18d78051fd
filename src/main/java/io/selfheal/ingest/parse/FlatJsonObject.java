package io.selfheal.ingest.parse;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.BigIntegerNode;
import com.fasterxml.jackson.databind.node.BooleanNode;
import com.fasterxml.jackson.databind.node.DecimalNode;
import com.fasterxml.jackson.databind.node.IntNode;
import com.fasterxml.jackson.databind.node.LongNode;
import com.fasterxml.jackson.databind.node.NullNode;
import com.fasterxml.jackson.databind.node.TextNode;

import java.io.IOException;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Reads one JSON object from a streaming parser straight into the flat field map {@link StructuredRecordMapper}
 * works on: nested objects become dotted keys ({@code {"log":{"level":"error"}}} → {@code log.level}), scalars become
 * value nodes. No tree is built for the record; only arrays and objects nested deeper than the mapper flattens are
 * read as small trees (they end up as one label each, or are dropped).
 */
public final class FlatJsonObject {
    private FlatJsonObject() {
    }

    /**
     * @param parser positioned on the object's START_OBJECT; left on its END_OBJECT
     * @return the fields, first occurrence of a flattened key winning (as a nested object and a dotted key may collide)
     */
    public static Map<String, JsonNode> read(JsonParser parser) throws IOException {
        if (parser.currentToken() != JsonToken.START_OBJECT) {
            throw new IllegalStateException("expected the start of a JSON object, got " + parser.currentToken());
        }
        Map<String, JsonNode> fields = new LinkedHashMap<>();
        readObject(parser, "", fields, 0);
        return fields;
    }

    private static void readObject(JsonParser parser, String prefix, Map<String, JsonNode> out, int depth)
            throws IOException {
        String key;
        while ((key = parser.nextFieldName()) != null) {
            String name = prefix.isEmpty() ? key : prefix + "." + key;
            JsonToken token = parser.nextToken();
            if (token == JsonToken.START_OBJECT && depth < StructuredRecordMapper.MAX_NESTING) {
                readObject(parser, name, out, depth + 1);
            } else {
                JsonNode value = value(parser, token);
                out.putIfAbsent(name, value);
            }
        }
    }

    private static JsonNode value(JsonParser parser, JsonToken token) throws IOException {
        return switch (token) {
            case VALUE_STRING -> TextNode.valueOf(parser.getText());
            case VALUE_NUMBER_INT -> switch (parser.getNumberType()) {
                case INT -> IntNode.valueOf(parser.getIntValue());
                case LONG -> LongNode.valueOf(parser.getLongValue());
                default -> BigIntegerNode.valueOf(parser.getBigIntegerValue());
            };
            // Floats as BigDecimal keep epoch timestamps such as zap's 1710252131.4821234 exact.
            case VALUE_NUMBER_FLOAT -> DecimalNode.valueOf(parser.getDecimalValue());
            case VALUE_TRUE -> BooleanNode.TRUE;
            case VALUE_FALSE -> BooleanNode.FALSE;
            case VALUE_NULL -> NullNode.instance;
            default -> parser.readValueAsTree();
        };
    }
}
