package io.selfheal.ingest.parse;

import static io.selfheal.ingest.parse.Parsing.RECEIVED_AT;
import static io.selfheal.ingest.parse.Parsing.fromJson;
import static io.selfheal.ingest.parse.Parsing.parse;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.selfheal.ingest.Level;
import io.selfheal.ingest.LogEvent;
import java.time.Instant;
import java.util.Map;
import org.junit.jupiter.api.Test;

class JsonParsingTest {

    private static final Instant AT_11_482 = Instant.parse("2024-03-12T14:02:11.482Z");

    @Test
    void logstashLogbackEncoder() {
        LogEvent event = parse(LogSamples.LOGSTASH_JSON);

        assertThat(event.service()).isEqualTo("orders");
        assertThat(event.timestamp()).isEqualTo(Instant.parse("2024-03-12T13:02:11.482Z"));
        assertThat(event.level()).isEqualTo(Level.ERROR);
        assertThat(event.logger()).isEqualTo("com.acme.orders.PaymentClient");
        assertThat(event.message()).isEqualTo("Payment declined for order 8812");
        assertThat(event.stackTrace()).isEqualTo("com.acme.orders.PaymentException: card_declined\n"
                + "\tat com.acme.orders.PaymentClient.charge(PaymentClient.java:64)\n");
        assertThat(event.labels()).isEqualTo(Map.of(
                "thread", "http-nio-8080-exec-7",
                "tags", "payments,checkout",
                "traceId", "4bf92f3577b34da6a3ce929d0e0e4736",
                "region", "eu-west-1",
                "env", "prod"));
        assertThat(event.raw()).isEqualTo(LogSamples.LOGSTASH_JSON);
    }

    @Test
    void ecsWithNestedObjects() {
        LogEvent event = parse("""
                {"@timestamp":"2024-03-12T14:02:11.482Z","log":{"level":"error","logger":"com.acme.inventory.StockService"},\
                "message":"Reservation failed for SKU-1182","ecs.version":"1.2.0",\
                "service":{"name":"inventory","version":"2.3.1"},"host":{"name":"ip-10-0-3-17"},\
                "process":{"thread":{"name":"kafka-consumer-1"}},"trace":{"id":"0af7651916cd43dd8448eb211c80319c"},\
                "error":{"type":"java.lang.IllegalStateException","message":"Stock below zero for SKU-1182",\
                "stack_trace":"java.lang.IllegalStateException: Stock below zero for SKU-1182\\n\\tat com.acme.inventory.StockService.reserve(StockService.java:77)"}}""");

        assertThat(event.service()).isEqualTo("inventory");
        assertThat(event.timestamp()).isEqualTo(AT_11_482);
        assertThat(event.level()).isEqualTo(Level.ERROR);
        assertThat(event.logger()).isEqualTo("com.acme.inventory.StockService");
        assertThat(event.message()).isEqualTo("Reservation failed for SKU-1182");
        assertThat(event.stackTrace()).isEqualTo("java.lang.IllegalStateException: Stock below zero for SKU-1182\n"
                + "\tat com.acme.inventory.StockService.reserve(StockService.java:77)");
        assertThat(event.labels()).isEqualTo(Map.of(
                "host", "ip-10-0-3-17",
                "thread", "kafka-consumer-1",
                "service.version", "2.3.1",
                "trace.id", "0af7651916cd43dd8448eb211c80319c",
                "env", "prod"));
    }

    @Test
    void ecsWithDottedKeysAndErrorWithoutStackTrace() {
        LogEvent event = parse("{\"@timestamp\":\"2024-03-12T14:02:11.482Z\",\"log.level\":\"WARN\","
                + "\"log.logger\":\"com.acme.billing.TaxClient\",\"message\":\"Tax service slow, using cached rates\","
                + "\"service.name\":\"billing\",\"host.name\":\"billing-7f9c\","
                + "\"error.type\":\"java.net.SocketTimeoutException\",\"error.message\":\"Read timed out\"}");

        assertThat(event.service()).isEqualTo("billing");
        assertThat(event.timestamp()).isEqualTo(AT_11_482);
        assertThat(event.level()).isEqualTo(Level.WARN);
        assertThat(event.logger()).isEqualTo("com.acme.billing.TaxClient");
        assertThat(event.message()).isEqualTo("Tax service slow, using cached rates");
        assertThat(event.stackTrace()).isEqualTo("java.net.SocketTimeoutException: Read timed out");
        assertThat(event.labels()).isEqualTo(Map.of("host", "billing-7f9c", "env", "prod"));
    }

    @Test
    void pinoWithSerializedError() {
        LogEvent event = parse("{\"level\":50,\"time\":1710252131482,\"pid\":7,\"hostname\":\"orders-api-7d9f\","
                + "\"name\":\"orders-api\",\"reqId\":\"req-1f\",\"err\":{\"type\":\"Error\","
                + "\"message\":\"connect ECONNREFUSED 10.0.3.17:5432\",\"stack\":\"Error: connect ECONNREFUSED"
                + " 10.0.3.17:5432\\n    at TCPConnectWrap.afterConnect [as oncomplete] (node:net:1555:16)\","
                + "\"code\":\"ECONNREFUSED\"},\"msg\":\"query failed\"}");

        assertThat(event.service()).isEqualTo("orders-api");
        assertThat(event.timestamp()).isEqualTo(AT_11_482);
        assertThat(event.level()).isEqualTo(Level.ERROR);
        assertThat(event.logger()).isNull();
        assertThat(event.message()).isEqualTo("query failed");
        assertThat(event.stackTrace()).isEqualTo("Error: connect ECONNREFUSED 10.0.3.17:5432\n"
                + "    at TCPConnectWrap.afterConnect [as oncomplete] (node:net:1555:16)");
        assertThat(event.labels()).isEqualTo(Map.of(
                "host", "orders-api-7d9f", "pid", "7", "reqId", "req-1f", "err.code", "ECONNREFUSED", "env", "prod"));
    }

    @Test
    void bunyan() {
        LogEvent event = parse("{\"name\":\"payments\",\"hostname\":\"pay-1\",\"pid\":12,\"level\":40,"
                + "\"msg\":\"charge took 4200ms\",\"time\":\"2024-03-12T14:02:11.482Z\",\"v\":0}");

        assertThat(event.service()).isEqualTo("payments");
        assertThat(event.timestamp()).isEqualTo(AT_11_482);
        assertThat(event.level()).isEqualTo(Level.WARN);
        assertThat(event.logger()).isNull();
        assertThat(event.message()).isEqualTo("charge took 4200ms");
        assertThat(event.stackTrace()).isNull();
        assertThat(event.labels()).isEqualTo(Map.of("host", "pay-1", "pid", "12", "env", "prod"));
    }

    @Test
    void zapWithFractionalEpochSeconds() {
        LogEvent event = parse("{\"level\":\"error\",\"ts\":1710252131.4821234,\"logger\":\"inventory.store\","
                + "\"caller\":\"store/store.go:118\",\"msg\":\"reserve failed\",\"sku\":\"SKU-1182\","
                + "\"error\":\"pq: deadlock detected\",\"stacktrace\":\"github.com/acme/inventory/internal/store."
                + "(*Store).Reserve\\n\\t/src/internal/store/store.go:118\"}");

        assertThat(event.service()).isEqualTo("orders");
        assertThat(event.timestamp()).isEqualTo(Instant.ofEpochSecond(1710252131L, 482_123_400L));
        assertThat(event.level()).isEqualTo(Level.ERROR);
        assertThat(event.logger()).isEqualTo("inventory.store");
        assertThat(event.message()).isEqualTo("reserve failed");
        assertThat(event.stackTrace()).isEqualTo(
                "github.com/acme/inventory/internal/store.(*Store).Reserve\n\t/src/internal/store/store.go:118");
        assertThat(event.labels()).isEqualTo(Map.of(
                "caller", "store/store.go:118", "sku", "SKU-1182", "error", "pq: deadlock detected", "env", "prod"));
    }

    @Test
    void pythonJsonLogger() {
        LogEvent event = parse("{\"asctime\":\"2024-03-12 14:02:11,482\",\"levelname\":\"ERROR\","
                + "\"name\":\"payments.gateway\",\"message\":\"Charge failed\",\"exc_info\":\"Traceback (most recent"
                + " call last):\\n  File \\\"/app/payments/gateway.py\\\", line 88, in charge\\n    raise"
                + " ValueError(amount)\\nValueError: -12.50\",\"invoice_id\":5531,\"service\":\"payments\"}");

        assertThat(event.service()).isEqualTo("payments");
        assertThat(event.timestamp()).isEqualTo(AT_11_482);
        assertThat(event.level()).isEqualTo(Level.ERROR);
        assertThat(event.logger()).isEqualTo("payments.gateway");
        assertThat(event.message()).isEqualTo("Charge failed");
        assertThat(event.stackTrace()).isEqualTo("Traceback (most recent call last):\n"
                + "  File \"/app/payments/gateway.py\", line 88, in charge\n    raise ValueError(amount)\n"
                + "ValueError: -12.50");
        assertThat(event.labels()).isEqualTo(Map.of("invoice_id", "5531", "env", "prod"));
    }

    @Test
    void gelfWithSyslogLevelAndUnderscoreFields() {
        LogEvent event = parse("{\"version\":\"1.1\",\"host\":\"billing-02\",\"short_message\":\"Invoice export"
                + " failed\",\"full_message\":\"System.IO.IOException: No space left on device\\n   at"
                + " Billing.Export.Writer.Flush() in /src/Billing/Export/Writer.cs:line 88\",\"timestamp\":1710252131.482,"
                + "\"level\":3,\"_service\":\"billing\",\"_env\":\"staging\",\"_request_id\":\"r-77\"}");

        assertThat(event.service()).isEqualTo("billing");
        assertThat(event.timestamp()).isEqualTo(AT_11_482);
        assertThat(event.level()).isEqualTo(Level.ERROR);
        assertThat(event.logger()).isNull();
        assertThat(event.message()).isEqualTo("Invoice export failed");
        assertThat(event.stackTrace()).isEqualTo("System.IO.IOException: No space left on device\n"
                + "   at Billing.Export.Writer.Flush() in /src/Billing/Export/Writer.cs:line 88");
        // the stream's own labels win over labels the record claims
        assertThat(event.labels()).isEqualTo(Map.of("host", "billing-02", "request_id", "r-77", "env", "prod"));
    }

    @Test
    void gelfSeveritiesMapToLevels() {
        assertThat(gelfLevel(0)).isEqualTo(Level.FATAL);
        assertThat(gelfLevel(2)).isEqualTo(Level.FATAL);
        assertThat(gelfLevel(4)).isEqualTo(Level.WARN);
        assertThat(gelfLevel(6)).isEqualTo(Level.INFO);
        assertThat(gelfLevel(7)).isEqualTo(Level.DEBUG);
    }

    private static Level gelfLevel(int severity) {
        return parse("{\"version\":\"1.1\",\"host\":\"h\",\"short_message\":\"m\",\"level\":" + severity + "}").level();
    }

    @Test
    void decodedObjectFromHttpEndpoint() throws Exception {
        LogEvent event = fromJson(new ObjectMapper().readTree(
                "{\"timestamp\":\"1710252131482\",\"level\":\"warning\",\"msg\":\"cache miss ratio 0.41\",\"app\":\"search\"}"));

        assertThat(event.service()).isEqualTo("search");
        assertThat(event.timestamp()).isEqualTo(AT_11_482);
        assertThat(event.level()).isEqualTo(Level.WARN);
        assertThat(event.message()).isEqualTo("cache miss ratio 0.41");
        assertThat(event.source()).isEqualTo("file:logs/orders.log");
        assertThat(event.raw()).isEqualTo(
                "{\"timestamp\":\"1710252131482\",\"level\":\"warning\",\"msg\":\"cache miss ratio 0.41\",\"app\":\"search\"}");
    }

    @Test
    void epochNanosecondsAndUnreadableValuesAreKept() {
        LogEvent nanos = parse("{\"time\":1710252131482123456,\"msg\":\"tick\"}");
        assertThat(nanos.timestamp()).isEqualTo(Instant.ofEpochSecond(1710252131L, 482_123_456L));
        assertThat(nanos.level()).isEqualTo(Level.INFO);

        LogEvent odd = parse("{\"time\":\"yesterday-ish\",\"level\":\"chatty\",\"msg\":\"hello\"}");
        assertThat(odd.timestamp()).isEqualTo(RECEIVED_AT);
        assertThat(odd.level()).isEqualTo(Level.INFO);
        assertThat(odd.labels()).isEqualTo(Map.of("time", "yesterday-ish", "level", "chatty", "env", "prod"));
    }

    @Test
    void extraFieldsBecomeBoundedLabels() {
        StringBuilder json = new StringBuilder("{\"level\":\"info\",\"msg\":\"wide event\",\"blob\":\"")
                .append("x".repeat(1000)).append('"');
        for (int i = 0; i < 50; i++) {
            json.append(",\"field").append(i).append("\":").append(i);
        }
        LogEvent event = parse(json.append('}').toString());

        assertThat(event.labels()).hasSize(StructuredRecordMapper.MAX_RECORD_LABELS + 1);
        assertThat(event.labels()).containsEntry("env", "prod").containsEntry("field30", "30")
                .doesNotContainKey("field31");
        assertThat(event.labels().get("blob")).isEqualTo("x".repeat(256) + "…[truncated 744 chars]");
    }
}
