package io.selfheal.observe;

import io.micrometer.core.instrument.Gauge;
import io.micrometer.prometheusmetrics.PrometheusConfig;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import io.selfheal.observe.health.BackgroundWork;
import io.selfheal.observe.health.BackgroundWorkHealthCheck;
import io.selfheal.observe.health.BackgroundWorkSupervisor;
import io.selfheal.observe.health.DatabaseHealthCheck;
import io.selfheal.observe.jolokia.JolokiaPlugin;
import io.selfheal.observe.jolokia.JolokiaPolicy;
import io.selfheal.observe.health.HttpServiceHealthCheck;
import io.selfheal.observe.health.KafkaHealthCheck;
import io.selfheal.observe.health.RouteFilesHealthCheck;
import io.selfheal.observe.health.RoutesHealthCheck;
import io.selfheal.observe.health.SelfhealHealthChecks;
import io.selfheal.observe.routes.RouteFileErrors;
import io.selfheal.observe.routes.RoutesDirectoryWatcher;
import io.selfheal.store.Database;
import org.apache.camel.CamelContext;
import org.apache.camel.component.platform.http.plugin.JolokiaPlatformHttpPlugin;
import org.apache.camel.health.HealthCheck;
import org.apache.camel.spi.Registry;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import javax.sql.DataSource;
import java.net.http.HttpClient;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

/**
 * Binds the operations side of Selfheal: metrics (the registry camel-micrometer-prometheus serves), database gauges,
 * health checks, the dashboard's queries, Jolokia with Selfheal's policy and the external routes directory.
 */
public final class ObserveWiring {
    private static final Logger LOG = LoggerFactory.getLogger(ObserveWiring.class);

    private ObserveWiring() {
    }

    /**
     * Called before Camel configures itself, so camel-micrometer-prometheus picks up this registry.
     *
     * @return the metrics facade, for the beans the caller creates
     */
    public static SelfhealMetrics bind(CamelContext camel, Database database, Clock clock) {
        DataSource dataSource = database.dataSource();
        ObserveSettings settings = new ObserveSettings(key -> camel.getPropertiesComponent().resolveProperty(key));
        Registry registry = camel.getRegistry();

        PrometheusMeterRegistry meters = new PrometheusMeterRegistry(PrometheusConfig.DEFAULT);
        registry.bind("metricsRegistry", meters);
        SelfhealMetrics metrics = new SelfhealMetrics(meters);
        registry.bind("selfhealMetrics", metrics);
        registry.bind("databaseGauges", new DatabaseGauges(dataSource, meters));
        registry.bind("databaseCounters", new DatabaseCounters(dataSource, metrics));
        registry.bind(JolokiaPlatformHttpPlugin.NAME, new JolokiaPlugin(new JolokiaPolicy()));

        HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(3)).build();
        List<HealthCheck> checks = new ArrayList<>(List.of(
                new DatabaseHealthCheck(dataSource, database::embeddedProblem),
                new KafkaHealthCheck(settings.kafkaBootstrapServers().orElse(null)),
                new HttpServiceHealthCheck("loki", settings.lokiReadyUrl().orElse(null), http),
                new HttpServiceHealthCheck("llm", settings.llmBaseUrl().orElse(null), http)));

        RoutesDirectoryWatcher watcher = settings.routesDirectory()
                .map(dir -> new RoutesDirectoryWatcher(dir, clock)).orElse(null);
        if (watcher != null) {
            try {
                camel.addService(watcher);
            } catch (Exception e) {
                throw new IllegalStateException("Cannot watch the routes directory " + watcher.directory(), e);
            }
            checks.add(new RouteFilesHealthCheck(watcher));
            LOG.info("Routes in {} are loaded and reloaded live", watcher.directory());
        }
        checks.add(superviseBackgroundWork(camel, clock));
        RoutesHealthCheck routes = new RoutesHealthCheck(watcher == null ? null : watcher.directory());
        routes.setCamelContext(camel);
        checks.add(routes);
        RouteFileErrors routeFileErrors = new RouteFileErrors(watcher);
        Gauge.builder("selfheal.route.load.errors", routeFileErrors, errors -> errors.list().size())
                .description("Files of the routes directory refused (bad YAML, unknown bean...)").register(meters);
        registry.bind("routesDirectory", routeFileErrors);
        registry.bind("selfhealHealthChecks", new SelfhealHealthChecks(checks));
        return metrics;
    }

    /** Timer and Quartz routes are watched (and restarted when their thread is gone); dead threads are recorded. */
    private static HealthCheck superviseBackgroundWork(CamelContext camel, Clock clock) {
        BackgroundWork work = new BackgroundWork(clock);
        BackgroundWorkSupervisor supervisor = new BackgroundWorkSupervisor(camel, work);
        camel.addRoutePolicyFactory(supervisor);
        try {
            camel.addService(supervisor);
        } catch (Exception e) {
            throw new IllegalStateException("Cannot supervise background work", e);
        }
        return new BackgroundWorkHealthCheck(work);
    }
}
