package io.selfheal.heal.verify;

import io.selfheal.heal.HealingEvent;
import io.selfheal.heal.HealingLedger;
import io.selfheal.heal.HealingRun;
import io.selfheal.heal.HealingStrategy;
import io.selfheal.heal.Incident;
import io.selfheal.heal.PendingAction;
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
 * Settles executed actions once their verification window has passed: re-measures the fingerprint's rate over
 * [executed, executed + verify-after), records verified / failed / inconclusive in {@code healing_results} (which
 * feeds the success rates), marks the incident healed or open again, and plans the undo of a failed reversible
 * action. Rows are taken with {@code FOR UPDATE SKIP LOCKED}, so two instances never verify one action twice.
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

    public List<Verification> verifyDue() throws SQLException {
        Instant now = clock.instant();
        List<Verification> done = new ArrayList<>();
        try (Connection c = ledger.dataSource().getConnection()) {
            c.setAutoCommit(false);
            try {
                for (PendingAction action : ledger.lockDueVerifications(c, now, BATCH)) {
                    done.add(verify(c, action, now));
                }
                c.commit();
            } catch (SQLException | RuntimeException e) {
                c.rollback();
                throw e;
            }
        }
        return done;
    }

    private Verification verify(Connection c, PendingAction action, Instant now) throws SQLException {
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
        ledger.insertResult(c, action.id(), action.fingerprintId(), action.strategy(), outcome.code(), rateBefore, rateAfter, ttr, now);
        ledger.setIncidentStatus(c, incident.id(), outcome == VerificationRule.Outcome.VERIFIED ? "healed" : "open",
                outcome == VerificationRule.Outcome.VERIFIED ? now : null);

        HealingRun undo = null;
        HealingStrategy strategy = catalog.find(action.strategy()).orElse(null);
        if (outcome == VerificationRule.Outcome.FAILED && strategy != null && strategy.reversible()) {
            undo = planUndo(c, action, incident, strategy, now);
        }
        LOG.info("Action {} ({} on {}): {} - rate {}/min before, {}/min after", action.id(), action.strategy(),
                incident.service(), outcome.code(), String.format("%.2f", rateBefore), String.format("%.2f", rateAfter));
        String reason = String.format("rate %.2f/min before, %.2f/min after", rateBefore, rateAfter);
        return new Verification(action.id(), outcome, rateBefore, rateAfter, undo, new HealingEvent("healing.verified",
                incident.id(), incident.fingerprintId(), incident.service(), action.strategy(), action.id(), outcome.code(), reason, now.toString()));
    }

    private HealingRun planUndo(Connection c, PendingAction action, Incident incident, HealingStrategy strategy, Instant now)
            throws SQLException {
        Map<String, String> params = ledger.readParams(action.paramsJson(), "params");
        Map<String, Object> audit = new LinkedHashMap<>();
        audit.put("compensates", action.id());
        try {
            List<ActionRequest> requests = strategy.undo(incident, params);
            audit.put("requests", requests.stream().map(ActionRequest::audit).toList());
            long id = ledger.insertUndo(c, action, strategy.name(), ledger.write(audit), instanceId, now);
            return new HealingRun(id, incident, strategy, requests, action.id());
        } catch (RuntimeException e) {
            ledger.insertUndoFailure(c, action, strategy.name(), ledger.write(audit), instanceId, e.getMessage());
            return null;
        }
    }
}
