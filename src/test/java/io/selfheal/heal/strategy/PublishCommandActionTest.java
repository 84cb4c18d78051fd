package io.selfheal.heal.strategy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.selfheal.assess.Severity;
import io.selfheal.fingerprint.ErrorType;
import io.selfheal.heal.Incident;
import io.selfheal.heal.action.ActionRequest;
import io.selfheal.heal.action.ActionSettings;
import org.junit.jupiter.api.Test;

import java.time.Instant;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** What publish-command plans, which is also what a dry run records. */
class PublishCommandActionTest {
    private static final String TEMPLATE = "{\"command\":\"heal\",\"service\":\"${service}\",\"reason\":\"${message}\"}";
    private static final ObjectMapper JSON = new ObjectMapper();

    @Test
    void aRecordKeyedByServiceWithTheRenderedCommand() throws Exception {
        List<ActionRequest> plan = strategy("127.0.0.1:9092", "ops.commands").plan(incident(), Map.of());
        assertThat(plan).hasSize(1);
        ActionRequest request = plan.get(0);
        assertThat(request.kind()).isEqualTo(ActionRequest.Kind.KAFKA);
        assertThat(request.url()).isEqualTo("ops.commands");
        assertThat(request.headers()).containsEntry(ActionRequest.KAFKA_KEY, "search");
        // A quote in the message stays inside its JSON string.
        JsonNode body = JSON.readTree(request.body());
        assertThat(body.path("reason").asText()).isEqualTo("index \"main\" has too many open files");
        assertThat(request.audit()).containsEntry("url", "ops.commands").containsEntry("type", "kafka.command");
    }

    @Test
    void withoutBrokersOrWithAnIllegalTopicItCannotBePlanned() {
        assertThatThrownBy(() -> strategy(null, "ops.commands").plan(incident(), Map.of()))
                .hasMessage("publish-command needs selfheal.actions.kafka.brokers");
        assertThatThrownBy(() -> strategy("127.0.0.1:9092", "ops?brokers=evil:1").plan(incident(), Map.of()))
                .hasMessageContaining("not a Kafka topic name");
    }

    private static PublishCommand strategy(String brokers, String topic) {
        return new PublishCommand(new ActionSettings(null, null, Map.of(), null, null, null, "default", 3, 1,
                "https://events.pagerduty.com", null, null, brokers, topic, TEMPLATE));
    }

    private static Incident incident() {
        return new Incident(3, "0123456789abcdef", "search", ErrorType.RESOURCE, Severity.HIGH,
                "index \"main\" has too many open files", null, null, 12, 6.0, 0, Map.of(), Instant.parse("2024-05-01T10:00:00Z"));
    }
}
