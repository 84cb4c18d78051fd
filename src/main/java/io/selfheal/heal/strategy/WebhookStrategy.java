package io.selfheal.heal.strategy;

import io.selfheal.fingerprint.ErrorType;
import io.selfheal.heal.HealingStrategy;
import io.selfheal.heal.Incident;
import io.selfheal.heal.RiskLevel;
import io.selfheal.heal.action.ActionRequest;
import io.selfheal.heal.action.ActionSettings;
import io.selfheal.heal.action.JsonTemplate;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * A strategy carried out by the operations webhook: {@code POST <selfheal.actions.webhook.url>/<name>} with the body
 * rendered from {@code selfheal.actions.webhook.template.<name>}; its undo POSTs to {@code .../<name>/undo} with
 * {@code template.<name>.undo}. The receiving side (a deploy tool, a feature-flag service, a job scheduler, an
 * automation gateway) does the work.
 */
class WebhookStrategy implements HealingStrategy {
    private final String name;
    private final String description;
    private final Set<ErrorType> applicableTo;
    private final int priority;
    private final RiskLevel risk;
    private final boolean reversible;
    private final ActionSettings settings;

    WebhookStrategy(String name, String description, Set<ErrorType> applicableTo, int priority, RiskLevel risk,
                    boolean reversible, ActionSettings settings) {
        this.name = name;
        this.description = description;
        this.applicableTo = Set.copyOf(applicableTo);
        this.priority = priority;
        this.risk = risk;
        this.reversible = reversible;
        this.settings = settings;
    }

    @Override
    public String name() {
        return name;
    }

    @Override
    public String description() {
        return description;
    }

    @Override
    public Set<ErrorType> applicableTo() {
        return applicableTo;
    }

    @Override
    public int priority() {
        return priority;
    }

    @Override
    public RiskLevel risk() {
        return risk;
    }

    @Override
    public boolean reversible() {
        return reversible;
    }

    @Override
    public List<ActionRequest> plan(Incident incident, Map<String, String> params) {
        return List.of(request(incident, params, name, "/" + name));
    }

    @Override
    public List<ActionRequest> undo(Incident incident, Map<String, String> params) {
        if (!reversible) {
            return HealingStrategy.super.undo(incident, params);
        }
        return List.of(request(incident, params, name + ".undo", "/" + name + "/undo"));
    }

    private ActionRequest request(Incident incident, Map<String, String> params, String templateKey, String path) {
        if (settings.webhookUrl() == null) {
            throw new IllegalStateException(name + " needs selfheal.actions.webhook.url");
        }
        Map<String, String> headers = new LinkedHashMap<>();
        headers.put("Content-Type", "application/json");
        if (settings.webhookToken() != null) {
            headers.put("Authorization", "Bearer " + settings.webhookToken());
        }
        String body = JsonTemplate.render(settings.template(templateKey), TemplateVariables.of(incident, params, name));
        return ActionRequest.http("webhook." + templateKey, "POST", stripSlash(settings.webhookUrl()) + path, headers, body);
    }

    private static String stripSlash(String url) {
        return url.endsWith("/") ? url.substring(0, url.length() - 1) : url;
    }
}
