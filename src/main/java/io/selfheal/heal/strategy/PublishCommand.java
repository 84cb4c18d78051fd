package io.selfheal.heal.strategy;

import io.selfheal.fingerprint.ErrorType;
import io.selfheal.heal.HealingStrategy;
import io.selfheal.heal.Incident;
import io.selfheal.heal.RiskLevel;
import io.selfheal.heal.action.ActionRequest;
import io.selfheal.heal.action.ActionSettings;
import io.selfheal.heal.action.JsonTemplate;

import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * Publishes a JSON command to a Kafka topic ({@code selfheal.actions.kafka.topic}, keyed by service so one
 * service's commands stay in order); the services' own consumers carry it out (reload configuration, reconnect,
 * shed load). The body comes from {@code selfheal.actions.kafka.template}.
 */
final class PublishCommand implements HealingStrategy {
    static final String NAME = "publish-command";
    /** Kafka's legal topic names: the topic can never add options to the endpoint URI. */
    private static final Pattern TOPIC = Pattern.compile("[a-zA-Z0-9._-]{1,249}");

    private final ActionSettings settings;

    PublishCommand(ActionSettings settings) {
        this.settings = settings;
    }

    @Override
    public String name() {
        return NAME;
    }

    @Override
    public String description() {
        return "Publish a JSON command to the services' command topic on Kafka; the service's own consumer carries it out";
    }

    @Override
    public Set<ErrorType> applicableTo() {
        return Set.of(ErrorType.CONFIGURATION, ErrorType.DEPENDENCY, ErrorType.RESOURCE);
    }

    @Override
    public int priority() {
        return 15;
    }

    @Override
    public RiskLevel risk() {
        return RiskLevel.MEDIUM;
    }

    @Override
    public List<ActionRequest> plan(Incident incident, Map<String, String> params) {
        if (settings.kafkaBrokers() == null) {
            throw new IllegalStateException(NAME + " needs selfheal.actions.kafka.brokers");
        }
        if (settings.kafkaTopic() == null || !TOPIC.matcher(settings.kafkaTopic()).matches()) {
            throw new IllegalStateException("selfheal.actions.kafka.topic is not a Kafka topic name: " + settings.kafkaTopic());
        }
        String body = JsonTemplate.render(settings.kafkaTemplate(), TemplateVariables.of(incident, params, NAME));
        return List.of(ActionRequest.kafka("kafka.command", settings.kafkaTopic(), incident.service(), body));
    }
}
