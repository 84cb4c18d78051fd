package io.selfheal.ingest.kafka;

import io.selfheal.ingest.source.SourceProgress;
import io.selfheal.ingest.source.SourceStats;
import io.selfheal.testing.KafkaBroker;
import io.selfheal.testing.RunningApp;
import io.selfheal.testing.TestDatabase;
import org.apache.camel.ProducerTemplate;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import static io.selfheal.testing.RunningApp.await;
import static io.selfheal.testing.RunningApp.count;
import static org.assertj.core.api.Assertions.assertThat;

/** The Kafka source and event publishing against a real in-process Kafka broker and the real database. */
class KafkaSourceTest {
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
    void recordsAreStoredWithTheirServiceAndOffsetsCommittedAfterwards() throws Exception {
        kafka.createTopic("logs-a", 2);
        try (RunningApp app = RunningApp.start(logs, kafkaProperties("logs-a", "group-a"));
             KafkaProducer<String, String> producer = kafka.producer()) {
            producer.send(new ProducerRecord<>("logs-a", 0, null,
                    "{\"level\":\"ERROR\",\"service\":\"billing\",\"message\":\"invoice 7 could not be rendered\"}"));
            ProducerRecord<String, String> withHeader = new ProducerRecord<>("logs-a", 1, null,
                    "2024-05-01 10:00:00.000 ERROR [main] c.a.Cart - cart 9 lost\njava.lang.IllegalStateException: gone\n\tat com.acme.Cart.load(Cart.java:12)");
            withHeader.headers().add("service", "cart".getBytes(StandardCharsets.UTF_8));
            producer.send(withHeader);
            producer.send(new ProducerRecord<>("logs-a", 0, "search", "WARN index 3 is stale"));
            producer.send(new ProducerRecord<>("logs-a", 1, "search", "INFO query served in 12 ms"));
            producer.flush();

            await(() -> count("SELECT count(*) FROM log_entries") == 3, Duration.ofSeconds(30), "3 stored entries");
            assertThat(count("SELECT count(*) FROM log_entries WHERE service = 'billing' AND source_ref LIKE 'kafka:logs-a/0/%'"))
                    .isEqualTo(1);
            assertThat(count("SELECT count(*) FROM log_entries WHERE service = 'cart' AND stack_trace LIKE '%Cart.java:12%'"))
                    .isEqualTo(1);
            assertThat(count("SELECT count(*) FROM log_entries WHERE service = 'search' AND level = 'WARN'")).isEqualTo(1);
            await(() -> committed("group-a", "logs-a") == 4, Duration.ofSeconds(30), "offsets committed");
            assertThat(app.get("/api/v1/sources").body()).contains("\"source\":\"kafka\"").contains("logs-a/0@1");
            assertThat(app.get("/observe/metrics").body()).contains("selfheal_source_lines_read_total{source=\"kafka\"");
        }
    }

    @Test
    void healingEventsArePublishedInBatches() throws Exception {
        kafka.createTopic("events-b", 1);
        Map<String, String> properties = kafkaProperties("logs-b", "group-b");
        properties.put("selfheal.kafka.events-topic", "events-b");
        kafka.createTopic("logs-b", 1);
        try (RunningApp app = RunningApp.start(logs, properties);
             KafkaConsumer<String, String> consumer = new KafkaConsumer<>(Map.of(
                     ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, kafka.bootstrap(),
                     ConsumerConfig.GROUP_ID_CONFIG, "reader-b",
                     ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest"), new StringDeserializer(), new StringDeserializer())) {
            ProducerTemplate template = app.app().camelContext().createProducerTemplate();
            for (int i = 0; i < 1200; i++) {
                template.sendBody("direct:publish-event", "{\"event\":\"healing-started\",\"n\":" + i + "}");
            }
            consumer.subscribe(List.of("events-b"));
            int received = 0;
            long deadline = System.nanoTime() + Duration.ofSeconds(30).toNanos();
            while (received < 1200 && System.nanoTime() < deadline) {
                received += consumer.poll(Duration.ofMillis(500)).count();
            }
            assertThat(received).isEqualTo(1200);
        }
    }

    @Test
    void twoInstancesInOneGroupShareTheWorkAndTotalsAreExact() throws Exception {
        kafka.createTopic("logs-c", 4);
        int records = 20_000;
        Map<String, String> properties = kafkaProperties("logs-c", "group-c");
        properties.put("selfheal.kafka.consumers-count", "2");
        try (RunningApp first = RunningApp.start(logs, properties);
             RunningApp second = RunningApp.start(logs.resolve("second"), properties)) {
            await(() -> members("group-c") == 4, Duration.ofSeconds(60), "two instances of two consumers in the group");
            try (KafkaProducer<String, String> producer = kafka.producer()) {
                for (int i = 0; i < records; i++) {
                    String line = i % 10 == 0
                            ? "2024-05-01 10:00:00.000 ERROR [w] c.a.Jobs - job " + i + " failed: connection refused"
                            : "2024-05-01 10:00:00.000 INFO  [w] c.a.Jobs - job " + i + " done";
                    producer.send(new ProducerRecord<>("logs-c", i % 4, "jobs", line));
                }
            }
            await(() -> committed("group-c", "logs-c") == records, Duration.ofSeconds(120), "all offsets committed");
            long firstRead = linesRead(first);
            long secondRead = linesRead(second);
            assertThat(firstRead).isPositive();
            assertThat(secondRead).isPositive();
            // A rebalance hands a partition over with its uncommitted batch, which the new owner reads again: reads may
            // exceed the records, storage may not.
            assertThat(firstRead + secondRead).isGreaterThanOrEqualTo(records);
        }
        assertThat(count("SELECT count(*) FROM log_entries")).isEqualTo(records / 10);
        assertThat(count("SELECT count(DISTINCT message) FROM log_entries")).isEqualTo(records / 10);
        assertThat(count("SELECT sum(occurrence_count) FROM error_fingerprints")).isEqualTo(records / 10);
    }

    private static long linesRead(RunningApp app) {
        SourceStats stats = app.app().camelContext().getRegistry().lookupByNameAndType("sourceStats", SourceStats.class);
        return stats.snapshot().stream().filter(p -> p.source().equals("kafka")).mapToLong(SourceProgress::linesRead).sum();
    }

    private static Map<String, String> kafkaProperties(String topic, String group) {
        Map<String, String> properties = new HashMap<>();
        properties.put("selfheal.files.enabled", "false");
        properties.put("selfheal.kafka.enabled", "true");
        properties.put("selfheal.kafka.brokers", kafka.bootstrap());
        properties.put("selfheal.kafka.topics", topic);
        properties.put("selfheal.kafka.group-id", group);
        return properties;
    }

    private static long committed(String group, String topic) {
        try (Admin admin = Admin.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, kafka.bootstrap()))) {
            return admin.listConsumerGroupOffsets(group).partitionsToOffsetAndMetadata().get().entrySet().stream()
                    .filter(e -> e.getKey().topic().equals(topic) && e.getValue() != null)
                    .mapToLong(e -> e.getValue().offset()).sum();
        } catch (Exception e) {
            return -1;
        }
    }

    private static int members(String group) {
        try (Admin admin = Admin.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, kafka.bootstrap()))) {
            var description = admin.describeConsumerGroups(List.of(group)).all().get().get(group);
            boolean settled = description.state() == org.apache.kafka.common.ConsumerGroupState.STABLE
                    && description.members().stream().allMatch(m -> !m.assignment().topicPartitions().isEmpty());
            return settled ? description.members().size() : 0;
        } catch (Exception e) {
            return 0;
        }
    }
}
