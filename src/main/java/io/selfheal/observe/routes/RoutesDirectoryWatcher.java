package io.selfheal.observe.routes;

import org.apache.camel.CamelContext;
import org.apache.camel.Route;
import org.apache.camel.StartupListener;
import org.apache.camel.spi.Resource;
import org.apache.camel.support.PluginHelper;
import org.apache.camel.support.RouteWatcherReloadStrategy;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.Collection;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.stream.Stream;

/**
 * Loads the YAML route files of an external directory (in addition to the built-in classpath routes) and reloads
 * each file when it changes, one file at a time.
 *
 * <p>Camel's watcher runs with {@code removeAllRoutes=false}: a broken file must not take the other routes down
 * (with {@code true}, one bad file removes every route). The price of {@code false} is that Camel no longer removes
 * the routes of a deleted file, so this class does it. A file that fails keeps its previous routes and is listed in
 * {@link #errors()} until a later version loads; a route id already in use (e.g. {@code ingest}) replaces that route,
 * which is how a built-in route is edited live.
 */
public final class RoutesDirectoryWatcher extends RouteWatcherReloadStrategy {
    private static final Logger LOG = LoggerFactory.getLogger(RoutesDirectoryWatcher.class);
    private static final String PATTERN = "*.yaml";

    private final Path directory;
    private final Clock clock;
    private final Map<String, RouteFileError> errors = new TreeMap<>();

    public RoutesDirectoryWatcher(Path directory, Clock clock) {
        super(directory.toAbsolutePath().toString(), false);
        this.directory = directory.toAbsolutePath();
        this.clock = clock;
        setPattern(PATTERN);
        setRemoveAllRoutes(false);
        try {
            // The watcher can only watch a directory that exists.
            Files.createDirectories(this.directory);
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot create the routes directory " + this.directory, e);
        }
    }

    public Path directory() {
        return directory;
    }

    @Override
    protected void doStart() throws Exception {
        super.doStart();
        // The files are loaded once the built-in routes run, so a file can replace one of them.
        getCamelContext().addStartupListener(new StartupListener() {
            @Override
            public void onCamelContextStarted(CamelContext context, boolean alreadyStarted) {
                // loaded in onCamelContextFullyStarted
            }

            @Override
            public void onCamelContextFullyStarted(CamelContext context, boolean alreadyStarted) {
                loadAll();
            }
        });
    }

    /** Loads every route file once; a broken file is recorded, not fatal. */
    private void loadAll() {
        List<Path> files;
        try (Stream<Path> listing = Files.list(directory)) {
            files = listing.filter(p -> p.getFileName().toString().endsWith(".yaml"))
                    .sorted(Comparator.naturalOrder()).toList();
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot list the routes directory " + directory, e);
        }
        for (Path file : files) {
            Resource resource = PluginHelper.getResourceLoader(getCamelContext()).resolveResource("file:" + file);
            onRouteReload(List.of(resource), false);
        }
    }

    /** Route files that failed to load, by file name. */
    public synchronized List<RouteFileError> errors() {
        return List.copyOf(errors.values());
    }

    /**
     * Camel's own implementation retries every file that ever failed together with the changed one, so one broken
     * file would make every later reload fail; this one loads each changed file on its own.
     */
    @Override
    protected void onRouteReload(Collection<Resource> resources, boolean removeEverything) {
        for (Resource resource : resources) {
            String file = fileName(resource);
            if (!resource.exists()) {
                removeRoutesOf(resource);
                clearError(file);
                continue;
            }
            try {
                Set<String> routeIds = PluginHelper.getRoutesLoader(getCamelContext()).updateRoutes(List.of(resource));
                incSucceededCounter();
                clearError(file);
                LOG.info("Route file {} loaded: routes {}", file, routeIds);
            } catch (Exception e) {
                incFailedCounter();
                setLastError(e);
                recordError(file, e);
            }
        }
    }

    private void removeRoutesOf(Resource deleted) {
        for (Route route : List.copyOf(getCamelContext().getRoutes())) {
            Resource source = route.getSourceResource();
            if (source != null && source.getLocation().equals(deleted.getLocation())) {
                try {
                    getCamelContext().getRouteController().stopRoute(route.getRouteId());
                    getCamelContext().removeRoute(route.getRouteId());
                    LOG.info("Removed route {}: its file {} was deleted", route.getRouteId(), fileName(deleted));
                } catch (Exception e) {
                    LOG.warn("Could not remove route {} of deleted file {}", route.getRouteId(), fileName(deleted), e);
                }
            }
        }
    }

    private synchronized void recordError(String file, Exception error) {
        String message = describe(error);
        errors.put(file, new RouteFileError(file, message, clock.instant().toString()));
        LOG.error("Route file {} was not loaded; its previous routes (if any) keep running: {}", file, message);
    }

    private synchronized void clearError(String file) {
        if (errors.remove(file) != null) {
            LOG.info("Route file {} loads again", file);
        }
    }

    private static String describe(Throwable error) {
        if (error == null) {
            return "unknown error";
        }
        StringBuilder text = new StringBuilder(String.valueOf(error.getMessage()));
        for (Throwable cause = error.getCause(); cause != null && cause != cause.getCause(); cause = cause.getCause()) {
            if (cause.getMessage() != null && !text.toString().contains(cause.getMessage())) {
                text.append(" - caused by: ").append(cause.getMessage());
            }
        }
        return text.toString();
    }

    private static String fileName(Resource resource) {
        String location = resource.getLocation();
        return location.substring(location.lastIndexOf('/') + 1);
    }
}
