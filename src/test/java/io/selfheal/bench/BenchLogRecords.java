package io.selfheal.bench;

import java.time.Instant;
import java.time.temporal.ChronoUnit;

/**
 * The benchmarks' JSON log records (logstash layout): 20 services, every tenth record an ERROR with a Java or Python
 * stack trace, the rest INFO and DEBUG chatter. Errors come in three kinds (a refused connection, an SQL deadlock, a
 * Python timeout), each with its frames in the service's own package. Record {@code i} is always the same text but for
 * its timestamp.
 */
final class BenchLogRecords {
    static final int SERVICES = 20;
    static final int ERROR_KINDS = 3;

    private static final String CONNECT_TRACE = """
            java.net.ConnectException: Connection refused
            \tat java.base/sun.nio.ch.Net.connect0(Native Method)
            \tat java.base/sun.nio.ch.Net.connect(Net.java:579)
            \tat com.acme.%1$s.client.ProviderClient.call(ProviderClient.java:88)
            \tat com.acme.%1$s.service.PaymentService.charge(PaymentService.java:142)
            \tat com.acme.%1$s.api.OrderController.submit(OrderController.java:57)
            \tat org.springframework.web.servlet.FrameworkServlet.service(FrameworkServlet.java:885)
            Caused by: java.io.IOException: socket closed
            \tat com.acme.%1$s.client.Pool.borrow(Pool.java:31)
            \t... 4 more""";
    private static final String DEADLOCK_TRACE = """
            org.postgresql.util.PSQLException: ERROR: deadlock detected
            \tat org.postgresql.core.v3.QueryExecutorImpl.receiveErrorResponse(QueryExecutorImpl.java:2725)
            \tat org.postgresql.jdbc.PgPreparedStatement.executeUpdate(PgPreparedStatement.java:152)
            \tat com.acme.%1$s.store.InvoiceRepository.save(InvoiceRepository.java:61)
            \tat com.acme.%1$s.service.InvoiceService.close(InvoiceService.java:97)""";
    private static final String PYTHON_TRACE = """
            Traceback (most recent call last):
              File "/app/%1$s/worker.py", line 41, in run
                result = handler(job)
              File "/app/%1$s/handlers.py", line 112, in handle
                raise TimeoutError("job timed out")
            TimeoutError: job timed out""";
    private static final String[] TRACES = {CONNECT_TRACE, DEADLOCK_TRACE, PYTHON_TRACE};
    private static final String[] ERROR_MESSAGES = {
            "payment %d declined by provider: connection refused",
            "could not close invoice %d: deadlock detected",
            "job %d timed out after 3000 ms",
    };

    private BenchLogRecords() {
    }

    static String service(int i) {
        return "svc-" + (i % SERVICES);
    }

    static boolean isError(int i) {
        return i % 10 == 0;
    }

    /** Errors among the first {@code records} records. */
    static long errors(long records) {
        return (records + 9) / 10;
    }

    /** Record {@code i}, stamped {@code at} (millisecond precision: the benchmarks measure latency from it). */
    static String record(int i, Instant at) {
        String service = service(i);
        StringBuilder b = new StringBuilder(isError(i) ? 900 : 220).append("{\"@timestamp\":\"")
                .append(at.truncatedTo(ChronoUnit.MILLIS)).append("\",\"level\":\"");
        String message;
        String trace = null;
        if (isError(i)) {
            int kind = (i / 10 / SERVICES) % ERROR_KINDS;
            b.append("ERROR");
            message = ERROR_MESSAGES[kind].formatted(i);
            trace = TRACES[kind].formatted(service);
        } else {
            b.append(i % 7 == 0 ? "DEBUG" : "INFO");
            message = i % 3 == 0 ? "request " + i + " served in " + (i % 500) + " ms"
                    : i % 3 == 1 ? "cache hit ratio " + (i % 100) + "% for region eu-west-1"
                    : "processed batch " + i + " with " + (i % 40) + " items";
        }
        b.append("\",\"service\":\"").append(service).append("\",\"logger_name\":\"com.acme.").append(service)
                .append(".Worker\",\"thread_name\":\"exec-").append(i % 8).append("\",\"message\":\"").append(message)
                .append('"');
        if (trace != null) {
            b.append(",\"stack_trace\":\"").append(trace.replace("\\", "\\\\").replace("\"", "\\\"")
                    .replace("\t", "\\t").replace("\n", "\\n")).append('"');
        }
        return b.append('}').toString();
    }
}
