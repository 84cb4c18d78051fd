package io.selfheal.ingest.parse;

import static io.selfheal.ingest.parse.Parsing.RECEIVED_AT;
import static io.selfheal.ingest.parse.Parsing.afterFirstLine;
import static io.selfheal.ingest.parse.Parsing.parse;
import static org.assertj.core.api.Assertions.assertThat;

import io.selfheal.ingest.Level;
import io.selfheal.ingest.LogEvent;
import java.time.Instant;
import java.util.Map;
import org.junit.jupiter.api.Test;

class PlainTextParsingTest {

    private static final Instant AT_11_482 = Instant.parse("2024-03-12T14:02:11.482Z");

    @Test
    void logbackLineWithCausedByChain() {
        LogEvent event = parse(LogSamples.LOGBACK_WITH_CAUSES);

        assertThat(event.service()).isEqualTo("orders");
        assertThat(event.timestamp()).isEqualTo(AT_11_482);
        assertThat(event.level()).isEqualTo(Level.ERROR);
        assertThat(event.logger()).isEqualTo("c.a.orders.OrderService");
        assertThat(event.message()).isEqualTo("Failed to place order 8812 for customer 2231");
        assertThat(event.stackTrace()).isEqualTo(afterFirstLine(LogSamples.LOGBACK_WITH_CAUSES))
                .startsWith("org.springframework.dao.DataAccessResourceFailureException: Unable to acquire JDBC")
                .contains("Caused by: java.sql.SQLTransientConnectionException: HikariPool-1", "\t... 42 more")
                .endsWith("\t... 48 common frames omitted");
        assertThat(event.labels()).isEqualTo(Map.of("thread", "http-nio-8080-exec-3", "env", "prod"));
        assertThat(event.raw()).isEqualTo(LogSamples.LOGBACK_WITH_CAUSES);
    }

    @Test
    void springBootDefaultFormat() {
        LogEvent event = parse(LogSamples.SPRING_BOOT_LINE);

        assertThat(event.timestamp()).isEqualTo(Instant.parse("2024-03-12T13:02:11.482Z"));
        assertThat(event.level()).isEqualTo(Level.WARN);
        assertThat(event.logger()).isEqualTo("o.s.w.s.m.s.DefaultHandlerExceptionResolver");
        assertThat(event.message()).isEqualTo("Resolved [org.springframework.web.HttpRequestMethodNotSupportedException:"
                + " Request method 'PUT' is not supported]");
        assertThat(event.stackTrace()).isNull();
        assertThat(event.labels()).isEqualTo(Map.of("thread", "nio-8080-exec-3", "env", "prod"));
    }

    @Test
    void log4jLineWithBracketedLevelAndColonAfterLogger() {
        LogEvent event = parse("2024-03-12 14:02:11,482 [ERROR] [kafka-coordinator-heartbeat-thread | orders]"
                + " org.apache.kafka.clients.NetworkClient: [Consumer clientId=orders-1, groupId=orders]"
                + " Connection to node 1 (kafka-1/10.0.3.21:9092) could not be established.");

        assertThat(event.timestamp()).isEqualTo(AT_11_482);
        assertThat(event.level()).isEqualTo(Level.ERROR);
        assertThat(event.logger()).isEqualTo("org.apache.kafka.clients.NetworkClient");
        assertThat(event.message()).isEqualTo("[Consumer clientId=orders-1, groupId=orders]"
                + " Connection to node 1 (kafka-1/10.0.3.21:9092) could not be established.");
        assertThat(event.labels()).containsEntry("thread", "kafka-coordinator-heartbeat-thread | orders");
    }

    @Test
    void uncaughtJavaExceptionIsItsOwnMessageAndTrace() {
        LogEvent event = parse(LogSamples.UNCAUGHT_JAVA);

        assertThat(event.service()).isEqualTo("orders");
        assertThat(event.timestamp()).isEqualTo(RECEIVED_AT);
        assertThat(event.level()).isEqualTo(Level.ERROR);
        assertThat(event.logger()).isNull();
        assertThat(event.message()).isEqualTo(
                "Exception in thread \"scheduler-1\" java.lang.IllegalStateException: Queue full (capacity 10000)");
        assertThat(event.stackTrace()).isEqualTo(LogSamples.UNCAUGHT_JAVA);
        assertThat(event.labels()).isEqualTo(Map.of("env", "prod"));
    }

    @Test
    void pythonLoggedExceptionWithChain() {
        LogEvent event = parse(LogSamples.PYTHON_LOGGED_CHAIN);

        assertThat(event.timestamp()).isEqualTo(AT_11_482);
        assertThat(event.level()).isEqualTo(Level.ERROR);
        assertThat(event.logger()).isEqualTo("payments");
        assertThat(event.message()).isEqualTo("Charge failed for invoice 5531");
        assertThat(event.stackTrace()).isEqualTo(afterFirstLine(LogSamples.PYTHON_LOGGED_CHAIN))
                .startsWith("Traceback (most recent call last):")
                .contains("\n\nDuring handling of the above exception, another exception occurred:\n\n")
                .endsWith("payments.errors.PaymentGatewayError: gateway unreachable for 5531");
    }

    @Test
    void uncaughtPythonTracebackTakesTheFinalExceptionLineAsMessage() {
        LogEvent event = parse(LogSamples.PYTHON_UNCAUGHT_CHAIN);

        assertThat(event.level()).isEqualTo(Level.ERROR);
        assertThat(event.timestamp()).isEqualTo(RECEIVED_AT);
        assertThat(event.logger()).isNull();
        assertThat(event.message()).isEqualTo("worker.ConfigError: cannot parse /etc/worker/config.json");
        assertThat(event.stackTrace()).isEqualTo(LogSamples.PYTHON_UNCAUGHT_CHAIN);
    }

    @Test
    void nodeErrorLoggedUnderALogLine() {
        LogEvent event = parse(LogSamples.NODE_LOGGED_ERROR);

        assertThat(event.timestamp()).isEqualTo(AT_11_482);
        assertThat(event.level()).isEqualTo(Level.ERROR);
        assertThat(event.logger()).isNull();
        assertThat(event.message()).isEqualTo("Unhandled rejection in GET /orders/8812");
        assertThat(event.stackTrace()).isEqualTo(afterFirstLine(LogSamples.NODE_LOGGED_ERROR))
                .startsWith("Error: connect ECONNREFUSED 10.0.3.17:5432\n    at TCPConnectWrap.afterConnect")
                .endsWith("  port: 5432\n}");
        assertThat(event.labels()).isEqualTo(Map.of("thread", "orders-api", "env", "prod"));
    }

    @Test
    void nodeCrashError() {
        LogEvent event = parse(LogSamples.NODE_CRASH_ERROR);

        assertThat(event.level()).isEqualTo(Level.ERROR);
        assertThat(event.message()).isEqualTo("TypeError: order 8812 has no customer");
        assertThat(event.stackTrace()).isEqualTo(LogSamples.NODE_CRASH_ERROR);
    }

    @Test
    void goPanicDump() {
        LogEvent event = parse(LogSamples.GO_PANIC);

        assertThat(event.timestamp()).isEqualTo(RECEIVED_AT);
        assertThat(event.level()).isEqualTo(Level.ERROR);
        assertThat(event.logger()).isNull();
        assertThat(event.message()).isEqualTo("panic: runtime error: invalid memory address or nil pointer dereference");
        assertThat(event.stackTrace()).isEqualTo(LogSamples.GO_PANIC).contains("goroutine 1 [IO wait]:");
    }

    @Test
    void dotnetInnerExceptionUnderSerilogLine() {
        LogEvent event = parse(LogSamples.DOTNET_INNER_EXCEPTION);

        assertThat(event.timestamp()).isEqualTo(Instant.parse("2024-03-12T13:02:11.482Z"));
        assertThat(event.level()).isEqualTo(Level.ERROR);
        assertThat(event.logger()).isNull();
        assertThat(event.message()).isEqualTo("Failed to generate invoice 77120 for tenant acme");
        assertThat(event.stackTrace()).isEqualTo(afterFirstLine(LogSamples.DOTNET_INNER_EXCEPTION))
                .startsWith("System.InvalidOperationException: Invoice template 'eu-vat' could not be rendered\n"
                        + " ---> System.IO.FileNotFoundException:")
                .contains("TemplateStore.cs:line 42", "--- End of inner exception stack trace ---");
    }

    @Test
    void unhandledDotnetException() {
        String record = """
                Unhandled exception. System.ArgumentNullException: Value cannot be null. (Parameter 'connectionString')
                   at Npgsql.NpgsqlConnection..ctor(String connectionString)
                   at Billing.Program.Main(String[] args) in /src/Billing/Program.cs:line 12""";
        LogEvent event = parse(record);

        assertThat(event.level()).isEqualTo(Level.ERROR);
        assertThat(event.message()).isEqualTo("Unhandled exception. System.ArgumentNullException: Value cannot be null."
                + " (Parameter 'connectionString')");
        assertThat(event.stackTrace()).isEqualTo(record);
    }

    @Test
    void pythonDefaultLayoutWithLoggerBeforeLevel() {
        LogEvent event = parse("2024-03-12 14:02:11,482 - celery.worker.consumer - WARNING - consumer: Connection"
                + " to broker lost. Trying to re-establish the connection...");

        assertThat(event.timestamp()).isEqualTo(AT_11_482);
        assertThat(event.level()).isEqualTo(Level.WARN);
        assertThat(event.logger()).isEqualTo("celery.worker.consumer");
        assertThat(event.message()).isEqualTo("consumer: Connection to broker lost. Trying to re-establish the connection...");
    }

    @Test
    void bareWordBeforeDashAfterTheLevelStaysInTheMessage() {
        LogEvent event = parse("2024-03-12 14:02:11,482 INFO Retrying - attempt 3 of 5");

        assertThat(event.level()).isEqualTo(Level.INFO);
        assertThat(event.logger()).isNull();
        assertThat(event.message()).isEqualTo("Retrying - attempt 3 of 5");
    }

    @Test
    void nginxErrorLogWithSlashedDateAndBracketedLowercaseLevel() {
        LogEvent event = parse("2024/03/12 14:02:11 [error] 31#31: *1 connect() failed (111: Connection refused)"
                + " while connecting to upstream, client: 10.0.0.5, server: shop.acme.io");

        assertThat(event.timestamp()).isEqualTo(Instant.parse("2024-03-12T14:02:11Z"));
        assertThat(event.level()).isEqualTo(Level.ERROR);
        assertThat(event.logger()).isNull();
        assertThat(event.message()).isEqualTo("31#31: *1 connect() failed (111: Connection refused)"
                + " while connecting to upstream, client: 10.0.0.5, server: shop.acme.io");
        assertThat(event.labels()).isEqualTo(Map.of("env", "prod"));
    }

    @Test
    void syslogLineWithoutLevelIsInfo() {
        LogEvent event = parse("Mar 12 14:02:11 web-01 sshd[1234]: Failed password for root from 10.0.0.5 port 22 ssh2");

        assertThat(event.timestamp()).isEqualTo(Instant.parse("2024-03-12T14:02:11Z"));
        assertThat(event.level()).isEqualTo(Level.INFO);
        assertThat(event.message()).isEqualTo("web-01 sshd[1234]: Failed password for root from 10.0.0.5 port 22 ssh2");
    }

    @Test
    void epochSecondsPrefix() {
        LogEvent event = parse("1710252131.482 WARN disk usage 91% on /var/lib/postgresql");

        assertThat(event.timestamp()).isEqualTo(AT_11_482);
        assertThat(event.level()).isEqualTo(Level.WARN);
        assertThat(event.message()).isEqualTo("disk usage 91% on /var/lib/postgresql");
    }

    @Test
    void bracketedCommonLogTimestamp() {
        LogEvent event = parse("[12/Mar/2024:15:02:11 +0100] ERROR upstream timed out after 30s");

        assertThat(event.timestamp()).isEqualTo(Instant.parse("2024-03-12T14:02:11Z"));
        assertThat(event.level()).isEqualTo(Level.ERROR);
        assertThat(event.message()).isEqualTo("upstream timed out after 30s");
    }

    @Test
    void lineWithoutTimestampOrLevel() {
        LogEvent event = parse("Starting OrderService v2.3.1 using Java 17.0.10 with PID 48213");

        assertThat(event.service()).isEqualTo("orders");
        assertThat(event.timestamp()).isEqualTo(RECEIVED_AT);
        assertThat(event.level()).isEqualTo(Level.INFO);
        assertThat(event.logger()).isNull();
        assertThat(event.message()).isEqualTo("Starting OrderService v2.3.1 using Java 17.0.10 with PID 48213");
        assertThat(event.stackTrace()).isNull();
        assertThat(event.labels()).isEqualTo(Map.of("env", "prod"));
    }

    @Test
    void missingLevelWithStackTraceIsError() {
        String record = """
                2024-03-12 14:02:11,482 Request /orders/8812 failed
                java.net.SocketTimeoutException: Read timed out
                \tat java.base/sun.nio.ch.NioSocketImpl.timedRead(NioSocketImpl.java:288)""";
        LogEvent event = parse(record);

        assertThat(event.level()).isEqualTo(Level.ERROR);
        assertThat(event.message()).isEqualTo("Request /orders/8812 failed");
        assertThat(event.stackTrace()).isEqualTo(afterFirstLine(record));
    }
}
