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
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import static io.selfheal.testing.RunningApp.await;
import static io.selfheal.testing.RunningApp.count;
import static io.selfheal.testing.RunningApp.execute;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * The Kafka source and event publishing against a real in-process Kafka broker and the real database: what the source
 * promises about delivery (offsets committed only once their batch is stored, a redelivered record stored and counted
 * once, a bad record a dead letter that does not stop its partition) and several consumers sharing a group.
 */
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
            // The source shows the last batch's position per partition: one partition's or both, depending on how
            // the two consumer threads shared them.
            assertThat(app.get("/api/v1/sources").body()).contains("\"source\":\"kafka\"")
                    .containsPattern("\"lastPosition\":\"(logs-a/[01]@1,?)+\"");
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
                    producer.send(new ProducerRecord<>("logs-c", i % 4, "jobs", jobLine(i)));
                }
            }
            await(() -> committed("group-c", "logs-c") == records, Duration.ofSeconds(120), "all offsets committed");
            long firstRead = kafkaProgress(first).linesRead();
            long secondRead = kafkaProgress(second).linesRead();
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

    @Test
    void offsetsAreCommittedOnlyOnceTheirBatchIsStored() throws Exception {
        kafka.createTopic("store-down", 1);
        // The database refuses every new log entry, as a full disk or a failover would (not a data error: the batch
        // must be retried, not dead-lettered).
        execute("CREATE FUNCTION refuse_log_entries() RETURNS trigger LANGUAGE plpgsql AS "
                + "$$ BEGIN RAISE EXCEPTION 'writes refused by the test'; END $$");
        execute("CREATE TRIGGER refuse_log_entries BEFORE INSERT ON log_entries "
                + "FOR EACH STATEMENT EXECUTE FUNCTION refuse_log_entries()");
        try (RunningApp app = RunningApp.start(logs, consumers(kafkaProperties("store-down", "group-store-down"), 1));
             KafkaProducer<String, String> producer = kafka.producer()) {
            for (int i = 0; i < 50; i++) {
                producer.send(new ProducerRecord<>("store-down", 0, "jobs", jobLine(i)));
            }
            producer.flush();
            await(() -> kafkaProgress(app).errors() >= 2, Duration.ofSeconds(60), "the batch failing and retried");
            assertThat(committed("group-store-down", "store-down")).as("nothing committed while storing fails")
                    .isZero();
            assertThat(count("SELECT count(*) FROM log_entries")).isZero();

            execute("DROP TRIGGER refuse_log_entries ON log_entries");
            await(() -> committed("group-store-down", "store-down") == 50, Duration.ofSeconds(60),
                    "all offsets committed once the database takes writes again");
            assertThat(count("SELECT count(*) FROM log_entries")).isEqualTo(5);
            assertThat(count("SELECT sum(occurrence_count) FROM error_fingerprints")).isEqualTo(5);
        } finally {
            execute("DROP TRIGGER IF EXISTS refuse_log_entries ON log_entries");
            execute("DROP FUNCTION IF EXISTS refuse_log_entries()");
        }
    }

    @Test
    void redeliveredRecordsAreStoredAndCountedOnceWithSeveralConsumers() throws Exception {
        String topic = "redelivered";
        kafka.createTopic(topic, 4);
        int records = 2_000;
        Map<String, String> properties = consumers(kafkaProperties(topic, "group-redelivered"), 2);
        try (RunningApp app = RunningApp.start(logs, properties);
             KafkaProducer<String, String> producer = kafka.producer()) {
            for (int i = 0; i < records; i++) {
                producer.send(new ProducerRecord<>(topic, i % 4, "jobs", jobLine(i)));
            }
            producer.flush();
            await(() -> committed("group-redelivered", topic) == records, Duration.ofSeconds(60), "all committed");
        }
        assertThat(count("SELECT count(*) FROM log_entries")).isEqualTo(records / 10);

        // The group starts over from offset 0: every record is delivered a second time.
        try (Admin admin = admin()) {
            Map<TopicPartition, OffsetAndMetadata> start = new HashMap<>();
            for (int p = 0; p < 4; p++) {
                start.put(new TopicPartition(topic, p), new OffsetAndMetadata(0));
            }
            admin.alterConsumerGroupOffsets("group-redelivered", start).all().get();
        }
        assertThat(committed("group-redelivered", topic)).isZero();
        try (RunningApp again = RunningApp.start(logs.resolve("again"), properties)) {
            await(() -> committed("group-redelivered", topic) == records, Duration.ofSeconds(60),
                    "all committed again");
            // A rebalance between the two consumers can hand a partition over with its uncommitted batch: at least once.
            assertThat(kafkaProgress(again).linesRead()).as("read a second time").isGreaterThanOrEqualTo(records);
        }
        assertThat(count("SELECT count(*) FROM log_entries")).isEqualTo(records / 10);
        assertThat(count("SELECT count(DISTINCT source_ref) FROM log_entries")).isEqualTo(records / 10);
        assertThat(count("SELECT sum(occurrence_count) FROM error_fingerprints")).isEqualTo(records / 10);
    }

    @Test
    void badRecordsBecomeDeadLettersAndTheirPartitionGoesOn() throws Exception {
        String topic = "bad-records";
        kafka.createTopic(topic, 1);
        byte[][] values = {
                jobLine(0).getBytes(StandardCharsets.UTF_8),
                new byte[0],
                "   ".getBytes(StandardCharsets.UTF_8),
                "{\"level\":\"ERROR\",\"message\":\"cut in the mid".getBytes(StandardCharsets.UTF_8),
                null,
                withInvalidUtf8("2024-05-01 10:00:00.000 ERROR [w] c.a.Jobs - bad bytes "),
                "{\"level\":\"ERROR\",\"message\":\"a NUL \\u0000 inside\"}".getBytes(StandardCharsets.UTF_8),
                jobLine(10).getBytes(StandardCharsets.UTF_8),
        };
        try (RunningApp app = RunningApp.start(logs, consumers(kafkaProperties(topic, "group-bad"), 1));
             KafkaProducer<String, byte[]> producer = new KafkaProducer<>(Map.of(
                     ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, kafka.bootstrap()), new StringSerializer(),
                     new ByteArraySerializer())) {
            for (byte[] value : values) {
                producer.send(new ProducerRecord<>(topic, 0, "jobs", value));
            }
            producer.flush();
            await(() -> committed("group-bad", topic) == values.length, Duration.ofSeconds(60),
                    "the partition committed past its bad records");
            // The next records of the same partition are still read.
            producer.send(new ProducerRecord<>(topic, 0, "jobs", jobLine(20).getBytes(StandardCharsets.UTF_8)));
            producer.flush();
            await(() -> committed("group-bad", topic) == values.length + 1, Duration.ofSeconds(60),
                    "a record after the bad ones committed");
        }
        assertThat(count("SELECT count(*) FROM log_entries WHERE message LIKE 'job % failed%'")).isEqualTo(3);
        assertThat(count("SELECT count(*) FROM log_entries")).isEqualTo(5);
        for (int offset : new int[]{1, 2, 3, 4}) {
            assertThat(count("SELECT count(*) FROM dead_letters WHERE source = 'kafka' AND reason LIKE 'kafka:"
                    + topic + "/0/" + offset + ":%'")).as("dead letter of offset " + offset).isEqualTo(1);
        }
        // Invalid UTF-8 is read as replacement characters, a NUL (which PostgreSQL text cannot hold) is cleaned: both
        // errors are stored.
        assertThat(count("SELECT count(*) FROM log_entries WHERE level = 'ERROR' AND source_ref IN ('kafka:" + topic
                + "/0/5', 'kafka:" + topic + "/0/6')")).isEqualTo(2);
    }

    private static byte[] withInvalidUtf8(String text) {
        byte[] prefix = text.getBytes(StandardCharsets.UTF_8);
        byte[] value = Arrays.copyOf(prefix, prefix.length + 3);
        value[prefix.length] = (byte) 0xC3;
        value[prefix.length + 1] = (byte) 0x28;
        value[prefix.length + 2] = (byte) 0xFF;
        return value;
    }

    private static String jobLine(int i) {
        return i % 10 == 0
                ? "2024-05-01 10:00:00.000 ERROR [w] c.a.Jobs - job " + i + " failed: connection refused"
                : "2024-05-01 10:00:00.000 INFO  [w] c.a.Jobs - job " + i + " done";
    }

    private static Map<String, String> consumers(Map<String, String> properties, int consumers) {
        properties.put("selfheal.kafka.consumers-count", String.valueOf(consumers));
        return properties;
    }

    private static SourceProgress kafkaProgress(RunningApp app) {
        SourceStats stats = app.app().camelContext().getRegistry().lookupByNameAndType("sourceStats", SourceStats.class);
        return stats.snapshot().stream().filter(p -> p.source().equals("kafka")).findFirst()
                .orElse(new SourceProgress("kafka", 0, 0, 0, null, null, null, null, null, null, null));
    }

    private static Admin admin() {
        return Admin.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, kafka.bootstrap()));
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
        try (Admin admin = admin()) {
            return admin.listConsumerGroupOffsets(group).partitionsToOffsetAndMetadata().get().entrySet().stream()
                    .filter(e -> e.getKey().topic().equals(topic) && e.getValue() != null)
                    .mapToLong(e -> e.getValue().offset()).sum();
        } catch (Exception e) {
            return -1;
        }
    }

    private static int members(String group) {
        try (Admin admin = admin()) {
            var description = admin.describeConsumerGroups(List.of(group)).all().get().get(group);
            boolean settled = description.state() == org.apache.kafka.common.ConsumerGroupState.STABLE
                    && description.members().stream().allMatch(m -> !m.assignment().topicPartitions().isEmpty());
            return settled ? description.members().size() : 0;
        } catch (Exception e) {
            return 0;
        }
    }
}
