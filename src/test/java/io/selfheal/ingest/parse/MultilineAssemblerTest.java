package io.selfheal.ingest.parse;

import static io.selfheal.ingest.parse.LogSamples.BARE_JAVA_TRACE;
import static io.selfheal.ingest.parse.LogSamples.DOTNET_INNER_EXCEPTION;
import static io.selfheal.ingest.parse.LogSamples.GO_PANIC;
import static io.selfheal.ingest.parse.LogSamples.LOGBACK_WITH_CAUSES;
import static io.selfheal.ingest.parse.LogSamples.LOGSTASH_JSON;
import static io.selfheal.ingest.parse.LogSamples.NODE_CRASH;
import static io.selfheal.ingest.parse.LogSamples.NODE_CRASH_ERROR;
import static io.selfheal.ingest.parse.LogSamples.NODE_LOGGED_ERROR;
import static io.selfheal.ingest.parse.LogSamples.PYTHON_LOGGED_CHAIN;
import static io.selfheal.ingest.parse.LogSamples.PYTHON_UNCAUGHT_CHAIN;
import static io.selfheal.ingest.parse.LogSamples.SPRING_BOOT_LINE;
import static io.selfheal.ingest.parse.LogSamples.UNCAUGHT_JAVA;
import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class MultilineAssemblerTest {

    private static final String NEXT_LINE = "2024-03-12 14:02:12,001 [main] INFO  c.a.orders.OrderService - Order 8813 placed";

    private final MultilineAssembler assembler = new MultilineAssembler();

    /** Feeds every line, then flushes, as a file tailer does at end of input. */
    private List<String> assemble(String... chunks) {
        List<String> records = new ArrayList<>();
        for (String chunk : chunks) {
            for (String line : chunk.split("\n", -1)) {
                records.addAll(assembler.offer(line));
            }
        }
        assembler.flush().ifPresent(records::add);
        return records;
    }

    @Test
    void javaTraceWithCauseChainIsOneRecordAndTheNextLogLineStartsAnother() {
        assertThat(assemble(LOGBACK_WITH_CAUSES, NEXT_LINE)).containsExactly(LOGBACK_WITH_CAUSES, NEXT_LINE);
    }

    @Test
    void recordIsCompletedByTheLineThatDoesNotContinueIt() {
        for (String line : LOGBACK_WITH_CAUSES.split("\n")) {
            assertThat(assembler.offer(line)).isEmpty();
        }
        assertThat(assembler.pendingLines()).isEqualTo(17);

        assertThat(assembler.offer(NEXT_LINE)).containsExactly(LOGBACK_WITH_CAUSES);
        assertThat(assembler.pendingLines()).isEqualTo(1);
        assertThat(assembler.flush()).contains(NEXT_LINE);
        assertThat(assembler.pendingLines()).isZero();
        assertThat(assembler.flush()).isEmpty();
    }

    @Test
    void twoStandaloneTracesBackToBackAreTwoRecords() {
        assertThat(assemble(UNCAUGHT_JAVA, BARE_JAVA_TRACE, UNCAUGHT_JAVA))
                .containsExactly(UNCAUGHT_JAVA, BARE_JAVA_TRACE, UNCAUGHT_JAVA);
    }

    @Test
    void singleLinesStaySingle() {
        assertThat(assemble(SPRING_BOOT_LINE, NEXT_LINE, SPRING_BOOT_LINE))
                .containsExactly(SPRING_BOOT_LINE, NEXT_LINE, SPRING_BOOT_LINE);
    }

    @Test
    void pythonChainedTracebackAfterALogLineIsOneRecord() {
        assertThat(assemble(PYTHON_LOGGED_CHAIN, NEXT_LINE)).containsExactly(PYTHON_LOGGED_CHAIN, NEXT_LINE);
    }

    @Test
    void uncaughtPythonTracebackWithDirectCauseIsOneRecord() {
        assertThat(assemble(PYTHON_UNCAUGHT_CHAIN, PYTHON_UNCAUGHT_CHAIN))
                .containsExactly(PYTHON_UNCAUGHT_CHAIN, PYTHON_UNCAUGHT_CHAIN);
    }

    @Test
    void blankLineAfterAPythonTracebackDoesNotJoinTheNextLogLine() {
        assertThat(assemble(PYTHON_UNCAUGHT_CHAIN, "", NEXT_LINE)).containsExactly(PYTHON_UNCAUGHT_CHAIN, NEXT_LINE);
    }

    @Test
    void nodeErrorWithPropertyBlockIsOneRecord() {
        assertThat(assemble(NODE_LOGGED_ERROR, NEXT_LINE)).containsExactly(NODE_LOGGED_ERROR, NEXT_LINE);
    }

    @Test
    void nodeCrashKeepsTheErrorAndItsFramesTogether() {
        assertThat(assemble(NODE_CRASH)).containsExactly(
                "/app/src/orders/routes.js:31",
                "    throw new TypeError(`order ${id} has no customer`);",
                "    ^",
                NODE_CRASH_ERROR,
                "Node.js v20.11.1");
    }

    @Test
    void goPanicWithTwoGoroutinesIncludingBlankLinesIsOneRecord() {
        String next = "2024/03/12 14:02:12 inventory: starting on :8080";
        assertThat(assemble(GO_PANIC, next)).containsExactly(GO_PANIC, next);
    }

    @Test
    void dotnetInnerExceptionTraceIsOneRecord() {
        assertThat(assemble(DOTNET_INNER_EXCEPTION, NEXT_LINE)).containsExactly(DOTNET_INNER_EXCEPTION, NEXT_LINE);
    }

    @Test
    void jsonLineCompletesThePendingRecordAndIsItsOwnRecordAtOnce() {
        List<String> completed = new ArrayList<>();
        for (String line : BARE_JAVA_TRACE.split("\n")) {
            completed.addAll(assembler.offer(line));
        }
        completed.addAll(assembler.offer(LOGSTASH_JSON));

        assertThat(completed).containsExactly(BARE_JAVA_TRACE, LOGSTASH_JSON);
        assertThat(assembler.pendingLines()).isZero();
        assertThat(assembler.offer("  " + LOGSTASH_JSON)).containsExactly("  " + LOGSTASH_JSON);
    }

    @Test
    void mixedInterleavingOfAllFormats() {
        assertThat(assemble(NEXT_LINE, LOGBACK_WITH_CAUSES, LOGSTASH_JSON, PYTHON_LOGGED_CHAIN, GO_PANIC,
                DOTNET_INNER_EXCEPTION, BARE_JAVA_TRACE, NODE_LOGGED_ERROR, SPRING_BOOT_LINE))
                .containsExactly(NEXT_LINE, LOGBACK_WITH_CAUSES, LOGSTASH_JSON, PYTHON_LOGGED_CHAIN, GO_PANIC,
                        DOTNET_INNER_EXCEPTION, BARE_JAVA_TRACE, NODE_LOGGED_ERROR, SPRING_BOOT_LINE);
    }

    @Test
    void blankLinesOutsideRecordsAreSkippedAndTrailingBlankLinesAreNotPartOfARecord() {
        assertThat(assemble("", "   ", BARE_JAVA_TRACE, "", "", NEXT_LINE, ""))
                .containsExactly(BARE_JAVA_TRACE, NEXT_LINE);
    }

    @Test
    void carriageReturnsOfCrlfFilesAreDropped() {
        assertThat(assemble(BARE_JAVA_TRACE.replace("\n", "\r\n") + "\r")).containsExactly(BARE_JAVA_TRACE);
    }

    @Test
    void flushResetsTraceState() {
        assemble(PYTHON_UNCAUGHT_CHAIN);
        assertThat(assemble("    indented text after a flush", "  also indented"))
                .containsExactly("    indented text after a flush", "  also indented");
    }

    @Test
    void nodeErrorWithNestedCauseBlockIsOneRecord() {
        String record = """
                2024-03-12T14:02:11.482Z ERROR [checkout] order submission failed
                Error: Order 8812 could not be submitted
                    at submitOrder (/app/src/checkout/submit.js:48:11)
                    at async /app/src/checkout/routes.js:22:5 {
                  [cause]: FetchError: request to https://payments.internal/charge failed, reason: socket hang up
                      at ClientRequest.<anonymous> (/app/node_modules/node-fetch/lib/index.js:1501:11)
                      at ClientRequest.emit (node:events:518:28) {
                    type: 'system',
                    code: 'ECONNRESET'
                  }
                }""";
        assertThat(assemble(record, NEXT_LINE)).containsExactly(record, NEXT_LINE);
    }

    @Test
    void uncaughtExceptionHeaderDirectlyAfterALogLineJoinsIt() {
        String record = "2024-03-12 14:02:11,482 [main] ERROR c.a.billing.Main - Scheduler died\n" + UNCAUGHT_JAVA;
        assertThat(assemble(record, NEXT_LINE)).containsExactly(record, NEXT_LINE);
    }

    @Test
    void goPanicAfterALogLineStartsItsOwnRecord() {
        String logLine = "2024/03/12 14:02:11 reserving SKU-1182 for order 8812";
        assertThat(assemble(logLine, GO_PANIC)).containsExactly(logLine, GO_PANIC);
    }

    @Test
    void reactorCheckpointsAndWrappedByAreContinuation() {
        String record = """
                2024-03-12 14:02:11,482 [reactor-http-epoll-2] ERROR o.s.b.a.w.r.e.AbstractErrorWebExceptionHandler - [8a1f] 500 Server Error for HTTP GET "/orders/8812"
                java.lang.IllegalStateException: No customer for order 8812
                \tat com.acme.orders.OrderHandler.lambda$get$0(OrderHandler.java:33)
                \tSuppressed: reactor.core.publisher.FluxOnAssembly$OnAssemblyException:
                Error has been observed at the following site(s):
                \t*__checkpoint ⇢ Handler com.acme.orders.OrderHandler#get(ServerRequest) [DispatcherHandler]
                \t*__checkpoint ⇢ HTTP GET "/orders/8812" [ExceptionHandlingWebHandler]
                Original Stack Trace:
                \t\tat com.acme.orders.OrderHandler.lambda$get$0(OrderHandler.java:33)
                Wrapped by: org.springframework.web.server.ResponseStatusException: 500 INTERNAL_SERVER_ERROR
                \t\tat com.acme.orders.OrderHandler.get(OrderHandler.java:30)""";
        assertThat(assemble(record, NEXT_LINE)).containsExactly(record, NEXT_LINE);
    }
}
