package io.selfheal.demo;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The health of the demo's fake services. Each one fails until a healing action reaches it through the
 * {@link DemoReceiver}; it then recovers, and falls ill again a while later so the loop can be watched more than once.
 */
public final class DemoFleet {
    private final Clock clock;
    private final Duration healthyFor;
    private final Map<String, Instant> healthyUntil = new ConcurrentHashMap<>();

    public DemoFleet(Clock clock, Duration healthyFor) {
        this.clock = clock;
        this.healthyFor = healthyFor;
    }

    /** Whether {@code service} writes its errors now. */
    public boolean failing(String service) {
        Instant until = healthyUntil.get(service);
        return until == null || !clock.instant().isBefore(until);
    }

    /** An action reached {@code service}: it stops failing for a while. */
    public void heal(String service) {
        healthyUntil.put(service, clock.instant().plus(healthyFor));
    }

    /** An action on {@code service} was undone: it fails again at once. */
    public void relapse(String service) {
        healthyUntil.remove(service);
    }
}
