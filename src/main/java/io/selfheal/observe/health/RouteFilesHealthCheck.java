package io.selfheal.observe.health;

import io.selfheal.observe.routes.RouteFileError;
import io.selfheal.observe.routes.RoutesDirectoryWatcher;
import org.apache.camel.health.HealthCheckResultBuilder;
import org.apache.camel.impl.health.AbstractHealthCheck;

import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

/**
 * Refused files of the external routes directory, as a warning: the routes the operator wrote are not the ones
 * running, but every built-in route and every other file keeps working, so the service stays ready (UP, with a
 * {@code WARN} message). The details name each file and its error; {@code GET /api/v1/routes/errors} and the
 * {@code selfheal_route_load_errors} gauge say the same.
 */
public final class RouteFilesHealthCheck extends AbstractHealthCheck {
    private final RoutesDirectoryWatcher watcher;

    public RouteFilesHealthCheck(RoutesDirectoryWatcher watcher) {
        super("selfheal", "route-files");
        this.watcher = watcher;
    }

    @Override
    public boolean isLiveness() {
        return false;
    }

    @Override
    protected void doCall(HealthCheckResultBuilder builder, Map<String, Object> options) {
        List<RouteFileError> errors = watcher.errors();
        builder.detail("directory", watcher.directory().toString());
        if (errors.isEmpty()) {
            builder.up();
            return;
        }
        // The message names the files: Camel shows the details of DOWN checks only.
        String warning = errors.size() + " route file(s) refused ("
                + errors.stream().map(RouteFileError::file).collect(Collectors.joining(", "))
                + "), see GET /api/v1/routes/errors";
        builder.detail("warning", warning);
        for (RouteFileError error : errors) {
            builder.detail("file." + error.file(), error.error());
        }
        builder.up().message("WARN: " + warning);
    }
}
