package io.selfheal.fingerprint;

import io.selfheal.fingerprint.stack.StackTraceParser;
import io.selfheal.fingerprint.stack.TraceCorpus;
import io.selfheal.fingerprint.stack.TraceSample;
import io.selfheal.ingest.Level;
import io.selfheal.ingest.LogEvent;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.MethodSource;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

class ErrorClassifierTest {

    private final ErrorClassifier classifier = new ErrorClassifier();

    static List<TraceSample> corpus() {
        return TraceCorpus.all();
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("corpus")
    void classifiesEveryCorpusSample(TraceSample sample) {
        assertThat(classifier.classify(sample.message(), sample.trace())).isEqualTo(sample.expectedType());
    }

    @ParameterizedTest(name = "{1} <- {0}")
    @CsvSource(delimiter = '|', textBlock = """
            java.sql.SQLTransientConnectionException: HikariPool-1 - Connection is not available, request timed out after 30000ms | DATABASE
            org.springframework.dao.DataAccessResourceFailureException: could not get connection                          | DATABASE
            ERROR: deadlock detected                                                                                   | DATABASE
            com.mongodb.MongoTimeoutException: Timed out after 30000 ms while waiting for a server                     | DATABASE
            java.net.SocketTimeoutException: Read timed out                                                            | NETWORK
            java.net.UnknownHostException: inventory.internal                                                          | NETWORK
            Get "http://inventory/items": context deadline exceeded                                                    | NETWORK
            read tcp 10.0.0.4:51234->10.0.0.9:443: read: connection reset by peer                                      | NETWORK
            java.lang.OutOfMemoryError: Java heap space                                                                | RESOURCE
            java.io.IOException: Too many open files                                                                   | RESOURCE
            java.net.SocketException: Too many open files                                                              | RESOURCE
            OSError: [Errno 28] No space left on device                                                                | RESOURCE
            java.util.concurrent.RejectedExecutionException: Task rejected from pool                                   | RESOURCE
            java.lang.NullPointerException: Cannot invoke "String.length()" because "sku" is null                      | NULL_REFERENCE
            HTTP 401 Unauthorized from billing                                                                         | AUTH
            org.springframework.security.access.AccessDeniedException: Access is denied                                | AUTH
            invalid token: signature verification failed                                                              | AUTH
            open /var/run/app.sock: permission denied                                                                  | AUTH
            upstream returned HTTP 502 Bad Gateway                                                                     | HTTP_5XX
            500 Internal Server Error on POST /orders                                                                  | HTTP_5XX
            payment service answered status=503                                                                       | HTTP_5XX
            unexpected response HTTP/1.1 504 from gateway                                                              | HTTP_5XX
            org.springframework.beans.factory.BeanCreationException: Error creating bean with name 'dataSource'       | CONFIGURATION
            Could not resolve placeholder 'payment.url' in value "${payment.url}"                                      | CONFIGURATION
            FileNotFoundError: [Errno 2] No such file or directory: 'config/settings.yaml'                             | CONFIGURATION
            environment variable PAYMENT_URL is not set                                                                | CONFIGURATION
            java.lang.NoClassDefFoundError: org/slf4j/LoggerFactory                                                    | DEPENDENCY
            java.lang.NoSuchMethodError: 'void com.acme.Client.send(java.lang.String)'                                 | DEPENDENCY
            ImportError: cannot import name 'soft_unicode' from 'markupsafe'                                           | DEPENDENCY
            CircuitBreaker 'payments' is OPEN and does not permit further calls                                        | DEPENDENCY
            order 42 was shipped twice                                                                                 | UNKNOWN
            fatal error: all goroutines are asleep - deadlock!                                                         | UNKNOWN
            """)
    void classifiesMessagesWithoutStackTrace(String message, ErrorType expected) {
        assertThat(classifier.classify(message, null)).isEqualTo(expected);
    }

    @Test
    void rootCauseBeatsWrapper() {
        String trace = """
                java.lang.RuntimeException: order import failed
                \tat com.acme.Import.run(Import.java:10)
                Caused by: java.sql.SQLException: ORA-00060: deadlock while waiting for resource
                \tat com.acme.Import.save(Import.java:30)
                \t... 1 more
                """;

        assertThat(classifier.classify("import failed", trace)).isEqualTo(ErrorType.DATABASE);
    }

    @Test
    void networkFailureInsideADatabaseExceptionIsADatabaseOutage() {
        String viaDriver = """
                org.postgresql.util.PSQLException: Connection to 127.0.0.1:5432 refused.
                \tat org.postgresql.core.v3.ConnectionFactoryImpl.openConnectionImpl(ConnectionFactoryImpl.java:346)
                Caused by: java.net.ConnectException: Connection refused
                \tat java.base/sun.nio.ch.Net.connect0(Native Method)
                """;
        String viaHttp = """
                java.lang.IllegalStateException: payment failed
                \tat com.acme.Pay.run(Pay.java:10)
                Caused by: java.net.ConnectException: Connection refused
                \tat java.base/sun.nio.ch.Net.connect0(Native Method)
                """;

        assertThat(classifier.classify(null, viaDriver)).isEqualTo(ErrorType.DATABASE);
        assertThat(classifier.classify(null, viaHttp)).isEqualTo(ErrorType.NETWORK);
    }

    @Test
    void rememberedExceptionTypesDoNotChangeAnswers() {
        String wrapped = """
                org.postgresql.util.PSQLException: Connection to 127.0.0.1:5432 refused.
                \tat org.postgresql.core.v3.ConnectionFactoryImpl.openConnectionImpl(ConnectionFactoryImpl.java:346)
                Caused by: java.net.ConnectException: Connection refused
                \tat java.base/sun.nio.ch.Net.connect0(Native Method)
                """;
        String bare = "java.net.ConnectException: Connection refused\n\tat java.base/sun.nio.ch.Net.connect0(Native Method)";
        ErrorClassifier fresh = new ErrorClassifier();
        for (int round = 0; round < 3; round++) {
            // The root cause is remembered as NETWORK from the bare trace; wrapped in a driver exception it stays DATABASE.
            assertThat(fresh.classify(null, bare)).isEqualTo(ErrorType.NETWORK);
            assertThat(fresh.classify(null, wrapped)).isEqualTo(ErrorType.DATABASE);
            assertThat(fresh.classify("deadlock detected", bare)).isEqualTo(ErrorType.NETWORK);
        }
    }

    @Test
    void ownRulesExtendTheTable() {
        List<ErrorRule> rules = new ArrayList<>();
        rules.add(ErrorRule.of(ErrorType.DEPENDENCY, "LegacyBillingUnavailable"));
        rules.addAll(ErrorClassifier.DEFAULT_RULES);
        ErrorClassifier extended = new ErrorClassifier(new StackTraceParser(), rules);

        assertThat(extended.classify("com.acme.LegacyBillingUnavailable: try later", null)).isEqualTo(ErrorType.DEPENDENCY);
        assertThat(classifier.classify("com.acme.LegacyBillingUnavailable: try later", null)).isEqualTo(ErrorType.UNKNOWN);
    }

    @Test
    void classifiesALogEvent() {
        LogEvent event = new LogEvent("orders", Instant.EPOCH, Level.ERROR, "orders.db", "query failed",
                TraceCorpus.read("go/db-auth.txt"), Map.of(), "test", "", null);

        assertThat(classifier.classify(event)).isEqualTo(ErrorType.DATABASE);
    }

    @Test
    void unparseableStackTraceTextIsStillRead() {
        assertThat(classifier.classify("worker died", "java.lang.OutOfMemoryError: Metaspace")).isEqualTo(ErrorType.RESOURCE);
        assertThat(classifier.classify(null, null)).isEqualTo(ErrorType.UNKNOWN);
    }
}
