package io.selfheal.observe.health;

import org.apache.camel.health.HealthCheck;
import org.apache.camel.health.HealthCheckRepository;

import java.util.List;
import java.util.stream.Stream;

/** Selfheal's own health checks, found by camel-main in the registry and served on {@code /observe/health}. */
public final class SelfhealHealthChecks implements HealthCheckRepository {
    private final List<HealthCheck> checks;
    private boolean enabled = true;

    public SelfhealHealthChecks(List<HealthCheck> checks) {
        this.checks = List.copyOf(checks);
    }

    @Override
    public String getId() {
        return "selfheal";
    }

    @Override
    public boolean isEnabled() {
        return enabled;
    }

    @Override
    public void setEnabled(boolean enabled) {
        this.enabled = enabled;
    }

    @Override
    public Stream<HealthCheck> stream() {
        return enabled ? checks.stream() : Stream.empty();
    }
}
