package io.selfheal.ingest.parse;

import static io.selfheal.ingest.parse.Parsing.parse;
import static io.selfheal.ingest.parse.Parsing.reject;
import static io.selfheal.ingest.parse.Parsing.rejectJson;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import io.selfheal.ingest.DeadLetter;
import io.selfheal.ingest.Level;
import io.selfheal.ingest.LogEvent;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

class RejectionAndLimitsTest {

    private static final int TEN_MB = 10 * 1024 * 1024;

    @Test
    void truncatedJsonIsRejectedWithPosition() {
        String record = "{\"level\":\"error\",\"msg\":\"Zahlung für Bestellung 8812 abgelehnt";
        DeadLetter deadLetter = reject(record);

        assertThat(deadLetter.source()).isEqualTo("file:logs/orders.log");
        assertThat(deadLetter.reason()).startsWith("invalid JSON at line 1 column 62: Unexpected end-of-input");
        assertThat(deadLetter.raw()).isEqualTo(record);
        assertThat(deadLetter.rawSize()).isEqualTo(record.getBytes(StandardCharsets.UTF_8).length);
    }

    @Test
    void jsonFollowedByGarbageIsRejected() {
        DeadLetter deadLetter = reject("{\"level\":\"info\",\"msg\":\"ok\"} {\"level\":\"info\"");

        assertThat(deadLetter.reason()).startsWith("invalid JSON at line 1 column 29: Trailing token");
    }

    @Test
    void blankRecordsAreRejected() {
        DeadLetter deadLetter = reject("  \n\t ");

        assertThat(deadLetter.reason()).isEqualTo("blank record");
        assertThat(deadLetter.raw()).isEqualTo("  \n\t ");
        assertThat(deadLetter.rawSize()).isEqualTo(5);
        assertThat(reject("").reason()).isEqualTo("blank record");
    }

    @Test
    void decodedValuesThatAreNotObjectsAreRejected() {
        JsonNodeFactory nodes = JsonNodeFactory.instance;

        DeadLetter array = rejectJson(nodes.arrayNode().add("a log line"));
        assertThat(array.reason()).isEqualTo("expected a JSON object but got array");
        assertThat(array.raw()).isEqualTo("[\"a log line\"]");

        assertThat(rejectJson(nodes.textNode("a log line")).reason()).isEqualTo("expected a JSON object but got string");
        assertThat(rejectJson(null).reason()).isEqualTo("expected a JSON object but got nothing");
    }

    @Test
    void tenMegabyteLineIsCappedWithMarker() {
        String header = "2024-03-12 14:02:11,482 [main] ERROR c.a.orders.ImportJob - Rejected payload ";
        String record = header + "x".repeat(TEN_MB);

        LogEvent event = parse(record);

        assertThat(event.level()).isEqualTo(Level.ERROR);
        assertThat(event.logger()).isEqualTo("c.a.orders.ImportJob");
        assertThat(event.raw()).hasSize(TextLimits.MAX_RAW_CHARS + "…[truncated 10485711 chars]".length())
                .startsWith(header)
                .endsWith("x…[truncated " + (record.length() - TextLimits.MAX_RAW_CHARS) + " chars]");
        assertThat(event.message()).startsWith("Rejected payload xxx")
                .endsWith("…[truncated " + (record.length() - header.length() + 17 - TextLimits.MAX_MESSAGE_CHARS)
                        + " chars]");
    }

    @Test
    void tenMegabyteBrokenJsonKeepsItsFullSizeInTheDeadLetter() {
        String record = "{\"msg\":\"" + "y".repeat(TEN_MB);

        DeadLetter deadLetter = reject(record);

        assertThat(deadLetter.rawSize()).isEqualTo(record.length());
        assertThat(deadLetter.raw()).endsWith("y…[truncated " + (record.length() - TextLimits.MAX_RAW_CHARS) + " chars]");
    }

    @Test
    void tenMegabyteLinePassesThroughTheAssemblerAsOneRecord() {
        MultilineAssembler assembler = new MultilineAssembler();
        String line = "2024-03-12 14:02:11,482 [main] WARN c.a.orders.ImportJob - " + "z".repeat(TEN_MB);

        assertThat(assembler.offer(line)).isEmpty();
        assertThat(assembler.flush()).contains(line);
    }
}
