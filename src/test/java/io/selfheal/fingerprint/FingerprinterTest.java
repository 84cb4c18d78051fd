package io.selfheal.fingerprint;

import io.selfheal.ingest.IngestBatch;
import io.selfheal.ingest.Level;
import io.selfheal.ingest.LogEvent;
import org.junit.jupiter.api.Test;

import java.time.Instant;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

class FingerprinterTest {
    private final Fingerprinter fingerprinter = Fingerprinter.withDefaults(Level.WARN);

    @Test
    void theSameStackFromOtherLinesAndMessagesIsOneGroup() {
        Fingerprint a = fingerprinter.group(error("orders", "Could not save order 1001", """
                java.sql.SQLTransientConnectionException: HikariPool-1 - Connection is not available, request timed out after 30000ms.
                \tat com.zaxxer.hikari.pool.HikariPool.createTimeoutException(HikariPool.java:696)
                \tat com.acme.orders.OrderRepository.save(OrderRepository.java:41)
                \tat com.acme.orders.OrderService.place(OrderService.java:88)"""));
        Fingerprint b = fingerprinter.group(error("orders", "Saving failed for customer 77", """
                java.sql.SQLTransientConnectionException: HikariPool-1 - Connection is not available, request timed out after 30004ms.
                \tat com.zaxxer.hikari.pool.HikariPool.createTimeoutException(HikariPool.java:700)
                \tat com.acme.orders.OrderRepository.save(OrderRepository.java:43)
                \tat com.acme.orders.OrderService.place(OrderService.java:91)"""));
        assertThat(a.id()).isEqualTo(b.id()).matches("[0-9a-f]{16}");
        assertThat(a.errorType()).isEqualTo(ErrorType.DATABASE);
        assertThat(a.exceptionType()).isEqualTo("java.sql.SQLTransientConnectionException");
        assertThat(a.stackSignature()).contains("OrderRepository").doesNotContain("41");
    }

    @Test
    void anotherRootCauseIsAnotherGroup() {
        Fingerprint a = fingerprinter.group(error("orders", "failed", """
                java.lang.IllegalStateException: boom
                \tat com.acme.orders.OrderService.place(OrderService.java:88)"""));
        Fingerprint b = fingerprinter.group(error("orders", "failed", """
                java.lang.NullPointerException: boom
                \tat com.acme.orders.OrderService.place(OrderService.java:88)"""));
        assertThat(a.id()).isNotEqualTo(b.id());
    }

    @Test
    void messagesWithoutStackGroupByTemplateWithinTheirService() {
        Fingerprint a = fingerprinter.group(error("checkout", "Request to payments-api timed out after 3000 ms", null));
        Fingerprint b = fingerprinter.group(error("checkout", "Request to payments-api timed out after 2500 ms", null));
        Fingerprint other = fingerprinter.group(error("billing", "Request to payments-api timed out after 3000 ms", null));
        assertThat(a.id()).isEqualTo(b.id());
        assertThat(other.id()).isNotEqualTo(a.id());
        assertThat(a.errorType()).isEqualTo(ErrorType.NETWORK);
        assertThat(a.template()).doesNotContain("3000");
    }

    @Test
    void idsAreTheSameOnEveryInstance() {
        LogEvent event = error("checkout", "card declined for order 42", null);
        assertThat(Fingerprinter.withDefaults(Level.WARN).group(event).id())
                .isEqualTo(Fingerprinter.withDefaults(Level.WARN).group(event).id());
    }

    @Test
    void onlyEventsAtOrAboveTheLevelAreGrouped() {
        IngestBatch batch = new IngestBatch("test", List.of(
                error("a", "disk almost full", null),
                new LogEvent("a", Instant.EPOCH, Level.INFO, null, "started", null, Map.of(), "test", "started", null)),
                List.of(), null);
        fingerprinter.fingerprint(batch);
        assertThat(batch.grouped()).extracting(g -> g.event().message()).containsExactly("disk almost full");
    }

    private static LogEvent error(String service, String message, String stack) {
        return new LogEvent(service, Instant.parse("2024-05-01T10:00:00Z"), Level.ERROR, "c.a.X", message, stack,
                Map.of(), "test", message, null);
    }
}
