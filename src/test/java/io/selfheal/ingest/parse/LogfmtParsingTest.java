package io.selfheal.ingest.parse;

import static io.selfheal.ingest.parse.Parsing.parse;
import static org.assertj.core.api.Assertions.assertThat;

import io.selfheal.ingest.Level;
import io.selfheal.ingest.LogEvent;
import java.time.Instant;
import java.util.Map;
import org.junit.jupiter.api.Test;

class LogfmtParsingTest {

    @Test
    void logfmtWithQuotedEscapedValues() {
        String line = "time=2024-03-12T14:02:11.482Z level=error msg=\"payment \\\"declined\\\" by issuer\""
                + " service=checkout err=\"card_declined: insufficient funds\" duration=312ms";
        LogEvent event = parse(line);

        assertThat(event.service()).isEqualTo("checkout");
        assertThat(event.timestamp()).isEqualTo(Instant.parse("2024-03-12T14:02:11.482Z"));
        assertThat(event.level()).isEqualTo(Level.ERROR);
        assertThat(event.logger()).isNull();
        assertThat(event.message()).isEqualTo("payment \"declined\" by issuer");
        assertThat(event.stackTrace()).isNull();
        assertThat(event.labels()).isEqualTo(Map.of(
                "err", "card_declined: insufficient funds", "duration", "312ms", "env", "prod"));
        assertThat(event.raw()).isEqualTo(line);
    }

    @Test
    void goKitStyleWithEpochAndCaller() {
        LogEvent event = parse("ts=1710252131.482 caller=main.go:42 level=warn msg=\"retrying connection\" attempt=3");

        assertThat(event.service()).isEqualTo("orders");
        assertThat(event.timestamp()).isEqualTo(Instant.parse("2024-03-12T14:02:11.482Z"));
        assertThat(event.level()).isEqualTo(Level.WARN);
        assertThat(event.message()).isEqualTo("retrying connection");
        assertThat(event.labels()).isEqualTo(Map.of("caller", "main.go:42", "attempt", "3", "env", "prod"));
    }

    @Test
    void linesFollowingALogfmtLineAreItsStackTrace() {
        String record = """
                time=2024-03-12T14:02:11.482Z level=error msg="order sync failed" service=orders-sync
                java.io.UncheckedIOException: Connection reset
                \tat com.acme.sync.Pusher.push(Pusher.java:40)""";
        LogEvent event = parse(record);

        assertThat(event.service()).isEqualTo("orders-sync");
        assertThat(event.message()).isEqualTo("order sync failed");
        assertThat(event.stackTrace()).isEqualTo(
                "java.io.UncheckedIOException: Connection reset\n\tat com.acme.sync.Pusher.push(Pusher.java:40)");
    }

    @Test
    void textWithIncidentalPairsIsNotLogfmt() {
        LogEvent event = parse("2024-03-12 14:02:11,482 INFO c.a.auth.LoginAudit - login ok user=42 method=sso");

        assertThat(event.logger()).isEqualTo("c.a.auth.LoginAudit");
        assertThat(event.message()).isEqualTo("login ok user=42 method=sso");
        assertThat(event.labels()).isEqualTo(Map.of("env", "prod"));
    }

    @Test
    void pairsWithoutMessageOrLevelAreNotLogfmt() {
        LogEvent event = parse("status=200 method=GET path=/healthz");

        assertThat(event.message()).isEqualTo("status=200 method=GET path=/healthz");
        assertThat(event.labels()).isEqualTo(Map.of("env", "prod"));
    }
}
