package io.selfheal.fingerprint;

import io.selfheal.fingerprint.manual.GroupOverrides;
import io.selfheal.fingerprint.manual.GroupSplit;
import io.selfheal.fingerprint.mining.TemplateMiner;
import io.selfheal.fingerprint.rules.GroupingRules;
import io.selfheal.fingerprint.rules.GroupingRulesParser;
import io.selfheal.fingerprint.rules.MessagePattern;
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
    void rulesAndManualChangesStillApplyOnTopOfCrashSiteGroups() {
        String viaController = """
                java.lang.IllegalStateException: order 1 not found
                \tat com.acme.orders.OrderLookup.find(OrderLookup.java:20)
                \tat com.acme.orders.OrderApi.show(OrderApi.java:11)""";
        String viaJob = """
                java.lang.RuntimeException: nightly export failed
                \tat com.acme.jobs.Export.run(Export.java:8)
                Caused by: java.lang.IllegalStateException: order 2 not found
                \tat com.acme.orders.OrderLookup.find(OrderLookup.java:24)
                \tat com.acme.jobs.Export.run(Export.java:7)""";
        String crashSiteId = fingerprinter.group(error("orders", "show failed", viaController)).id();
        assertThat(fingerprinter.group(error("orders", "export failed", viaJob)).id()).isEqualTo(crashSiteId);

        GroupingRules refineByLogger = GroupingRulesParser.parse("""
                rules:
                  - match: {stack.function: 'find'}
                    fingerprint: ['{{ default }}', '{{ logger }}']
                """);
        Fingerprinter withRule = Fingerprinter.of(new TemplateMiner(), () -> refineByLogger, () -> GroupOverrides.NONE, Level.WARN);
        assertThat(withRule.group(error("orders", "show failed", viaController)).id()).isNotEqualTo(crashSiteId);

        String split = GroupSplit.targetId("orders", crashSiteId, "*export*");
        GroupOverrides manual = new GroupOverrides(Map.of(), Map.of(crashSiteId,
                List.of(new GroupSplit(crashSiteId, MessagePattern.parse("*export*"), split, "exports"))));
        Fingerprinter withSplit = Fingerprinter.of(new TemplateMiner(), () -> GroupingRules.NONE, () -> manual, Level.WARN);
        assertThat(withSplit.group(error("orders", "export failed", viaJob)).id()).isEqualTo(split);
        assertThat(withSplit.group(error("orders", "show failed", viaController)).id()).isEqualTo(crashSiteId);
    }

    @Test
    void stackIdsAreTheSameOnEveryInstance() {
        LogEvent event = error("orders", "failed", """
                java.lang.NullPointerException
                \tat com.acme.orders.OrderService.totalOf(OrderService.java:31)""");
        assertThat(Fingerprinter.withDefaults(Level.WARN).group(event).id())
                .isEqualTo(Fingerprinter.withDefaults(Level.WARN).group(event).id())
                .isEqualTo(StableIds.of("orders", "stack\njava app\nroot java.lang.NullPointerException\n"
                        + "  com.acme.orders.OrderService.totalOf"));
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
