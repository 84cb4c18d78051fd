package io.selfheal.observe.health;

import io.selfheal.testing.DevTooling;
import org.apache.camel.CamelContext;
import org.apache.camel.Consumer;
import org.apache.camel.Endpoint;
import org.apache.camel.Processor;
import org.apache.camel.Producer;
import org.apache.camel.builder.RouteBuilder;
import org.apache.camel.component.timer.TimerComponent;
import org.apache.camel.component.timer.TimerConsumer;
import org.apache.camel.health.HealthCheck;
import org.apache.camel.impl.DefaultCamelContext;
import org.apache.camel.support.DefaultComponent;
import org.apache.camel.support.DefaultConsumer;
import org.apache.camel.support.DefaultEndpoint;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.time.Clock;
import java.time.Duration;
import java.util.Timer;
import java.util.Map;
import java.util.TimerTask;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;

import static io.selfheal.testing.RunningApp.await;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * Background work that meets an Error is restarted, and health says so meanwhile: a real Camel
 * context, a real timer route, a real {@link OutOfMemoryError} thrown in a turn or killing the timer's thread.
 */
class BackgroundWorkSupervisionTest {
    private static final Duration WAIT = Duration.ofSeconds(30);

    private final BackgroundWork work = new BackgroundWork(Clock.systemUTC());
    private final BackgroundWorkHealthCheck check = new BackgroundWorkHealthCheck(work);
    private final AtomicInteger turns = new AtomicInteger();
    private final AtomicBoolean failing = new AtomicBoolean();
    private CamelContext camel;

    @BeforeEach
    void start() throws Exception {
        camel = newContext();
        BackgroundWorkSupervisor supervisor = new BackgroundWorkSupervisor(camel, work);
        camel.addRoutePolicyFactory(supervisor);
        camel.addService(supervisor);
        camel.addRoutes(new RouteBuilder() {
            @Override
            public void configure() {
                from("timer:work?period=50").routeId("work").process(exchange -> {
                    turns.incrementAndGet();
                    if (failing.get()) {
                        throw new OutOfMemoryError("Java heap space (simulated)");
                    }
                });
            }
        });
        check.setCamelContext(camel);
        camel.start();
    }

    @AfterEach
    void stop() {
        camel.stop();
        Thread.setDefaultUncaughtExceptionHandler(null);
    }

    @Test
    void anErrorInATurnEndsItsTimerThreadTheWorkIsRestartedAndHealthIsDownUntilATurnSucceeds() throws Exception {
        await(() -> isUp() && turns.get() > 2, WAIT, "healthy turns");

        failing.set(true);
        await(() -> !isUp(), WAIT, "DOWN after an Error");
        assertThat(check.call().getMessage()).hasValueSatisfying(
                message -> assertThat(message).contains("work: last turn failed with").contains("OutOfMemoryError"));
        int afterError = turns.get();
        // Camel does not catch an Error in a route: it ends the timer's thread, and the supervisor restarts the route.
        await(() -> turns.get() > afterError + 2, WAIT, "the work runs more turns");
        assertThat(work.restarts().get("work")).isPositive();

        failing.set(false);
        await(this::isUp, WAIT, "UP after a successful turn");
    }

    @Test
    void aTimerWhoseThreadDiedOfAnErrorIsRestartedAndHealthIsDownMeanwhile() throws Exception {
        await(() -> isUp() && turns.get() > 2, WAIT, "healthy turns");

        killTimerThread();
        await(() -> !isUp(), WAIT, "DOWN once the thread is dead");
        int atDeath = turns.get();
        await(() -> turns.get() > atDeath + 3, WAIT, "turns again, on a new timer thread");
        await(this::isUp, WAIT, "UP once the restarted work runs");
        assertThat(work.restarts()).containsEntry("work", 1);
    }

    @Test
    void aContextThatTakesLongToStartHasItsTimerRoutesLeftAlone() throws Exception {
        camel.stop();
        camel = newContext();
        BackgroundWork slowStart = new BackgroundWork(Clock.systemUTC());
        BackgroundWorkSupervisor supervisor = new BackgroundWorkSupervisor(camel, slowStart);
        camel.addRoutePolicyFactory(supervisor);
        camel.addService(supervisor);
        camel.addComponent("slow", new SlowToStartComponent(Duration.ofMillis(4_500)));
        camel.addRoutes(new RouteBuilder() {
            @Override
            public void configure() {
                from("timer:early?period=50").routeId("early").process(exchange -> turns.incrementAndGet());
                from("slow:start").routeId("slow").log("never");
            }
        });
        // Timers fire only once the whole context has started; until then no timer route may count as stalled.
        camel.start();
        await(() -> turns.get() > 2, WAIT, "turns once started");
        assertThat(slowStart.restarts()).containsEntry("early", 0);
        assertThat(slowStart.problems()).isEmpty();
    }

    /** The exchanges of turns whose thread died stay in flight for ever: stop without waiting the default 45 s. */
    private static CamelContext newContext() {
        CamelContext context = DevTooling.off(new DefaultCamelContext());
        context.getShutdownStrategy().setTimeout(2);
        return context;
    }

    /** A component whose consumer takes long to start, as a broker or a database being reached at start-up. */
    private static final class SlowToStartComponent extends DefaultComponent {
        private final Duration startTime;

        SlowToStartComponent(Duration startTime) {
            this.startTime = startTime;
        }

        @Override
        protected Endpoint createEndpoint(String uri, String remaining, Map<String, Object> parameters) {
            return new DefaultEndpoint(uri, this) {
                @Override
                public Producer createProducer() {
                    throw new UnsupportedOperationException("consumer only");
                }

                @Override
                public Consumer createConsumer(Processor processor) {
                    return new DefaultConsumer(this, processor) {
                        @Override
                        protected void doStart() throws Exception {
                            Thread.sleep(startTime.toMillis());
                            super.doStart();
                        }
                    };
                }
            };
        }
    }

    /** What an OutOfMemoryError raised in Camel's timer code (outside the route) does: it ends the timer's thread. */
    private void killTimerThread() {
        TimerConsumer consumer = (TimerConsumer) camel.getRoute("work").getConsumer();
        TimerComponent component = camel.getComponent("timer", TimerComponent.class);
        Timer timer = component.getTimer(consumer);
        component.removeTimer(consumer); // getTimer counted a reference: give it back
        timer.schedule(new TimerTask() {
            @Override
            public void run() {
                throw new OutOfMemoryError("Java heap space (simulated, in the timer thread)");
            }
        }, 0);
    }

    private boolean isUp() {
        return check.call().getState() == HealthCheck.State.UP;
    }
}
