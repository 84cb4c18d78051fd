package io.selfheal.observe.health;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;

/**
 * What the service's background work is doing: each watched work (a route run by a timer or a Quartz trigger: file
 * tailing, grouping sync, assessment...) reports the start and end of every turn, and every thread that dies of an
 * uncaught throwable is reported here. From that it tells which works are unhealthy and which lost their thread.
 *
 * <ul>
 *   <li>A turn that ended with an {@link Error} ({@code OutOfMemoryError}...) makes its work unhealthy until a later
 *       turn succeeds: the thread survived, the work runs again, but it is not known to be fine.</li>
 *   <li>A periodic work with no turn running and none ended for {@value #STALL_PERIODS} periods (at least
 *       {@link #MIN_STALL}) since watching started has lost its thread: it is stalled and its owner should restart
 *       it.</li>
 *   <li>A thread that died of an uncaught throwable is unhealthy for good, unless it was a watched work's thread and
 *       that work has run a successful turn since (restarted on a new thread).</li>
 * </ul>
 */
public final class BackgroundWork {
    static final int STALL_PERIODS = 3;
    static final Duration MIN_STALL = Duration.ofSeconds(3);

    private final Clock clock;
    private final Map<String, Work> works = new ConcurrentHashMap<>();
    private final Map<String, DeadThread> deaths = new ConcurrentHashMap<>();
    private volatile boolean watching;

    public BackgroundWork(Clock clock) {
        this.clock = clock;
    }

    /** A work expected to start a turn every {@code period} (null: no fixed rhythm, e.g. a cron trigger). */
    public void expect(String work, Duration period) {
        works.computeIfAbsent(work, name -> new Work(name, period, clock.instant()));
    }

    /**
     * Stalls count from now on: timers fire only once everything has started, so a work that waited for a slow start
     * (a broker, a database) had no chance to run and gets a full stall interval from here.
     */
    public void startWatching() {
        Instant now = clock.instant();
        works.values().forEach(work -> work.lastEnd = now);
        watching = true;
    }

    public void turnStarted(String work, Thread thread) {
        Work tracked = works.computeIfAbsent(work, name -> new Work(name, null, clock.instant()));
        tracked.runningOn = thread;
        tracked.runningSince = clock.instant();
        tracked.threads.add(thread.getName());
    }

    /** @param failure what the turn threw, or null when it ended normally */
    public void turnEnded(String work, Throwable failure) {
        Work tracked = works.computeIfAbsent(work, name -> new Work(name, null, clock.instant()));
        tracked.runningSince = null;
        tracked.runningOn = null;
        tracked.lastEnd = clock.instant();
        Throwable error = errorIn(failure);
        if (error != null) {
            tracked.lastError = error.toString();
            tracked.lastErrorAt = tracked.lastEnd;
        } else {
            tracked.lastError = null;
            // The work runs again (on a new thread after a restart): its dead threads are history.
            tracked.threads.forEach(deaths::remove);
        }
    }

    /** Remembers a thread that died of an uncaught throwable; a turn it was running ended with that throwable. */
    public void threadDied(Thread thread, Throwable cause) {
        deaths.put(thread.getName(), new DeadThread(thread.getName(), cause.toString(), clock.instant()));
        for (Work work : works.values()) {
            if (work.runningOn == thread) {
                turnEnded(work.name, cause);
            }
        }
    }

    /** Periodic works that lost their thread; their owner restarts them. */
    public List<String> stalled() {
        Instant now = clock.instant();
        List<String> stalled = new ArrayList<>();
        for (Work work : works.values()) {
            if (watching && work.isStalled(now)) {
                stalled.add(work.name);
            }
        }
        return stalled;
    }

    /** A restart was asked for: give the work a full stall interval to run again before asking again. */
    public void restarted(String work) {
        Work tracked = works.get(work);
        if (tracked != null) {
            tracked.lastEnd = clock.instant();
            tracked.restarts++;
        }
    }

    /** One line per unhealthy work or dead thread; empty when all is well. */
    public List<String> problems() {
        Instant now = clock.instant();
        List<String> problems = new ArrayList<>();
        for (Work work : works.values()) {
            if (work.lastError != null) {
                problems.add(work.name + ": last turn failed with " + work.lastError + " at " + work.lastErrorAt);
            }
            if (watching && work.isStalled(now)) {
                problems.add(work.name + ": no turn since " + work.lastEnd + " (its thread is gone; restarting it)");
            }
        }
        for (DeadThread death : deaths.values()) {
            problems.add("thread '" + death.thread + "' died of " + death.cause + " at " + death.at);
        }
        return problems;
    }

    /** How often each work was restarted, by name. */
    public Map<String, Integer> restarts() {
        Map<String, Integer> restarts = new TreeMap<>();
        works.values().forEach(work -> restarts.put(work.name, work.restarts));
        return restarts;
    }

    private static Throwable errorIn(Throwable failure) {
        for (Throwable cause = failure; cause != null; cause = cause.getCause()) {
            if (cause instanceof Error) {
                return cause;
            }
        }
        return null;
    }

    private static final class Work {
        final String name;
        final Duration period;
        volatile Instant runningSince;
        volatile Thread runningOn;
        volatile Instant lastEnd;
        final Set<String> threads = ConcurrentHashMap.newKeySet();
        volatile String lastError;
        volatile Instant lastErrorAt;
        volatile int restarts;

        Work(String name, Duration period, Instant since) {
            this.name = name;
            this.period = period;
            this.lastEnd = since;
        }

        boolean isStalled(Instant now) {
            if (period == null || runningSince != null) {
                return false;
            }
            Duration allowed = period.multipliedBy(STALL_PERIODS);
            if (allowed.compareTo(MIN_STALL) < 0) {
                allowed = MIN_STALL;
            }
            return Duration.between(lastEnd, now).compareTo(allowed) > 0;
        }
    }

    private record DeadThread(String thread, String cause, Instant at) {
    }
}
