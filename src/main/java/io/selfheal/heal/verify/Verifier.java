package io.selfheal.heal.verify;

import io.selfheal.heal.ActionRow;
import io.selfheal.heal.HealingEvent;
import io.selfheal.heal.HealingLedger;
import io.selfheal.heal.HealingStrategy;
import io.selfheal.heal.Incident;
import io.selfheal.heal.PendingAction;
import io.selfheal.heal.PlannedAction;
import io.selfheal.heal.StrategyCatalog;
import io.selfheal.heal.action.ActionRequest;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.sql.Connection;
import java.sql.SQLException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Judges executed actions once their verification window has passed: re-measures the fingerprint's rate over
 * [executed, executed + verify-after) and calls it verified / failed / inconclusive. The verify-due route writes each
 * result through the record-verification route (healing_results, which feeds the success rates, the action's
 * settlement and the incident's status in one statement that only the first instance to settle an action
 * succeeds in), then hands what it settled back to {@link #settled}, which plans the undo of a failed reversible action.
 */
public final class Verifier {
    private static final Logger LOG = LoggerFactory.getLogger(Verifier.class);
    private static final int BATCH = 50;

    private final HealingLedger ledger;
    private final StrategyCatalog catalog;
    private final VerificationRule rule;
    private final String instanceId;
    private final Clock clock;

    public Verifier(HealingLedger ledger, StrategyCatalog catalog, VerificationRule rule, String instanceId, Clock clock) {
        this.ledger = ledger;
        this.catalog = catalog;
        this.rule = rule;
        this.instanceId = instanceId;
        this.clock = clock;
    }

    /** The actions due for verification, judged; nothing is written yet. */
    public List<Verification> verifyDue() throws SQLException {
        Instant now = clock.instant();
        List<Verification> judged = new ArrayList<>();
        try (Connection c = ledger.dataSource().getConnection()) {
            for (PendingAction action : ledger.dueVerifications(c, now, BATCH)) {
                judged.add(judge(c, action, now));
            }
        }
        return judged;
    }

    private Verification judge(Connection c, PendingAction action, Instant now) throws SQLException {
        Incident incident = ledger.loadIncident(c, action.eventId());
        Duration window = Duration.between(action.executedAt(), action.verifyAt());
        HealingLedger.Occurrences after = ledger.occurrences(c, action.fingerprintId(), action.executedAt(), action.verifyAt());
        double minutes = Math.max(window.toMillis(), 1) / 60_000.0;
        double rateBefore = action.rateBefore() == null ? incident.ratePerMinute() : action.rateBefore();
        double rateAfter = after.count() / minutes;
        VerificationRule.Outcome outcome = rule.judge(rateBefore, rateAfter);

        Double ttr = null;
        if (outcome == VerificationRule.Outcome.VERIFIED) {
            // Recovered when the last error before the window's end happened (or when the action ran, if none did).
            Instant recovered = after.last() == null ? action.executedAt() : after.last();
            ttr = Math.max(0, Duration.between(incident.detectedAt(), recovered).toMillis() / 1000.0);
        }
        return new Verification(action, incident, outcome, rateBefore, rateAfter, ttr, now);
    }

    /** A verification this instance has written and settled: plans the undo of a failed reversible action. */
    public Settlement settled(Verification v) {
        PendingAction action = v.action();
        Incident incident = v.incident();
        PlannedAction undo = null;
        HealingStrategy strategy = catalog.find(action.strategy()).orElse(null);
        if (v.outcome() == VerificationRule.Outcome.FAILED && strategy != null && strategy.reversible()) {
            undo = planUndo(action, incident, strategy, v.verifiedAt());
        }
        LOG.info("Action {} ({} on {}): {} - rate {}/min before, {}/min after", action.id(), action.strategy(),
                incident.service(), v.outcome().code(), String.format("%.2f", v.rateBefore()), String.format("%.2f", v.rateAfter()));
        String reason = String.format("rate %.2f/min before, %.2f/min after", v.rateBefore(), v.rateAfter());
        return new Settlement(undo, new HealingEvent("healing.verified", incident.id(), incident.fingerprintId(),
                incident.service(), action.strategy(), action.id(), v.outcome().code(), reason, v.verifiedAt().toString()));
    }

    /** The compensation, executing now on this instance; or, when it cannot be planned, a failed undo row saying why. */
    private PlannedAction planUndo(PendingAction action, Incident incident, HealingStrategy strategy, Instant now) {
        Map<String, String> params = ledger.readParams(action.paramsJson(), "params");
        Map<String, Object> audit = new LinkedHashMap<>();
        audit.put("compensates", action.id());
        String actor = "selfheal@" + instanceId;
        try {
            List<ActionRequest> requests = strategy.undo(incident, params);
            audit.put("requests", requests.stream().map(ActionRequest::audit).toList());
            return new PlannedAction(new ActionRow(action.eventId(), action.fingerprintId(), strategy.name(), "undo",
                    "executing", false, "verification failed: undoing action " + action.id(), actor, instanceId,
                    ledger.write(audit), null, now, null, action.id()), incident, strategy, requests, null, now);
        } catch (RuntimeException e) {
            return new PlannedAction(new ActionRow(action.eventId(), action.fingerprintId(), strategy.name(), "undo",
                    "failed", false, "verification failed; cannot plan the undo of action " + action.id() + ": " + e.getMessage(),
                    actor, instanceId, ledger.write(audit), null, null, null, action.id()), incident, strategy, null, null, now);
        }
    }
}
