package io.selfheal.heal;

import java.util.List;
import java.util.Optional;

/** Proposes one of the allow-listed strategies for an incident (rule-based or through an LLM). */
public interface IncidentDiagnoser {
    /** Empty when no allowed strategy fits the incident. */
    Optional<StrategySuggestion> diagnose(Incident incident, List<StrategyOption> allowed);
}
