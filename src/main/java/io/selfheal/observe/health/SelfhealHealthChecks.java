package io.selfheal.observe.health;

import org.apache.camel.health.HealthCheck;
import org.apache.camel.health.HealthCheckRepository;

import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.stream.Stream;

/** Selfheal's own health checks, found by camel-main in the registry and served on {@code /observe/health}. */
public final class SelfhealHealthChecks implements HealthCheckRepository {
    private final List<HealthCheck> checks = new CopyOnWriteArrayList<>();
    private boolean enabled = true;

    public SelfhealHealthChecks(List<HealthCheck> checks) {
        this.checks.addAll(checks);
    }

    /** A check whose subject is wired after the others (the file sources). */
    public void add(HealthCheck check) {
        checks.add(check);
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
