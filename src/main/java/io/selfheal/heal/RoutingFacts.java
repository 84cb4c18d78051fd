package io.selfheal.heal;

import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Collectors;

/**
 * Puts what the YAML router decides on into message headers, so a {@code choice} can test them with plain Simple
 * expressions. Header names are part of the router's contract (see README "Editing the router").
 */
public final class RoutingFacts {
    /** A strategy needs at least this many verifications before the router calls it proven. */
    static final int PROVEN_AFTER_ATTEMPTS = 3;

    private final StrategyDemotion demotion;

    public RoutingFacts(StrategyDemotion demotion) {
        this.demotion = demotion;
    }

    public void apply(Incident incident, Optional<StrategySuggestion> suggestion, List<StrategyOption> options,
                      Map<String, Object> headers) {
        headers.put("selfheal.incidentId", incident.id());
        headers.put("selfheal.fingerprint", incident.fingerprintId());
        headers.put("selfheal.service", incident.service());
        headers.put("selfheal.errorType", incident.errorType().code());
        headers.put("selfheal.severity", incident.severity().code());
        headers.put("selfheal.severityRank", incident.severity().ordinal() + 1);
        headers.put("selfheal.exceptionType", incident.exceptionType() == null ? "" : incident.exceptionType());
        headers.put("selfheal.ratePerMinute", incident.ratePerMinute());
        headers.put("selfheal.newSinceDeploy", Boolean.parseBoolean(incident.labels().get(IncidentLabels.NEW_SINCE_DEPLOY)));
        incident.labels().forEach((name, value) -> {
            if (!name.startsWith("selfheal.")) {
                headers.put("selfheal.label." + name, value);
            }
        });
        headers.put("selfheal.suggestion.strategy", suggestion.map(StrategySuggestion::strategy).orElse(""));
        headers.put("selfheal.suggestion.confidence", suggestion.map(StrategySuggestion::confidence).orElse(0.0));
        headers.put("selfheal.suggestion.source", suggestion.map(StrategySuggestion::source).orElse(""));
        headers.put("selfheal.suggestion.decision", suggestion.map(s -> s.decision().code()).orElse(""));
        headers.put("selfheal.suggestion.risk", suggestion.map(s -> s.risk().name().toLowerCase(Locale.ROOT)).orElse(""));
        Map<String, String> demoted = demotion.demoted(options, incident.errorType());
        headers.put("selfheal.demoted", String.join(",", demoted.keySet()));
        headers.put("selfheal.demotedReason", demoted.entrySet().stream()
                .map(d -> d.getKey() + " " + d.getValue()).collect(Collectors.joining("; ")));
        Optional<StrategyOption> proven = options.stream()
                .filter(o -> o.appliesTo(incident.errorType()) && o.attempts() >= PROVEN_AFTER_ATTEMPTS)
                .filter(o -> !demoted.containsKey(o.name()))
                .max(Comparator.comparingDouble(StrategyOption::successRate).thenComparingInt(StrategyOption::priority));
        headers.put("selfheal.proven.strategy", proven.map(StrategyOption::name).orElse(""));
        headers.put("selfheal.proven.rate", proven.map(StrategyOption::successRate).orElse(0.0));
    }
}
