package io.selfheal.heal.action;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.selfheal.testing.KafkaBroker;
import io.selfheal.testing.RunningApp;
import io.selfheal.testing.TestDatabase;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The publish-command strategy through a real broker: a router rule (a user's route file replacing the shipped router)
 * names it like any other allow-listed strategy; the command arrives as JSON keyed by service, and the audit records it.
 */
class KafkaCommandActionTest {
    private static final ObjectMapper JSON = new ObjectMapper();

    @TempDir
    Path dir;

    @Test
    void aCommandIsPublishedToTheTopicKeyedByService() throws Exception {
        TestDatabase.get().reset();
        Path routes = Files.createDirectories(dir.resolve("routes"));
        Files.writeString(routes.resolve("router.yaml"), """
                - route:
                    id: healing-router
                    from:
                      uri: direct:healing-router
                      steps:
                        - setHeader: {name: selfheal.strategy, constant: publish-command}
                        - setHeader: {name: selfheal.routedBy, constant: "router: services heal themselves"}
                """);
        try (KafkaBroker broker = KafkaBroker.start()) {
            broker.createTopic("ops.commands", 1);
            Map<String, String> p = new HashMap<>();
            p.put("selfheal.assess.cron", "* * * * * ?");
            p.put("selfheal.assess.window", "10s");
            p.put("selfheal.healing.dry-run", "false");
            p.put("selfheal.routes.dir", routes.toString());
            p.put("selfheal.api.operator-token", "operator");
            p.put("selfheal.actions.kafka.brokers", broker.bootstrap());
            p.put("selfheal.actions.kafka.topic", "ops.commands");
            try (RunningApp app = RunningApp.start(dir.resolve("logs"), p);
                 KafkaConsumer<String, String> consumer = consumer(broker)) {
                var events = JSON.createArrayNode();
                for (int i = 0; i < 20; i++) {
                    events.addObject().put("@timestamp", Instant.now().toString()).put("level", "ERROR").put("service", "search")
                            .put("message", "Too many open files while indexing shard " + i);
                }
                assertThat(app.post("/api/v1/logs", "application/json", JSON.writeValueAsString(events)).statusCode()).isEqualTo(200);

                List<ConsumerRecord<String, String>> received = new ArrayList<>();
                long deadline = System.nanoTime() + Duration.ofSeconds(60).toNanos();
                while (received.isEmpty() && System.nanoTime() < deadline) {
                    consumer.poll(Duration.ofMillis(500)).forEach(received::add);
                }
                assertThat(received).as("a command on ops.commands").isNotEmpty();
                assertThat(received.get(0).key()).isEqualTo("search");
                JsonNode command = JSON.readTree(received.get(0).value());
                assertThat(command.path("command").asText()).isEqualTo("heal");
                assertThat(command.path("strategy").asText()).isEqualTo("publish-command");
                assertThat(command.path("errorType").asText()).isEqualTo("resource");
                RunningApp.await("the action settled", () -> RunningApp.count(
                        "SELECT count(*) FROM healing_actions WHERE strategy = 'publish-command' AND status = 'succeeded' "
                                + "AND params -> 'requests' -> 0 ->> 'url' = 'ops.commands' "
                                + "AND result -> 'requests' -> 0 ->> 'status' = 'delivered'") == 1, Duration.ofSeconds(30));
            }
        }
    }

    private static KafkaConsumer<String, String> consumer(KafkaBroker broker) {
        KafkaConsumer<String, String> consumer = new KafkaConsumer<>(Map.of(
                ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, broker.bootstrap(),
                ConsumerConfig.GROUP_ID_CONFIG, "command-reader",
                ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest"), new StringDeserializer(), new StringDeserializer());
        consumer.subscribe(List.of("ops.commands"));
        return consumer;
    }
}
