package io.selfheal.heal;

import io.selfheal.fingerprint.ErrorType;
import io.selfheal.heal.action.ActionRequest;

import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * A way to heal an incident. Strategies only plan: they turn an incident into requests to Camel endpoints (HTTP or a
 * route), and the healing routes send them, after the guardrails agreed. Bind an implementation into the Camel
 * registry (Java) or declare a {@code RouteStrategy} bean next to a {@code direct:strategy-<name>} route (YAML); the
 * YAML router names the strategy to run.
 */
public interface HealingStrategy {
    /** Unique, lower-case, dash-separated; what the router and the diagnoser answer with. */
    String name();

    /** One sentence for operators and the diagnoser. */
    String description();

    /** Error types it is meant for; empty = any. */
    Set<ErrorType> applicableTo();

    /** Higher is preferred when nothing else decides. */
    int priority();

    RiskLevel risk();

    /**
     * The requests that carry the strategy out for {@code incident}.
     *
     * @param params validated parameters (e.g. from a diagnoser suggestion); strategies ignore keys they do not know
     * @throws IllegalStateException when a target it needs is not configured
     */
    List<ActionRequest> plan(Incident incident, Map<String, String> params);

    /** Whether {@link #undo} can revert {@link #plan}: a failed verification then runs it (compensation). */
    default boolean reversible() {
        return false;
    }

    /** The requests that revert what {@link #plan} did; only called when {@link #reversible()}. */
    default List<ActionRequest> undo(Incident incident, Map<String, String> params) {
        throw new IllegalStateException(name() + " is not reversible: undo is only called when reversible() is true");
    }

    /** Whether its effect shows in the error rate; a notification does not heal anything, so it is not verified. */
    default boolean verifiable() {
        return true;
    }

    default StrategyOption option(double successRate, long attempts, long failures) {
        return new StrategyOption(name(), description(), applicableTo(), risk(), priority(), successRate, attempts, failures);
    }
}
