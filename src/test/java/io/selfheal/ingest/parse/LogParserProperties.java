package io.selfheal.ingest.parse;

import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;

import java.time.Instant;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

class LogParserProperties {
    private static final Instant RECEIVED_AT = Instant.parse("2026-12-02T12:00:00Z");
    /** The range PostgreSQL's timestamptz and every log date format share. */
    private static final Instant EARLIEST = Instant.parse("0001-01-01T00:00:00Z");
    private static final Instant LATEST = Instant.parse("9999-12-31T23:59:59.999999999Z");

    private final LogParser parser = new LogParser();
    private final SourceContext context = new SourceContext("file:app.log", "app", Map.of(), RECEIVED_AT);

    /** Any record becomes an event or a dead letter that keeps its text; nothing throws, no date is unstorable. */
    @Property(tries = 500)
    void everyRecordIsAnEventOrADeadLetterKeepingItsText(@ForAll("records") String record) {
        ParseResult result = parser.parse(record, context);
        String kept = TextLimits.cap(record, TextLimits.MAX_RAW_CHARS);
        if (result instanceof ParseResult.Parsed parsed) {
            assertThat(parsed.event().raw()).isEqualTo(kept);
            assertThat(parsed.event().timestamp()).isBetween(EARLIEST, LATEST);
            assertThat(parsed.event().message().length()).isLessThanOrEqualTo(TextLimits.MAX_MESSAGE_CHARS + 40);
        } else {
            assertThat(((ParseResult.Rejected) result).deadLetter().raw()).isEqualTo(kept);
            assertThat(((ParseResult.Rejected) result).deadLetter().reason()).isNotBlank();
        }
    }

    @Provide
    Arbitrary<String> records() {
        return HostileLogLines.records();
    }
}
