package io.selfheal.ingest.parse;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.selfheal.ingest.DeadLetter;
import io.selfheal.ingest.LogEvent;
import java.time.Instant;
import java.util.Map;

/** The parser under test and the source context every parser test uses. */
final class Parsing {

    static final Instant RECEIVED_AT = Instant.parse("2024-03-12T14:05:00Z");
    static final SourceContext CTX = new SourceContext("file:logs/orders.log", "orders", Map.of("env", "prod"),
            RECEIVED_AT);

    private static final LogParser PARSER = new LogParser();

    private Parsing() {
    }

    static LogEvent parse(String record) {
        ParseResult result = PARSER.parse(record, CTX);
        assertThat(result).isInstanceOf(ParseResult.Parsed.class);
        LogEvent event = ((ParseResult.Parsed) result).event();
        assertThat(event.source()).isEqualTo("file:logs/orders.log");
        assertThat(event.sourceRef()).isNull();
        return event;
    }

    static LogEvent fromJson(JsonNode object) {
        ParseResult result = PARSER.fromJson(object, CTX);
        assertThat(result).isInstanceOf(ParseResult.Parsed.class);
        return ((ParseResult.Parsed) result).event();
    }

    static DeadLetter reject(String record) {
        ParseResult result = PARSER.parse(record, CTX);
        assertThat(result).isInstanceOf(ParseResult.Rejected.class);
        return ((ParseResult.Rejected) result).deadLetter();
    }

    static DeadLetter rejectJson(JsonNode value) {
        ParseResult result = PARSER.fromJson(value, CTX);
        assertThat(result).isInstanceOf(ParseResult.Rejected.class);
        return ((ParseResult.Rejected) result).deadLetter();
    }

    /** The record without its first line: what the parser should report as the stack trace. */
    static String afterFirstLine(String record) {
        return record.substring(record.indexOf('\n') + 1);
    }
}
