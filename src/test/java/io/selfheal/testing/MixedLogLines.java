package io.selfheal.testing;

import java.time.Instant;
import java.time.temporal.ChronoUnit;

/**
 * A deterministic, realistic mix of log lines from five services for the reliability tests and the benchmark: every
 * tenth line is an ERROR (half of them with a Java or Python stack trace), the rest INFO and DEBUG chatter; services
 * alternate between logstash-style JSON and plain-text layouts. Line {@code i} is always the same text.
 */
public final class MixedLogLines {
    public static final String[] SERVICES = {"checkout", "billing", "search", "inventory", "gateway"};
    /** The services as an SQL list, for {@code service IN (...)}. */
    public static final String SERVICES_SQL = "'checkout', 'billing', 'search', 'inventory', 'gateway'";

    private static final String[] ERRORS = {
            "payment %d declined by provider: connection refused",
            "could not load order %d: timeout after 3000 ms",
            "SQL error on table invoices for id %d: deadlock detected",
            "user %d not authorized to access /api/v1/orders",
            "upstream returned HTTP 503 for request %d",
    };
    private static final String JAVA_TRACE = """
            java.net.ConnectException: Connection refused
            \tat java.base/sun.nio.ch.Net.connect0(Native Method)
            \tat java.base/sun.nio.ch.Net.connect(Net.java:579)
            \tat com.acme.%s.client.ProviderClient.call(ProviderClient.java:88)
            \tat com.acme.%s.service.PaymentService.charge(PaymentService.java:142)
            \tat com.acme.%s.api.OrderController.submit(OrderController.java:57)
            \tat org.springframework.web.servlet.FrameworkServlet.service(FrameworkServlet.java:885)
            Caused by: java.io.IOException: socket closed
            \tat com.acme.%s.client.Pool.borrow(Pool.java:31)
            \t... 4 more""";
    private static final String PYTHON_TRACE = """
            Traceback (most recent call last):
              File "/app/%s/worker.py", line 41, in run
                result = handler(job)
              File "/app/%s/handlers.py", line 112, in handle
                raise TimeoutError("job timed out")
            TimeoutError: job timed out""";

    private MixedLogLines() {
    }

    public static String service(int i) {
        return SERVICES[i % SERVICES.length];
    }

    public static boolean isError(int i) {
        return i % 10 == 0;
    }

    /** Line {@code i}: JSON for even-numbered services, plain text otherwise; its service is {@link #service(int)}. */
    public static String line(int i) {
        String jsonTime = "2024-05-01T10:" + two(i / 60 % 60) + ":" + two(i % 60) + "." + (i % 1000 / 100) + "Z";
        String plainTime = "2024-05-01 10:" + two(i / 60 % 60) + ":" + two(i % 60) + ".123";
        return line(i, jsonTime, plainTime);
    }

    /** Line {@code i} stamped with {@code at} (millisecond precision), e.g. the moment it is produced. */
    public static String line(int i, Instant at) {
        String iso = at.truncatedTo(ChronoUnit.MILLIS).toString();
        return line(i, iso, iso);
    }

    private static String line(int i, String jsonTime, String plainTime) {
        String service = service(i);
        boolean json = (i / SERVICES.length) % 2 == 0;
        if (isError(i)) {
            String message = ERRORS[(i / 10) % ERRORS.length].formatted(i);
            String trace = (i / 10) % 2 == 0 ? null
                    : (i / 20) % 2 == 0 ? JAVA_TRACE.formatted(service, service, service, service)
                    : PYTHON_TRACE.formatted(service, service);
            return json ? json(i, jsonTime, service, "ERROR", message, trace)
                    : plain(i, plainTime, service, "ERROR", message, trace);
        }
        String level = i % 7 == 0 ? "DEBUG" : "INFO";
        String message = i % 3 == 0 ? "request " + i + " served in " + (i % 500) + " ms"
                : i % 3 == 1 ? "cache hit ratio " + (i % 100) + "% for region eu-west-1"
                : "processed batch " + i + " with " + (i % 40) + " items";
        return json ? json(i, jsonTime, service, level, message, null)
                : plain(i, plainTime, service, level, message, null);
    }

    private static String json(int i, String time, String service, String level, String message, String trace) {
        StringBuilder b = new StringBuilder(256).append("{\"@timestamp\":\"").append(time)
                .append("\",\"level\":\"").append(level).append("\",\"service\":\"").append(service)
                .append("\",\"logger_name\":\"com.acme.").append(service).append(".Worker\",\"thread_name\":\"exec-")
                .append(i % 8).append("\",\"message\":\"").append(message).append('"');
        if (trace != null) {
            b.append(",\"stack_trace\":\"").append(trace.replace("\\", "\\\\").replace("\"", "\\\"")
                    .replace("\t", "\\t").replace("\n", "\\n")).append('"');
        }
        return b.append('}').toString();
    }

    private static String plain(int i, String time, String service, String level, String message, String trace) {
        String line = time + " " + level + " [exec-" + (i % 8)
                + "] com.acme." + service + ".Worker - " + message;
        return trace == null ? line : line + "\n" + trace;
    }

    private static String two(int n) {
        return n < 10 ? "0" + n : Integer.toString(n);
    }
}
