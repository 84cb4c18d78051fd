package io.selfheal.heal;

import io.selfheal.heal.action.ActionRequest;
import io.selfheal.heal.guard.Approval;
import io.selfheal.heal.guard.GuardrailDecision;
import io.selfheal.heal.guard.GuardrailState;
import io.selfheal.heal.guard.GuardrailStateStore;
import io.selfheal.heal.guard.Guardrails;
import io.selfheal.heal.strategy.NotifyOnCall;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Turns the router's choice into an audited decision, safely across instances: for one fingerprint, one transaction
 * holding {@code pg_try_advisory_xact_lock(hashtext(fingerprint))} reads the guardrail state, applies the
 * guardrails and writes the decision. The partial unique index on in-flight actions backs the lock up, so two
 * instances can never both send an action for one fingerprint. Requests are sent after commit, by the routes.
 */
public final class HealingCoordinator {
    private static final Logger LOG = LoggerFactory.getLogger(HealingCoordinator.class);
    private static final String UNIQUE_VIOLATION = "23505";

    private final HealingLedger ledger;
    private final GuardrailStateStore guardrailState;
    private final Guardrails guardrails;
    private final StrategyCatalog catalog;
    private final Duration verifyAfter;
    private final String instanceId;
    private final Clock clock;

    public HealingCoordinator(HealingLedger ledger, GuardrailStateStore guardrailState, Guardrails guardrails,
                              StrategyCatalog catalog, Duration verifyAfter, String instanceId, Clock clock) {
        this.ledger = ledger;
        this.guardrailState = guardrailState;
        this.guardrails = guardrails;
        this.catalog = catalog;
        this.verifyAfter = verifyAfter;
        this.instanceId = instanceId;
        this.clock = clock;
    }

    /**
     * @param choice     what the router chose, held to the diagnosis' mandate ({@link HealingMandate})
     * @param suggestion the diagnoser's suggestion (audited)
     */
    public HealingDecision decide(Incident incident, HealingChoice choice, Optional<StrategySuggestion> suggestion)
            throws SQLException {
        Instant now = clock.instant();
        Map<String, Object> audit = new LinkedHashMap<>();
        audit.put("routedBy", choice.routedBy());
        suggestion.ifPresent(s -> audit.put("suggestion", Map.of("strategy", s.strategy(), "confidence", s.confidence(),
                "source", s.source(), "rationale", s.rationale(), "decision", s.decision().code(), "risk", s.risk().name())));
        audit.put("params", choice.params());
        audit.put("risk", choice.risk().name());
        if (choice.approvalRequired()) {
            audit.put("approvalRequired", true);
        }
        if (choice.fallThrough() != null) {
            audit.put("fallThrough", choice.fallThrough());
        }

        // Plain JDBC, not a route: the advisory lock, the guardrail reads and the decision's row must share one
        // transaction, or two instances could both act on one fingerprint.
        try (Connection c = ledger.dataSource().getConnection()) {
            c.setAutoCommit(false);
            try {
                if (!tryLock(c, incident.fingerprintId())) {
                    c.rollback();
                    return new HealingDecision(null, null); // another instance is deciding for this fingerprint
                }
                HealingDecision decision = decideLocked(c, incident, choice, audit, now);
                c.commit();
                return decision;
            } catch (SQLException e) {
                c.rollback();
                if (UNIQUE_VIOLATION.equals(e.getSQLState())) {
                    return new HealingDecision(null, null); // another instance put an action in flight first
                }
                throw e;
            } catch (RuntimeException e) {
                c.rollback();
                throw e;
            }
        }
    }

    private HealingDecision decideLocked(Connection c, Incident incident, HealingChoice choice, Map<String, Object> audit,
                                         Instant now) throws SQLException {
        Optional<HealingStrategy> found = catalog.find(choice.strategy());
        if (found.isEmpty()) {
            // Only when the strategy was unbound between the mandate's check and now (a YAML route reloaded).
            audit.put("guardrail", "unknown-strategy");
            String reason = "strategy '" + choice.strategy() + "' is no longer known; known: "
                    + catalog.all().stream().map(HealingStrategy::name).toList();
            return record(c, incident, choice.strategy(), "plan", "failed", dryRun(), reason, audit, now, null);
        }
        HealingStrategy strategy = found.get();
        Map<String, String> params = choice.params();
        GuardrailState state = guardrailState.read(c, incident.fingerprintId(), incident.service(), now);
        GuardrailDecision verdict = guardrails.evaluate(incident.service(), choice.risk(),
                choice.approvalRequired() ? Approval.REQUIRED : Approval.BY_RISK, state, now);
        audit.put("guardrail", verdict.guardrail());
        String reason = audit.get("routedBy") + "; " + verdict.reason();

        if (verdict.verdict() == GuardrailDecision.Verdict.REFUSE) {
            if (ledger.refusedRecently(c, incident.fingerprintId(), verdict.guardrail(), now.minus(guardrails.settings().cooldown()))) {
                return new HealingDecision(null, null);
            }
            return record(c, incident, strategy.name(), strategy.name(), "refused", dryRun(), reason, audit, now, null);
        }
        List<ActionRequest> requests;
        try {
            requests = strategy.plan(incident, params);
        } catch (RuntimeException e) {
            audit.put("guardrail", "plan");
            return record(c, incident, strategy.name(), strategy.name(), "failed", dryRun(),
                    reason + "; cannot plan: " + e.getMessage(), audit, now, null);
        }
        audit.put("requests", requests.stream().map(ActionRequest::audit).toList());
        return switch (verdict.verdict()) {
            case DRY_RUN -> record(c, incident, strategy.name(), strategy.name(), "dry_run", true, reason, audit, now, null);
            case AWAIT_APPROVAL -> {
                HealingDecision d = record(c, incident, strategy.name(), strategy.name(), "pending_approval", false, reason,
                        audit, now, now.plus(guardrails.settings().approvalTtl()));
                ledger.setIncidentStatus(c, incident.id(), "healing", null);
                yield d;
            }
            case EXECUTE -> {
                long id = ledger.insert(c, new ActionRow(incident.id(), incident.fingerprintId(), strategy.name(), strategy.name(),
                        "executing", false, reason, actor(), instanceId, ledger.write(audit), null, now,
                        incident.ratePerMinute(), null));
                ledger.setIncidentStatus(c, incident.id(), "healing", null);
                yield new HealingDecision(new HealingRun(id, incident, strategy, requests, null),
                        event("healing.decision", incident, strategy.name(), id, "executing", reason, now));
            }
            case REFUSE -> throw new IllegalStateException("handled above");
        };
    }

    private HealingDecision record(Connection c, Incident incident, String strategy, String actionType, String status,
                                   boolean dryRun, String reason, Map<String, Object> audit, Instant now, Instant expiresAt)
            throws SQLException {
        long id = ledger.insert(c, new ActionRow(incident.id(), incident.fingerprintId(), strategy, actionType, status, dryRun,
                reason, actor(), instanceId, ledger.write(audit), expiresAt, null, null, null));
        LOG.info("Incident {} ({}): {} {} - {}", incident.id(), incident.service(), strategy, status, reason);
        return new HealingDecision(null, event("healing.decision", incident, strategy, id, status, reason, now));
    }

    /**
     * An operator approves a pending action: every guardrail except cooldown and approval is checked again, then
     * the action executes (returned run) or is refused (left pending, so it can be approved once the limit clears).
     */
    public ApprovalResult approve(long actionId, String operator) throws SQLException {
        Instant now = clock.instant();
        return onPendingAction(actionId, now, (c, pending) -> {
            Incident incident = ledger.loadIncident(c, pending.eventId());
            HealingStrategy strategy = catalog.find(pending.strategy()).orElseThrow(
                    () -> new IllegalStateException("strategy " + pending.strategy() + " is no longer available"));
            GuardrailState state = guardrailState.read(c, incident.fingerprintId(), incident.service(), now);
            GuardrailDecision verdict = guardrails.evaluate(incident.service(), strategy.risk(), Approval.GRANTED, state, now);
            if (verdict.verdict() == GuardrailDecision.Verdict.REFUSE) {
                c.rollback();
                return new ApprovalResult(actionId, "pending_approval", 409, "still pending: " + verdict.reason(), null);
            }
            if (verdict.verdict() == GuardrailDecision.Verdict.DRY_RUN) {
                ledger.setStatus(c, actionId, "dry_run", operator, "approved by " + operator + "; " + verdict.reason(), now);
                ledger.setIncidentStatus(c, incident.id(), "open", null);
                c.commit();
                return new ApprovalResult(actionId, "dry_run", 200, verdict.reason(), null);
            }
            List<ActionRequest> requests = strategy.plan(incident, ledger.readParams(pending.paramsJson(), "params"));
            ledger.setStatus(c, actionId, "approved", operator, "approved by " + operator, now);
            ledger.startExecution(c, actionId, instanceId, incident.ratePerMinute(), now);
            c.commit();
            return new ApprovalResult(actionId, "executing", 200, "approved by " + operator,
                    new HealingRun(actionId, incident, strategy, requests, null));
        });
    }

    public ApprovalResult reject(long actionId, String operator) throws SQLException {
        Instant now = clock.instant();
        return onPendingAction(actionId, now, (c, pending) -> {
            ledger.setStatus(c, actionId, "rejected", operator, "rejected by " + operator, now);
            ledger.setIncidentStatus(c, pending.eventId(), "open", null);
            c.commit();
            return new ApprovalResult(actionId, "rejected", 200, "rejected by " + operator, null);
        });
    }

    /** What an operator's decision does to a locked, still pending action; it commits or rolls back itself. */
    private interface PendingDecision {
        ApprovalResult apply(Connection c, PendingAction pending) throws SQLException;
    }

    /**
     * Runs a decision on an action in one transaction, with the action's row locked; an action that is missing, no
     * longer pending or expired gets its 404/409 answer without the decision running.
     */
    private ApprovalResult onPendingAction(long actionId, Instant now, PendingDecision decision) throws SQLException {
        // Plain JDBC, not a route: the row lock (FOR UPDATE), the guardrail check and the status change share one
        // transaction, so an approval and an expiry or a second operator cannot both win.
        try (Connection c = ledger.dataSource().getConnection()) {
            c.setAutoCommit(false);
            try {
                PendingAction pending = ledger.lock(c, actionId);
                ApprovalResult invalid = checkPending(pending, actionId, now);
                if (invalid != null) {
                    c.rollback();
                    return invalid;
                }
                return decision.apply(c, pending);
            } catch (SQLException | RuntimeException e) {
                c.rollback();
                throw e;
            }
        }
    }

    private static ApprovalResult checkPending(PendingAction pending, long actionId, Instant now) {
        if (pending == null) {
            return new ApprovalResult(actionId, null, 404, "no action " + actionId, null);
        }
        if (!pending.status().equals("pending_approval")) {
            return new ApprovalResult(actionId, pending.status(), 409, "action is " + pending.status() + ", not pending_approval", null);
        }
        if (pending.expiresAt() != null && !pending.expiresAt().isAfter(now)) {
            return new ApprovalResult(actionId, pending.status(), 409, "approval expired at " + pending.expiresAt(), null);
        }
        return null;
    }

    /**
     * Pages humans for an escalated incident through the notify strategy. Only dry run applies: the kill switch
     * stops automated healing, not paging, and escalation is exactly what should still happen when healing cannot.
     * No lock is needed (escalation pages are exempt from the one-in-flight rule), so the row is written by the
     * record-action route.
     */
    public PlannedAction escalate(long eventId) throws SQLException {
        Instant now = clock.instant();
        HealingStrategy notify = catalog.find(NotifyOnCall.NAME).orElseThrow();
        Incident incident;
        try (Connection c = ledger.dataSource().getConnection()) {
            incident = ledger.loadIncident(c, eventId);
        }
        Map<String, Object> audit = new LinkedHashMap<>();
        String reason = "escalated: unhealed " + incident.severity().code() + " incident";
        List<ActionRequest> requests;
        try {
            requests = notify.plan(incident, Map.of("reason", reason));
        } catch (RuntimeException e) {
            audit.put("guardrail", "plan");
            return escalation(incident, notify, "failed", reason + "; cannot notify: " + e.getMessage(), audit, null, now);
        }
        audit.put("requests", requests.stream().map(ActionRequest::audit).toList());
        boolean dryRun = guardrails.settings().dryRun();
        audit.put("guardrail", dryRun ? "dry-run" : "none");
        if (dryRun) {
            return escalation(incident, notify, "dry_run", reason + "; dry run: would notify", audit, null, now);
        }
        return escalation(incident, notify, "executing", reason, audit, requests, now);
    }

    private PlannedAction escalation(Incident incident, HealingStrategy notify, String status, String reason, Map<String, Object> audit,
                                     List<ActionRequest> requests, Instant now) {
        boolean executing = requests != null;
        ActionRow row = new ActionRow(incident.id(), incident.fingerprintId(), notify.name(), "escalate", status,
                dryRun(), reason, actor(), instanceId, ledger.write(audit), null, executing ? now : null,
                executing ? incident.ratePerMinute() : null, null);
        return new PlannedAction(row, incident, notify, requests,
                "healing.escalated", now);
    }

    /** A {@link PlannedAction} whose row the record-action route wrote as {@code actionId}: its run and event. */
    public HealingDecision recorded(PlannedAction planned, long actionId) {
        ActionRow row = planned.row();
        HealingRun run = planned.requests() == null ? null
                : new HealingRun(actionId, planned.incident(), planned.strategy(), planned.requests(), row.compensates());
        HealingEvent event = planned.eventType() == null ? null
                : event(planned.eventType(), planned.incident(), row.strategy(), actionId, row.status(), row.reason(), planned.at());
        return new HealingDecision(run, event);
    }

    /**
     * How the sending went, as the named values of sql/healing/record-execution.sql (written by the record-execution
     * route): the action succeeded (then awaits verification, unless only humans were notified) or failed; an undo
     * also settles the action it compensates.
     */
    public Map<String, Object> executionRecord(HealingRun run) {
        OffsetDateTime now = clock.instant().atOffset(ZoneOffset.UTC);
        boolean ok = !run.hasFailed();
        boolean verify = !run.isUndo() && ok && run.strategy().verifiable();
        Map<String, Object> row = new HashMap<>();
        row.put("actionId", run.actionId());
        row.put("status", ok ? "succeeded" : "failed");
        row.put("failureReason", ok ? null : "failed: " + run.failures());
        row.put("result", ledger.write(Map.of("requests", run.outcomes())));
        row.put("verifyAt", verify ? now.plus(verifyAfter) : null);
        row.put("settledAt", verify ? null : now);
        row.put("now", now);
        row.put("compensates", run.compensates());
        row.put("compensatedStatus", run.isUndo() ? (ok ? "compensated" : "failed") : null);
        row.put("compensatedReason", run.isUndo()
                ? (ok ? "compensated by action " + run.actionId() : "compensation " + run.actionId() + " failed") : null);
        row.put("eventId", run.incident().id());
        // Only notifications go unverified: humans were told, the incident is theirs now.
        row.put("incidentStatus", run.isUndo() ? null : !ok ? "open" : verify ? null : "escalated");
        return row;
    }

    /** The event of a run whose {@link #executionRecord} was written. */
    public HealingEvent executed(HealingRun run, Map<String, Object> record) {
        boolean ok = !run.hasFailed();
        String status = run.isUndo() ? (ok ? "compensated" : "compensation_failed") : (ok ? "succeeded" : "failed");
        LOG.info("Action {} ({} on {}): {} {}", run.actionId(), run.strategy().name(), run.incident().service(), status, run.outcomes());
        return event("healing.executed", run.incident(), run.strategy().name(), run.actionId(), status,
                run.outcomes().toString(), ((OffsetDateTime) record.get("now")).toInstant());
    }

    private static boolean tryLock(Connection c, String fingerprintId) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement("SELECT pg_try_advisory_xact_lock(hashtext(?))")) {
            ps.setString(1, fingerprintId);
            try (ResultSet rs = ps.executeQuery()) {
                rs.next();
                return rs.getBoolean(1);
            }
        }
    }

    /** Every row decided while dry run is on says so, whatever its status: the rows agree with /healing/status. */
    private boolean dryRun() {
        return guardrails.settings().dryRun();
    }

    private String actor() {
        return "selfheal@" + instanceId;
    }

    static HealingEvent event(String type, Incident incident, String strategy, Long actionId, String status, String reason, Instant at) {
        return new HealingEvent(type, incident.id(), incident.fingerprintId(), incident.service(), strategy, actionId, status, reason, at.toString());
    }
}
