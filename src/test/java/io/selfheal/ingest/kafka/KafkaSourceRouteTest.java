package io.selfheal.ingest.kafka;

import io.selfheal.ingest.parse.LogParser;
import io.selfheal.ingest.source.SourceStats;
import io.selfheal.testing.KafkaBroker;
import io.selfheal.testing.RunningApp;
import io.selfheal.testing.TestDatabase;
import io.selfheal.testing.YamlRouteTestSupport;
import org.apache.camel.builder.AdviceWith;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.sql.SQLException;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicInteger;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The real routes/source-kafka.yaml consuming from a real Kafka broker (its kafka: consumer is what the route is
 * about: batches, manual commits, reconnecting after a failed batch), with the real routes/ingest.yaml storing into
 * the test PostgreSQL; and its publish-event route producing healing events to the broker.
 */
class KafkaSourceRouteTest extends YamlRouteTestSupport {
    private static KafkaBroker kafka;

    private final SourceStats stats = new SourceStats(Clock.systemUTC(), () -> null);
    private final AtomicInteger storesToFail = new AtomicInteger();
    private final String topic = "logs-" + UUID.randomUUID();
    private final String events = "events-" + UUID.randomUUID();

    @BeforeAll
    static void startBroker() throws Exception {
        kafka = KafkaBroker.start();
    }

    @AfterAll
    static void stopBroker() {
        kafka.close();
    }

    @BeforeEach
    void startRoutes() throws Exception {
        TestDatabase.get().reset();
        kafka.createTopic(topic, 1);
        kafka.createTopic(events, 1);
        bindIngest(TestDatabase.get().dataSource(), stats);
        context.getRegistry().bind("kafkaRecords", new KafkaBatchReader(
                new KafkaRecordDecoder(new LogParser(), true, Clock.systemUTC()), stats, "service"));
        useAppProperties(Map.of("selfheal.kafka.enabled", "true", "selfheal.kafka.brokers", kafka.bootstrap(),
                "selfheal.kafka.topics", topic, "selfheal.kafka.group-id", "route-test", "selfheal.kafka.events-topic", events,
                "selfheal.kafka.events-batch-size", "2"));
        load("classpath:routes/ingest.yaml", "classpath:routes/source-kafka.yaml");
        AdviceWith.adviceWith(context, "source-kafka", route -> route.weaveByToUri("direct:ingest").before().process(e -> {
            if (storesToFail.getAndDecrement() > 0) {
                throw new SQLException("database down");
            }
        }));
    }

    @Test
    void recordsAreStoredWithTheirPositionAndTheOffsetCommitted() throws Exception {
        produce("orders", "2024-05-01T10:00:00Z ERROR Could not save order 1234: connection reset",
                "2024-05-01T10:00:01Z ERROR Could not save order 1235: connection reset");
        context.start();

        awaitRows(2);

        assertThat(text("SELECT string_agg(service || ' ' || source_ref, ',' ORDER BY id) FROM log_entries"))
                .isEqualTo("orders kafka:" + topic + "/0/0,orders kafka:" + topic + "/0/1");
        RunningApp.await(() -> committed() == 2, Duration.ofSeconds(20), "offset 2 committed");
        assertThat(stats.snapshot()).anySatisfy(p -> {
            assertThat(p.source()).isEqualTo("kafka");
            assertThat(p.lastPosition()).contains(topic);
        });
    }

    @Test
    void aBatchThatWasNotStoredIsConsumedAgainAndStoredOnce() throws Exception {
        storesToFail.set(1);
        produce("billing", "2024-05-01T10:00:00Z ERROR Invoice 7 failed: timeout");
        context.start();

        awaitRows(1);

        assertThat(storesToFail.get()).as("the first delivery failed").isNegative();
        assertThat(text("SELECT service || ' ' || message FROM log_entries")).isEqualTo("billing Invoice 7 failed: timeout");
        RunningApp.await(() -> committed() == 1, Duration.ofSeconds(20), "offset 1 committed");
        assertThat(text("SELECT count(*) FROM log_entries")).isEqualTo("1");
    }

    @Test
    void healingEventsArePublishedInBatches() throws Exception {
        context.start();

        template.sendBody("direct:publish-event", "{\"type\":\"healing.executed\",\"actionId\":1}");
        template.sendBody("direct:publish-event", "{\"type\":\"healing.verified\",\"actionId\":1}");

        List<String> published = new ArrayList<>();
        try (KafkaConsumer<String, String> consumer = new KafkaConsumer<>(Map.of(
                ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, kafka.bootstrap(), ConsumerConfig.GROUP_ID_CONFIG, "reader",
                ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest"), new StringDeserializer(), new StringDeserializer())) {
            consumer.subscribe(List.of(events));
            long deadline = System.nanoTime() + Duration.ofSeconds(20).toNanos();
            while (published.size() < 2 && System.nanoTime() < deadline) {
                for (ConsumerRecord<String, String> r : consumer.poll(Duration.ofMillis(200))) {
                    published.add(r.value());
                }
            }
        }
        assertThat(published).containsExactly("{\"type\":\"healing.executed\",\"actionId\":1}",
                "{\"type\":\"healing.verified\",\"actionId\":1}");
    }

    private void produce(String service, String... lines) throws Exception {
        try (KafkaProducer<String, String> producer = kafka.producer()) {
            for (String line : lines) {
                producer.send(new ProducerRecord<>(topic, service, line)).get();
            }
        }
    }

    private void awaitRows(int n) throws InterruptedException {
        RunningApp.await(() -> {
            try {
                return Long.parseLong(text("SELECT count(*) FROM log_entries")) >= n;
            } catch (SQLException e) {
                throw new IllegalStateException(e);
            }
        }, Duration.ofSeconds(30), n + " rows stored");
    }

    private long committed() {
        try (Admin admin = Admin.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, kafka.bootstrap()))) {
            OffsetAndMetadata offset = admin.listConsumerGroupOffsets("route-test").partitionsToOffsetAndMetadata().get()
                    .get(new TopicPartition(topic, 0));
            return offset == null ? -1 : offset.offset();
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }
}
