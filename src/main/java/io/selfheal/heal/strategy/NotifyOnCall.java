package io.selfheal.heal.strategy;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.selfheal.fingerprint.ErrorType;
import io.selfheal.heal.HealingStrategy;
import io.selfheal.heal.Incident;
import io.selfheal.heal.RiskLevel;
import io.selfheal.heal.action.ActionRequest;
import io.selfheal.heal.action.ActionSettings;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Tells humans: a PagerDuty Events v2 trigger (deduplicated per fingerprint, so repeated escalations update one
 * alert) and a Slack-compatible webhook message, whichever are configured. Also what escalation sends.
 */
public final class NotifyOnCall implements HealingStrategy {
    public static final String NAME = "notify";
    private final ActionSettings settings;
    private final ObjectMapper json;

    NotifyOnCall(ActionSettings settings, ObjectMapper json) {
        this.settings = settings;
        this.json = json;
    }

    @Override
    public String name() {
        return NAME;
    }

    @Override
    public String description() {
        return "Page the on-call engineer (PagerDuty) and post to the team channel (Slack-compatible webhook)";
    }

    @Override
    public Set<ErrorType> applicableTo() {
        return Set.of();
    }

    @Override
    public int priority() {
        // Above roll-back (5): when nothing specific fits, telling humans beats a high-risk guess.
        return 10;
    }

    @Override
    public RiskLevel risk() {
        return RiskLevel.LOW;
    }

    @Override
    public boolean verifiable() {
        return false;
    }

    @Override
    public List<ActionRequest> plan(Incident incident, Map<String, String> params) {
        String summary = String.format("[%s] %s: %s (%.1f/min, %s)", incident.severity().code(), incident.service(),
                incident.template(), incident.ratePerMinute(), params.getOrDefault("reason", "needs attention"));
        List<ActionRequest> requests = new ArrayList<>();
        if (settings.pagerDutyRoutingKey() != null) {
            requests.add(ActionRequest.http("pagerduty.trigger", "POST", trimSlash(settings.pagerDutyUrl()) + "/v2/enqueue",
                    Map.of("Content-Type", "application/json"), pagerDuty(incident, summary)));
        }
        if (settings.slackWebhookUrl() != null) {
            requests.add(ActionRequest.http("slack.message", "POST", settings.slackWebhookUrl(),
                    Map.of("Content-Type", "application/json"), write(Map.of("text", "Selfheal " + summary))).withSecretUrl());
        }
        if (requests.isEmpty()) {
            throw new IllegalStateException(
                    "notify needs selfheal.actions.pagerduty.routing-key or selfheal.actions.slack.webhook-url");
        }
        return requests;
    }

    private String pagerDuty(Incident incident, String summary) {
        Map<String, Object> details = new LinkedHashMap<>();
        details.put("incident_id", incident.id());
        details.put("fingerprint", incident.fingerprintId());
        details.put("error_type", incident.errorType().code());
        details.put("exception_type", incident.exceptionType());
        details.put("rate_per_minute", incident.ratePerMinute());
        Map<String, Object> payload = new LinkedHashMap<>();
        payload.put("summary", summary.length() > 1024 ? summary.substring(0, 1024) : summary);
        payload.put("source", incident.service());
        payload.put("severity", switch (incident.severity()) {
            case CRITICAL -> "critical";
            case HIGH -> "error";
            case MEDIUM -> "warning";
            case LOW -> "info";
        });
        payload.put("component", incident.service());
        payload.put("class", incident.errorType().code());
        payload.put("custom_details", details);
        Map<String, Object> event = new LinkedHashMap<>();
        event.put("routing_key", settings.pagerDutyRoutingKey());
        event.put("event_action", "trigger");
        event.put("dedup_key", "selfheal-" + incident.fingerprintId());
        event.put("payload", payload);
        return write(event);
    }

    private String write(Object value) {
        try {
            return json.writeValueAsString(value);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }

    private static String trimSlash(String url) {
        return url.endsWith("/") ? url.substring(0, url.length() - 1) : url;
    }
}
