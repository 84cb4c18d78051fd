package io.selfheal.observe.health;

import org.apache.camel.health.HealthCheckResultBuilder;
import org.apache.camel.impl.health.AbstractHealthCheck;

import java.util.List;
import java.util.Map;

/**
 * DOWN while background work is unhealthy (see {@link BackgroundWork}): a turn ended with an Error, a periodic work
 * lost its thread, or a thread died of an uncaught throwable. Both readiness and liveness: a dead thread that cannot
 * be restarted in place is fixed by restarting the service.
 */
public final class BackgroundWorkHealthCheck extends AbstractHealthCheck {
    private final BackgroundWork work;

    public BackgroundWorkHealthCheck(BackgroundWork work) {
        super("selfheal", "background-work");
        this.work = work;
    }

    @Override
    protected void doCall(HealthCheckResultBuilder builder, Map<String, Object> options) {
        work.restarts().forEach((name, restarts) -> builder.detail("restarts." + name, restarts));
        List<String> problems = work.problems();
        if (problems.isEmpty()) {
            builder.up();
            return;
        }
        builder.down().message(String.join("; ", problems));
    }
}
