package io.selfheal.observe.health;

import io.selfheal.observe.routes.RouteFileError;
import io.selfheal.observe.routes.RoutesDirectoryWatcher;
import org.apache.camel.health.HealthCheckResultBuilder;
import org.apache.camel.impl.health.AbstractHealthCheck;

import java.util.List;
import java.util.Map;

/**
 * DOWN while a file of the external routes directory is refused: the routes the operator wrote are not the ones
 * running. The other routes keep working; the details name each file and its error.
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
        builder.down().message(errors.size() + " route file(s) refused, see GET /api/v1/routes/errors");
        for (RouteFileError error : errors) {
            builder.detail("file." + error.file(), error.error());
        }
    }
}
