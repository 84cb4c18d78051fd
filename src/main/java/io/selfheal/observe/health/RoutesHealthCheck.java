package io.selfheal.observe.health;

import org.apache.camel.CamelContext;
import org.apache.camel.Route;
import org.apache.camel.health.HealthCheck;
import org.apache.camel.health.HealthCheckHelper;
import org.apache.camel.health.HealthCheckRegistry;
import org.apache.camel.health.HealthCheckResultBuilder;
import org.apache.camel.impl.health.AbstractHealthCheck;
import org.apache.camel.spi.Resource;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Camel's per-route and per-consumer checks (about two per route, ~90 in all) condensed into one readable check. Only
 * the built-in pipeline decides readiness: a built-in route or consumer that is DOWN makes this check DOWN, while a
 * route from the user's routes directory that is DOWN is a warning in the details (the check stays UP). The
 * per-route checks themselves are excluded from {@code /observe/health} ({@code camel.health.exclude-pattern}) but
 * still run here; each one that is not UP is named in the details with its message.
 */
public final class RoutesHealthCheck extends AbstractHealthCheck {
    private static final List<String> CONDENSED = List.of("route:", "consumer:");

    /** Route ids ever seen loaded from the jar: a user file replacing one of them is still part of the pipeline. */
    private final Set<String> builtIn = ConcurrentHashMap.newKeySet();
    private final Path userRoutes;

    /** @param userRoutes the user's routes directory, or null when live route editing is off */
    public RoutesHealthCheck(Path userRoutes) {
        super("selfheal", "routes");
        this.userRoutes = userRoutes == null ? null : userRoutes.toAbsolutePath().normalize();
    }

    @Override
    public boolean isLiveness() {
        return false;
    }

    @Override
    protected void doCall(HealthCheckResultBuilder builder, Map<String, Object> options) {
        CamelContext camel = getCamelContext();
        for (Route route : camel.getRoutes()) {
            if (!isFromTheUsersDirectory(route)) {
                builtIn.add(route.getRouteId());
            }
        }
        HealthCheckRegistry registry = HealthCheckHelper.getHealthCheckRegistry(camel);
        Map<String, String> down = new TreeMap<>();
        Map<String, String> warnings = new TreeMap<>();
        int checked = 0;
        for (HealthCheck check : registry == null ? List.<HealthCheck>of() : registry.stream().toList()) {
            String prefix = CONDENSED.stream().filter(check.getId()::startsWith).findFirst().orElse(null);
            if (prefix == null || !check.isReadiness()) {
                continue;
            }
            checked++;
            HealthCheck.Result result = check.call(options);
            if (result.getState() != HealthCheck.State.DOWN) {
                continue;
            }
            String routeId = check.getId().substring(prefix.length());
            String problem = result.getMessage().orElse("DOWN");
            (builtIn.contains(routeId) ? down : warnings).put(check.getId(), problem);
        }
        builder.detail("checked", checked);
        builder.detail("builtInRoutes", builtIn.size());
        down.forEach(builder::detail);
        warnings.forEach((id, problem) -> builder.detail(id, "WARN (user route): " + problem));
        if (!down.isEmpty()) {
            builder.down().message(down.size() + " built-in route or consumer check(s) DOWN: " + down.keySet());
            return;
        }
        if (!warnings.isEmpty()) {
            // In the message: Camel shows the details of DOWN checks only.
            builder.message("WARN: user route check(s) DOWN " + warnings.keySet() + "; the built-in pipeline is UP");
        }
        builder.up();
    }

    private boolean isFromTheUsersDirectory(Route route) {
        Resource source = route.getSourceResource();
        if (userRoutes == null || source == null || !source.getLocation().startsWith("file:")) {
            return false;
        }
        return Path.of(source.getLocation().substring("file:".length())).toAbsolutePath().normalize()
                .startsWith(userRoutes);
    }
}
