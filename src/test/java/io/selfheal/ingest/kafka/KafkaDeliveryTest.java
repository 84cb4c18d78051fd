package io.selfheal.ingest.kafka;

import io.selfheal.ingest.source.SourceProgress;
import io.selfheal.ingest.source.SourceStats;
import io.selfheal.testing.KafkaBroker;
import io.selfheal.testing.RunningApp;
import io.selfheal.testing.TestDatabase;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.ByteArraySerializer;
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
import java.util.Map;

import static io.selfheal.testing.RunningApp.await;
import static io.selfheal.testing.RunningApp.count;
import static io.selfheal.testing.RunningApp.execute;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * What the Kafka source promises about delivery, against a real broker and the real database: offsets are committed
 * only once their batch is stored, a redelivered record is stored and counted once, and a bad record becomes a dead
 * letter without stopping its partition.
 */
class KafkaDeliveryTest {
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
    void offsetsAreCommittedOnlyOnceTheirBatchIsStored() throws Exception {
        kafka.createTopic("store-down", 1);
        // The database refuses every new log entry, as a full disk or a failover would (not a data error: the batch
        // must be retried, not dead-lettered).
        execute("CREATE FUNCTION refuse_log_entries() RETURNS trigger LANGUAGE plpgsql AS "
                + "$$ BEGIN RAISE EXCEPTION 'writes refused by the test'; END $$");
        execute("CREATE TRIGGER refuse_log_entries BEFORE INSERT ON log_entries "
                + "FOR EACH STATEMENT EXECUTE FUNCTION refuse_log_entries()");
        try (RunningApp app = RunningApp.start(logs, properties("store-down", "group-store-down", 1));
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
        Map<String, String> properties = properties(topic, "group-redelivered", 2);
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
        try (RunningApp app = RunningApp.start(logs, properties(topic, "group-bad", 1));
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

    private static Map<String, String> properties(String topic, String group, int consumers) {
        Map<String, String> properties = new HashMap<>();
        properties.put("selfheal.files.enabled", "false");
        properties.put("selfheal.kafka.enabled", "true");
        properties.put("selfheal.kafka.brokers", kafka.bootstrap());
        properties.put("selfheal.kafka.topics", topic);
        properties.put("selfheal.kafka.group-id", group);
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

    private static long committed(String group, String topic) {
        try (Admin admin = admin()) {
            return admin.listConsumerGroupOffsets(group).partitionsToOffsetAndMetadata().get().entrySet().stream()
                    .filter(e -> e.getKey().topic().equals(topic) && e.getValue() != null)
                    .mapToLong(e -> e.getValue().offset()).sum();
        } catch (Exception e) {
            return -1;
        }
    }
}
