package io.selfheal.ingest.kafka;

import io.selfheal.testing.ChildApp;
import io.selfheal.testing.KafkaBroker;
import io.selfheal.testing.MixedLogLines;
import io.selfheal.testing.TestDatabase;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.time.Duration;
import java.util.HashMap;
import java.util.Map;

import static io.selfheal.testing.RunningApp.await;
import static io.selfheal.testing.RunningApp.count;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * A crash in the middle of a Kafka backlog: the service (a child JVM) is SIGKILLed while it works through 100,000
 * records, a new one takes over from the committed offsets, and every error line ends up stored and counted exactly
 * once, although the records stored but not yet committed at the kill are delivered a second time.
 */
@Tag("reliability")
class KafkaHardKillTest {
    private static final String TOPIC = "hard-kill";
    private static final int RECORDS = 100_000;
    private static final int ERRORS = RECORDS / 10;
    private static KafkaBroker kafka;

    @TempDir
    Path logs;

    @BeforeAll
    static void startKafka() throws Exception {
        kafka = KafkaBroker.start();
    }

    @AfterAll
    static void stopKafka() {
        kafka.close();
    }

    @BeforeEach
    void reset() {
        TestDatabase.get().reset();
    }

    @Test
    void everyErrorIsStoredAndCountedOnceAcrossAHardKill() throws Exception {
        kafka.createTopic(TOPIC, 2);
        try (KafkaProducer<String, String> producer = kafka.producer()) {
            for (int i = 0; i < RECORDS; i++) {
                producer.send(new ProducerRecord<>(TOPIC, i % 2, MixedLogLines.service(i), MixedLogLines.line(i)));
            }
        }
        Map<String, String> properties = new HashMap<>();
        properties.put("selfheal.files.enabled", "false");
        properties.put("selfheal.kafka.enabled", "true");
        properties.put("selfheal.kafka.brokers", kafka.bootstrap());
        properties.put("selfheal.kafka.topics", TOPIC);
        properties.put("selfheal.kafka.group-id", "hard-kill");

        long storedAtKill;
        try (ChildApp first = ChildApp.start(logs, properties, Path.of("target", "hard-kill", "kafka-first.log"))) {
            await(() -> !first.isAlive() || count("SELECT count(*) FROM log_entries") > 0, Duration.ofSeconds(120),
                    "the first instance storing");
            first.kill();
            storedAtKill = count("SELECT count(*) FROM log_entries");
        }
        assertThat(storedAtKill).as("killed in the middle of the backlog").isBetween(1L, ERRORS - 1L);
        assertThat(committed()).as("offsets committed at the kill").isLessThan(RECORDS);

        try (ChildApp second = ChildApp.start(logs, properties, Path.of("target", "hard-kill", "kafka-second.log"))) {
            await(() -> !second.isAlive() || committed() == RECORDS, Duration.ofSeconds(150),
                    "every offset committed by the second instance");
            assertThat(second.isAlive()).as("second instance alive, see " + second.output()).isTrue();
        }
        assertThat(count("SELECT count(*) FROM log_entries")).isEqualTo(ERRORS);
        assertThat(count("SELECT count(DISTINCT source_ref) FROM log_entries")).isEqualTo(ERRORS);
        assertThat(count("SELECT count(*) FROM log_entries WHERE level = 'ERROR' AND source_ref LIKE 'kafka:"
                + TOPIC + "/%'")).isEqualTo(ERRORS);
        assertThat(count("SELECT count(*) FROM log_entries WHERE stack_trace IS NOT NULL")).isEqualTo(ERRORS / 2);
        assertThat(count("SELECT sum(occurrence_count) FROM error_fingerprints WHERE service IN ("
                + MixedLogLines.SERVICES_SQL + ")")).isEqualTo(ERRORS);
    }

    private static long committed() {
        try (Admin admin = Admin.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, kafka.bootstrap()))) {
            return admin.listConsumerGroupOffsets("hard-kill").partitionsToOffsetAndMetadata().get().entrySet().stream()
                    .filter(e -> e.getKey().topic().equals(TOPIC) && e.getValue() != null)
                    .mapToLong(e -> e.getValue().offset()).sum();
        } catch (Exception e) {
            return -1;
        }
    }
}
