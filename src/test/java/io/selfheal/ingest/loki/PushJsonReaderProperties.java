package io.selfheal.ingest.loki;

import com.fasterxml.jackson.databind.ObjectMapper;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

class PushJsonReaderProperties {
    private static final ObjectMapper JSON = new ObjectMapper();

    record Value(long nanos, String line, Map<String, String> metadata) {
    }

    record Stream(Map<String, String> labels, List<Value> values, boolean labelsLast) {
    }

    /** Any well-formed push, its stream fields in either order, any text: every entry comes back, in order. */
    @Property(tries = 300)
    void everyEntryOfAWellFormedPushIsReadInOrder(@ForAll("pushes") List<Stream> streams) throws Exception {
        List<Object> jsonStreams = new ArrayList<>();
        List<LokiEntry> expected = new ArrayList<>();
        for (Stream stream : streams) {
            List<Object> values = new ArrayList<>();
            for (Value value : stream.values()) {
                values.add(value.metadata().isEmpty() ? List.of(Long.toString(value.nanos()), value.line())
                        : List.of(Long.toString(value.nanos()), value.line(), value.metadata()));
                expected.add(new LokiEntry(stream.labels(), value.nanos(), value.line(), value.metadata()));
            }
            Map<String, Object> object = new LinkedHashMap<>();
            if (!stream.labelsLast()) {
                object.put("stream", stream.labels());
            }
            object.put("values", values);
            if (stream.labelsLast()) {
                object.put("stream", stream.labels());
            }
            jsonStreams.add(object);
        }
        byte[] body = JSON.writeValueAsBytes(Map.of("streams", jsonStreams));

        assertThat(PushJsonReader.read(body, Integer.MAX_VALUE)).containsExactlyElementsOf(expected);
    }

    @Provide
    Arbitrary<List<Stream>> pushes() {
        Arbitrary<String> text = Arbitraries.strings().ofMaxLength(40);
        Arbitrary<Map<String, String>> map = Arbitraries.maps(Arbitraries.strings().alpha().ofMinLength(1)
                .ofMaxLength(8), text).ofMaxSize(3);
        Arbitrary<Value> value = Combinators.combine(Arbitraries.longs().greaterOrEqual(0), text, map)
                .as(Value::new);
        Arbitrary<Stream> stream = Combinators.combine(map, value.list().ofMaxSize(5), Arbitraries.of(true, false))
                .as(Stream::new);
        return stream.list().ofMaxSize(4);
    }
}
