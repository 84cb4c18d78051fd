package io.selfheal.heal.strategy;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.selfheal.fingerprint.ErrorType;
import io.selfheal.heal.HealingStrategy;
import io.selfheal.heal.Incident;
import io.selfheal.heal.RiskLevel;
import io.selfheal.heal.action.ActionRequest;

import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * A strategy written as a YAML route: declared as a bean of this type next to a route {@code direct:strategy-<name>}
 * (and {@code direct:strategy-<name>-undo} when reversible). The route receives the incident and parameters as JSON
 * and does the work with any Camel endpoint; an exception in it fails the action.
 *
 * <pre>
 * - beans:
 *     - name: strategy-drain-queue
 *       type: io.selfheal.heal.strategy.RouteStrategy
 *       properties: {name: drain-queue, description: "...", errorTypes: "dependency,network", risk: LOW, priority: 20}
 * </pre>
 */
public final class RouteStrategy implements HealingStrategy {
    private static final ObjectMapper JSON = new ObjectMapper();
    private String name;
    private String description = "";
    private Set<ErrorType> errorTypes = Set.of();
    private RiskLevel risk = RiskLevel.MEDIUM;
    private int priority = 10;
    private boolean reversible;

    public void setName(String name) {
        if (!name.matches("[a-z0-9][a-z0-9-]*")) {
            throw new IllegalArgumentException("strategy names are lower-case words joined by dashes: " + name);
        }
        this.name = name;
    }

    public void setDescription(String description) {
        this.description = description;
    }

    /** Comma-separated error type codes ({@code database,network}); empty = any. */
    public void setErrorTypes(String codes) {
        this.errorTypes = Arrays.stream(codes.split(",")).map(String::trim).filter(s -> !s.isEmpty())
                .map(ErrorType::fromCode).collect(Collectors.toUnmodifiableSet());
    }

    public void setRisk(String risk) {
        this.risk = RiskLevel.valueOf(risk.trim().toUpperCase(Locale.ROOT));
    }

    public void setPriority(int priority) {
        this.priority = priority;
    }

    public void setReversible(boolean reversible) {
        this.reversible = reversible;
    }

    @Override
    public String name() {
        if (name == null) {
            throw new IllegalStateException("a RouteStrategy bean needs a name property");
        }
        return name;
    }

    @Override
    public String description() {
        return description;
    }

    @Override
    public Set<ErrorType> applicableTo() {
        return errorTypes;
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
        return List.of(ActionRequest.route("route.strategy-" + name(), "direct:strategy-" + name(), body(incident, params)));
    }

    @Override
    public List<ActionRequest> undo(Incident incident, Map<String, String> params) {
        if (!reversible) {
            return HealingStrategy.super.undo(incident, params);
        }
        return List.of(ActionRequest.route("route.strategy-" + name() + "-undo", "direct:strategy-" + name() + "-undo",
                body(incident, params)));
    }

    private static String body(Incident incident, Map<String, String> params) {
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("incidentId", incident.id());
        body.put("fingerprint", incident.fingerprintId());
        body.put("service", incident.service());
        body.put("errorType", incident.errorType().code());
        body.put("severity", incident.severity().code());
        body.put("message", incident.template());
        body.put("exceptionType", incident.exceptionType());
        body.put("ratePerMinute", incident.ratePerMinute());
        body.put("labels", incident.labels());
        body.put("params", params);
        try {
            return JSON.writeValueAsString(body);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }
}
