package io.selfheal.observe.routes;


import java.util.List;

/** {@code GET /api/v1/routes/errors}: the refused route files; always empty when live route editing is off. */
public final class RouteFileErrors {
    private final RoutesDirectoryWatcher watcher;

    /** @param watcher the routes directory watcher, or null when live route editing is off */
    public RouteFileErrors(RoutesDirectoryWatcher watcher) {
        this.watcher = watcher;
    }

    public List<RouteFileError> list() {
        return watcher == null ? List.of() : watcher.errors();
    }
}
