package io.selfheal.heal;

import io.selfheal.heal.strategy.NotifyOnCall;

import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/**
 * Holds the router's choice to what the diagnosis allows and what can actually be planned, between
 * routes/healing-router.yaml and the {@link HealingCoordinator}. The router stays a readable list of rules; this class
 * makes sure none of them can act beyond its mandate:
 * <ul>
 *   <li>a router branch that follows the diagnosis names the strategy {@value #SUGGESTED}; the suggestion then acts
 *       only when its decision is ACT, APPROVE forces an operator's approval, NOTIFY only notifies;</li>
 *   <li>whichever rule chose it, a strategy that the diagnosis also suggested carries the higher of the two risks
 *       (a model may see more risk than a strategy declares, never less);</li>
 *   <li>a strategy that is unknown or cannot be planned for this incident (a URL or setting missing, a label its
 *       body needs, such as {@code feature} or {@code job}, absent) is never chosen: the branch falls through to
 *       {@code notify}, and the reason is recorded.</li>
 * </ul>
 * Plannability is decided by planning: strategies only build requests, so {@link HealingStrategy#plan} is a dry,
 * side-effect-free check that knows every strategy's needs, including YAML and custom ones.
 */
public final class HealingMandate {
    /** The strategy name router branches use to follow the diagnosis. */
    public static final String SUGGESTED = "suggested";

    private final StrategyCatalog catalog;
    private final StrategyDemotion demotion;

    public HealingMandate(StrategyCatalog catalog, StrategyDemotion demotion) {
        this.catalog = catalog;
        this.demotion = demotion;
    }

    /**
     * The choice the coordinator decides on; also rewrites the router's headers so they show what will happen.
     *
     * @param options the strategies with their track records for this incident ({@link StrategyCatalog#options})
     */
    public HealingChoice enforce(Incident incident, String routed, String routedBy, Optional<StrategySuggestion> suggestion,
                                 List<StrategyOption> options, Map<String, Object> headers) {
        HealingChoice choice = demote(choose(incident, routed, routedBy, suggestion), incident, suggestion, options);
        headers.put("selfheal.strategy", choice.strategy());
        headers.put("selfheal.routedBy", choice.routedBy());
        headers.put("selfheal.risk", choice.risk().name());
        headers.put("selfheal.approvalRequired", choice.approvalRequired());
        headers.put("selfheal.fallThrough", choice.fallThrough() == null ? "" : choice.fallThrough());
        return choice;
    }

    HealingChoice choose(Incident incident, String routed, String routedBy, Optional<StrategySuggestion> suggestion) {
        String why = routedBy == null || routedBy.isBlank() ? "router" : routedBy;
        boolean followsDiagnosis = SUGGESTED.equals(routed);
        if (followsDiagnosis && suggestion.isEmpty()) {
            return fallThrough(incident, routed, why, "the router followed the diagnosis, but there is no suggestion");
        }
        String name = followsDiagnosis ? suggestion.get().strategy() : routed;
        Optional<StrategySuggestion> about = suggestion.filter(s -> s.strategy().equals(name));
        if (followsDiagnosis && about.get().decision() == DiagnosisDecision.NOTIFY) {
            return fallThrough(incident, name, why, String.format(Locale.ROOT,
                    "the diagnosis only allows notifying (decision notify, confidence %.2f)", about.get().confidence()));
        }
        Optional<HealingStrategy> strategy = name == null ? Optional.empty() : catalog.find(name);
        if (strategy.isEmpty()) {
            return fallThrough(incident, name, why, "unknown strategy '" + name + "'");
        }
        Map<String, String> params = about.map(StrategySuggestion::parameters).orElse(Map.of());
        String unplannable = unplannable(strategy.get(), incident, params);
        if (unplannable != null && !NotifyOnCall.NAME.equals(name)) {
            return fallThrough(incident, name, why, name + " cannot be planned: " + unplannable);
        }
        RiskLevel risk = about.map(s -> higher(s.risk(), strategy.get().risk())).orElse(strategy.get().risk());
        boolean approval = followsDiagnosis && about.get().decision() == DiagnosisDecision.APPROVE;
        String mandate = followsDiagnosis ? "; diagnosis decided " + about.get().decision().code() : "";
        String riskNote = risk != strategy.get().risk() ? "; risk raised to " + risk + " by the diagnosis" : "";
        return new HealingChoice(name, why + mandate + riskNote, params, risk, approval, null);
    }

    /**
     * A demoted strategy ({@link StrategyDemotion}) gives way to the best strategy meant for the error type that is
     * neither demoted nor unplannable (by success rate, then priority); with none, humans are told. Strategies meant
     * for any error (rollback, notify) are no replacement: they are chosen by a rule or a diagnosis, not by default.
     */
    HealingChoice demote(HealingChoice choice, Incident incident, Optional<StrategySuggestion> suggestion,
                         List<StrategyOption> options) {
        Map<String, String> demoted = demotion.demoted(options, incident.errorType());
        String why = demoted.get(choice.strategy());
        if (why == null || NotifyOnCall.NAME.equals(choice.strategy())) {
            return choice;
        }
        String routedBy = choice.routedBy() + "; not " + choice.strategy() + ": " + why;
        List<StrategyOption> candidates = options.stream()
                .filter(o -> !o.applicableTo().isEmpty() && o.appliesTo(incident.errorType()) && !demoted.containsKey(o.name()))
                .sorted(Comparator.comparingDouble(StrategyOption::successRate).thenComparingInt(StrategyOption::priority).reversed())
                .toList();
        for (StrategyOption next : candidates) {
            HealingChoice replacement = choose(incident, next.name(), routedBy + "; next best: " + next.name(), suggestion);
            if (replacement.fallThrough() == null) {
                return replacement;
            }
        }
        return fallThrough(incident, choice.strategy(), choice.routedBy(), choice.strategy() + " " + why
                + " and no other strategy for " + incident.errorType().code() + " errors can run");
    }

    private HealingChoice fallThrough(Incident incident, String from, String why, String reason) {
        HealingStrategy notify = catalog.find(NotifyOnCall.NAME)
                .orElseThrow(() -> new IllegalStateException("the notify strategy is not bound"));
        return new HealingChoice(notify.name(), why + "; not " + (from == null ? "chosen" : from) + ": " + reason
                + "; notify instead", Map.of("reason", reason), notify.risk(), false, reason);
    }

    /** Why the strategy cannot be planned for the incident, or null when it can. */
    private static String unplannable(HealingStrategy strategy, Incident incident, Map<String, String> params) {
        try {
            strategy.plan(incident, params);
            return null;
        } catch (RuntimeException e) {
            return e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage();
        }
    }

    private static RiskLevel higher(RiskLevel a, RiskLevel b) {
        return a.compareTo(b) >= 0 ? a : b;
    }
}
