package io.selfheal.heal.strategy;

import io.selfheal.heal.Incident;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;

/**
 * The variables a body template may use: {@code incidentId, fingerprint, service, errorType, severity, message,
 * exceptionType, rate, strategy}, every label as {@code label.<name>} and every parameter as {@code param.<name>}.
 */
final class TemplateVariables {
    private TemplateVariables() {
    }

    static Map<String, String> of(Incident incident, Map<String, String> params, String strategy) {
        Map<String, String> v = new LinkedHashMap<>();
        v.put("incidentId", String.valueOf(incident.id()));
        v.put("fingerprint", incident.fingerprintId());
        v.put("service", incident.service());
        v.put("errorType", incident.errorType().code());
        v.put("severity", incident.severity().code());
        v.put("message", Objects.requireNonNullElse(incident.template(), ""));
        v.put("exceptionType", Objects.requireNonNullElse(incident.exceptionType(), ""));
        v.put("rate", String.format("%.2f", incident.ratePerMinute()));
        v.put("strategy", strategy);
        incident.labels().forEach((k, value) -> v.put("label." + k, value));
        params.forEach((k, value) -> v.put("param." + k, value));
        return v;
    }
}
