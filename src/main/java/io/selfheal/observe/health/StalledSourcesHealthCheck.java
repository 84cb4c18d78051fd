package io.selfheal.observe.health;

import org.apache.camel.health.HealthCheckResultBuilder;
import org.apache.camel.impl.health.AbstractHealthCheck;

import java.util.List;
import java.util.Map;
import java.util.function.Supplier;

/** DOWN while a source is stalled: its input grows and its stored position does not move (see /api/v1/sources). */
public final class StalledSourcesHealthCheck extends AbstractHealthCheck {
    private final Supplier<List<String>> stalled;

    public StalledSourcesHealthCheck(Supplier<List<String>> stalled) {
        super("selfheal", "sources");
        this.stalled = stalled;
    }

    @Override
    public boolean isLiveness() {
        return false;
    }

    @Override
    protected void doCall(HealthCheckResultBuilder builder, Map<String, Object> options) {
        List<String> problems = stalled.get();
        if (problems.isEmpty()) {
            builder.up();
        } else {
            builder.down().message(String.join("; ", problems));
        }
    }
}
