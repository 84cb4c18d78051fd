package io.selfheal.observe.health;

import org.apache.camel.CamelContext;
import org.apache.camel.Endpoint;
import org.apache.camel.Exchange;
import org.apache.camel.NamedNode;
import org.apache.camel.Route;
import org.apache.camel.ServiceStatus;
import org.apache.camel.StartupListener;
import org.apache.camel.component.timer.TimerEndpoint;
import org.apache.camel.spi.RoutePolicy;
import org.apache.camel.spi.RoutePolicyFactory;
import org.apache.camel.support.RoutePolicySupport;
import org.apache.camel.support.service.ServiceSupport;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.time.Duration;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

/**
 * Feeds {@link BackgroundWork} from Camel and acts on it: every route started by a timer or a Quartz trigger is a
 * watched work (its exchanges are its turns), a timer route whose thread is gone is restarted (which gives it a new
 * timer thread), and a thread that dies of an uncaught throwable is logged with its stack and recorded instead of
 * vanishing silently. Registered as a route policy factory and as a service of the Camel context.
 */
public final class BackgroundWorkSupervisor extends ServiceSupport implements RoutePolicyFactory {
    private static final Logger LOG = LoggerFactory.getLogger(BackgroundWorkSupervisor.class);
    private static final Duration CHECK_INTERVAL = Duration.ofSeconds(1);
    private static final Duration STOP_TIMEOUT = Duration.ofSeconds(1);

    private final CamelContext camel;
    private final BackgroundWork work;
    private ScheduledExecutorService watchdog;

    public BackgroundWorkSupervisor(CamelContext camel, BackgroundWork work) {
        this.camel = camel;
        this.work = work;
    }

    @Override
    public RoutePolicy createRoutePolicy(CamelContext context, String routeId, NamedNode route) {
        return new RoutePolicySupport() {
            @Override
            public void onStart(Route started) {
                Endpoint from = started.getEndpoint();
                if (from instanceof TimerEndpoint timer) {
                    work.expect(routeId, Duration.ofMillis(Math.max(1, timer.getPeriod())));
                } else if (from.getEndpointUri().startsWith("quartz:")) {
                    work.expect(routeId, null);
                }
            }

            @Override
            public void onExchangeBegin(Route started, Exchange exchange) {
                if (isWatched(started)) {
                    work.turnStarted(routeId, Thread.currentThread());
                }
            }

            @Override
            public void onExchangeDone(Route started, Exchange exchange) {
                if (isWatched(started)) {
                    work.turnEnded(routeId, exchange.getException());
                }
            }
        };
    }

    private static boolean isWatched(Route route) {
        return route.getEndpoint() instanceof TimerEndpoint || route.getEndpoint().getEndpointUri().startsWith("quartz:");
    }

    @Override
    protected void doStart() throws Exception {
        Thread.setDefaultUncaughtExceptionHandler((thread, error) -> {
            // Logged first: recording may itself fail when memory is short.
            LOG.error("Thread '{}' died of an uncaught {}", thread.getName(), error.toString(), error);
            work.threadDied(thread, error);
        });
        watchdog = Executors.newSingleThreadScheduledExecutor(runnable -> {
            Thread thread = new Thread(runnable, "background-work-watchdog");
            thread.setDaemon(true);
            return thread;
        });
        // Timers fire only once the whole context has started: watched from then on, and never restarted while the
        // context is still starting its routes (a restart then races the start-up and can leave the route dead).
        if (camel.isStarted()) {
            work.startWatching();
        } else {
            camel.addStartupListener(new StartupListener() {
                @Override
                public void onCamelContextStarted(CamelContext context, boolean alreadyStarted) {
                    // routes are about to start their consumers: not yet
                }

                @Override
                public void onCamelContextFullyStarted(CamelContext context, boolean alreadyStarted) {
                    work.startWatching();
                }
            });
        }
        watchdog.scheduleWithFixedDelay(this::restartStalled, CHECK_INTERVAL.toMillis(), CHECK_INTERVAL.toMillis(),
                TimeUnit.MILLISECONDS);
    }

    /** Restarts every stalled timer route that is meant to run; never lets anything end the watchdog. */
    void restartStalled() {
        if (!camel.isStarted()) {
            return;
        }
        for (String routeId : work.stalled()) {
            try {
                if (camel.getRouteController().getRouteStatus(routeId) == ServiceStatus.Started) {
                    LOG.warn("Route {} has not run for {} periods: restarting it", routeId, BackgroundWork.STALL_PERIODS);
                    work.restarted(routeId);
                    // Short: the exchange of a turn whose thread died stays in flight forever.
                    camel.getRouteController().stopRoute(routeId, STOP_TIMEOUT.toMillis(), TimeUnit.MILLISECONDS);
                    camel.getRouteController().startRoute(routeId);
                }
            } catch (Throwable e) {
                LOG.warn("Could not restart route {}: {}", routeId, e.toString());
            }
        }
    }

    @Override
    protected void doStop() {
        if (watchdog != null) {
            watchdog.shutdownNow();
        }
    }
}
