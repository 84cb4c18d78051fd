package io.selfheal.llm;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.selfheal.fingerprint.ErrorType;
import io.selfheal.testing.TestDatabase;
import org.junit.jupiter.api.Test;

import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The redaction corpus sent through the real diagnoser to a fake OpenAI server: none of the planted secrets and
 * personal data may be in what the server received, nor in the audit; the text that makes a diagnosis possible stays.
 */
class RedactionCorpusTest {
    private static final Pattern PLANTED = Pattern.compile("«([^»]+)»");
    private static final String FINGERPRINT = "0123456789abcdef";

    @Test
    void nothingPlantedReachesTheProvider() throws Exception {
        TestDatabase.get().reset();
        List<String> planted = new ArrayList<>();
        List<String> lines = corpus(planted);
        assertThat(planted).hasSizeGreaterThanOrEqualTo(100);
        store(lines);

        try (FakeLlmServer openai = new FakeLlmServer(FakeLlmServer.Protocol.OPENAI);
             DiagnoserHarness harness = new DiagnoserHarness(Map.of(
                     "selfheal.llm.provider", "openai", "selfheal.llm.base-url", openai.baseUrl(),
                     "selfheal.llm.context.recent-lines", String.valueOf(lines.size()),
                     "selfheal.llm.context.max-line-chars", "2000"),
                     Map.of("SELFHEAL_LLM_API_KEY", "sk-test-not-a-real-key-0000000000"))) {
            openai.answer("{\"strategy\":\"scale-out\",\"parameters\":{},\"rationale\":\"pool\",\"confidence\":0.8,\"risk\":\"low\"}");
            harness.diagnoser.diagnose(DiagnoserHarness.incident(1, FINGERPRINT, ErrorType.DATABASE,
                    "cannot connect to <URL>", lines.get(9)), DiagnoserHarness.ALLOWED).orElseThrow();

            String body = openai.requests().get(0).body();
            StringBuilder contents = new StringBuilder();
            for (JsonNode message : new ObjectMapper().readTree(body).get("messages")) {
                contents.append(message.get("content").asText()).append('\n');
            }
            String sent = contents.toString();
            String audited = DiagnoserHarness.text("SELECT prompt_redacted FROM llm_calls");
            List<String> leaked = planted.stream()
                    .filter(value -> body.contains(value) || sent.contains(value) || audited.contains(value)).toList();
            assertThat(leaked).as("planted values that reached the provider or the audit").isEmpty();

            // Everything from the corpus was in the prompt (no line was dropped instead of redacted)...
            assertThat(sent.split("\n")).filteredOn(l -> l.contains("c.a.")).hasSizeGreaterThanOrEqualTo(lines.size());
            // ...and what a diagnosis needs survived.
            assertThat(sent).contains("orders-db.internal", "cache-01.internal", "payments-api.prod.svc.cluster.local",
                    "java.sql.SQLTransientConnectionException", "MongoSocketException", "c.a.o.OrderRepository",
                    "ORD-2024-88213", "ORD-2024-77100", "GET /api/v1/orders/1000", "orders-bus.servicebus.windows.net",
                    "region=eu-west-1", "HikariPool-1",
                    // ...including in the held-out lines: SQL states, status codes, dependency hosts, exception and thread names.
                    "SQLSTATE[28000] [1045]", "SQL state 28P01", "org.postgresql.util.PSQLException",
                    "com.microsoft.sqlserver.jdbc.SQLServerException", "orders-mysql.internal", "\"status\":502",
                    "payments-api.internal", "java.net.SocketTimeoutException", "status=422", "kafka-broker-2.internal:9092",
                    "ERROR 2003 (HY000)", "pool-3-thread-7", "HTTP 401", "ClientConnectionId:5e3c1a2b", "port 51514",
                    "using password: YES");
            // The audit counts what was replaced per kind; the corpus plants at least 12 kinds.
            JsonNode redactions = new ObjectMapper().readTree(DiagnoserHarness.text("SELECT redactions FROM llm_calls"));
            assertThat(redactions.size()).isGreaterThanOrEqualTo(12);
        }
    }

    private static List<String> corpus(List<String> planted) throws Exception {
        String text;
        try (InputStream in = RedactionCorpusTest.class.getResourceAsStream("/llm/redaction-corpus.log")) {
            text = new String(in.readAllBytes(), StandardCharsets.UTF_8);
        }
        List<String> lines = new ArrayList<>();
        for (String line : text.split("\n")) {
            if (line.isBlank() || line.startsWith("#")) {
                continue;
            }
            Matcher m = PLANTED.matcher(line);
            while (m.find()) {
                planted.add(m.group(1));
            }
            lines.add(m.replaceAll(r -> Matcher.quoteReplacement(r.group(1))));
        }
        return lines;
    }

    private static void store(List<String> lines) throws Exception {
        try (Connection c = TestDatabase.get().dataSource().getConnection()) {
            try (PreparedStatement ps = c.prepareStatement("""
                    INSERT INTO error_fingerprints (id, service, error_type, template, level, occurrence_count, first_seen, last_seen)
                    VALUES (?, 'orders', 'database', 'corpus', 'ERROR', ?, now(), now())""")) {
                ps.setString(1, FINGERPRINT);
                ps.setLong(2, lines.size());
                ps.executeUpdate();
            }
            try (PreparedStatement ps = c.prepareStatement("""
                    INSERT INTO log_entries (fingerprint_id, service, ts, level, message) VALUES (?, 'orders', ?, 'ERROR', ?)""")) {
                Instant ts = Instant.parse("2024-05-01T10:00:00Z");
                for (int i = 0; i < lines.size(); i++) {
                    ps.setString(1, FINGERPRINT);
                    ps.setTimestamp(2, Timestamp.from(ts.plusSeconds(i)));
                    ps.setString(3, lines.get(i));
                    ps.addBatch();
                }
                ps.executeBatch();
            }
        }
    }
}
