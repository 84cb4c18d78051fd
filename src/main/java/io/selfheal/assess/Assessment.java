package io.selfheal.assess;

import java.sql.SQLException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.Date;
import java.util.List;
import java.util.Map;

/**
 * One assessment run, called by the Quartz-scheduled route (once per fire across the cluster) or the API, after the
 * route lapsed expired approvals and abandoned actions ({@link #lapseCutoffs}): measure every active fingerprint,
 * open / refresh / close incidents, and find the incidents to escalate. The route then heals {@link AssessmentReport#toHeal()} and escalates {@link AssessmentReport#escalated()}.
 */
public final class Assessment {
    /** An action still executing after this long belonged to an instance that died. */
    private static final Duration ABANDONED_AFTER = Duration.ofMinutes(5);

    private final AssessmentStore store;
    private final RateMeasurer measurer;
    private final AssessmentSettings settings;
    private final String instanceId;
    private final Clock clock;

    public Assessment(AssessmentStore store, RateMeasurer measurer, AssessmentSettings settings,
                      String instanceId, Clock clock) {
        this.store = store;
        this.measurer = measurer;
        this.settings = settings;
        this.instanceId = instanceId;
        this.clock = clock;
    }

    /** The named values of sql/healing/lapse-actions.sql, which the route runs before {@link #run}. */
    public Map<String, Object> lapseCutoffs() {
        OffsetDateTime now = clock.instant().atOffset(ZoneOffset.UTC);
        return Map.of("now", now, "abandonedBefore", now.minus(ABANDONED_AFTER));
    }

    /**
     * @param scheduledFireTime Quartz's scheduled fire time, or null when triggered through the API
     * @param expired           approvals that lapsed just before (lapse-actions.sql)
     */
    public AssessmentReport run(Date scheduledFireTime, long expired) throws SQLException {
        Instant now = clock.instant();
        long runId = store.startRun(scheduledFireTime == null ? "api" : "schedule",
                scheduledFireTime == null ? null : scheduledFireTime.toInstant(), instanceId, now);
        // Escalate first, so an incident handed to humans is not also offered for another automatic attempt.
        List<Long> escalated = store.escalate(now, settings.escalateAfterFailures(), settings.escalateCriticalAfter());
        List<FingerprintWindow> windows = store.windows(now, settings.window(), settings.baselineWindow());
        List<Measurement> measurements = measurer.measure(windows, now);
        IncidentChanges changes = store.record(measurements, now, settings.window());
        AssessmentReport report = new AssessmentReport(runId, windows.size(), changes.opened(), changes.closed(),
                changes.waiting(), escalated, Math.toIntExact(expired));
        store.finishRun(runId, report, clock.instant());
        return report;
    }
}
