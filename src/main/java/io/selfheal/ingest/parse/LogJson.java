package io.selfheal.ingest.parse;

import com.fasterxml.jackson.core.StreamReadFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.json.JsonMapper;

/**
 * The Jackson mapper that reads log input. Error locations leave out the source: a reference to it was built per
 * record (2% of the Kafka route's CPU), and reasons carry line and column anyway. Thread-safe once built.
 */
public final class LogJson {
    private static final ObjectMapper MAPPER =
            JsonMapper.builder().disable(StreamReadFeature.INCLUDE_SOURCE_IN_LOCATION).build();

    private LogJson() {
    }

    public static ObjectMapper mapper() {
        return MAPPER;
    }
}
