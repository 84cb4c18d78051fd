-- The verification of one action (routes/healing-records.yaml, route record-verification). One statement, so the
-- result row, the action's settlement and the incident's new status are written together or not at all, and only by
-- the instance that settles the action first: a second verifier of the same action finds it settled and writes
-- nothing. Returns 1 when this call settled the action, else 0.
WITH settled AS (
    UPDATE healing_actions SET settled_at = :#verifiedAt, updated_at = :#verifiedAt
    WHERE id = :#actionId AND settled_at IS NULL
    RETURNING id
), result AS (
    INSERT INTO healing_results (action_id, fingerprint_id, strategy, outcome, rate_before, rate_after,
                                 time_to_recovery_seconds, verified_at)
    SELECT id, :#fingerprintId, :#strategy, :#outcome, :#rateBefore, :#rateAfter,
           CAST(:#timeToRecoverySeconds AS double precision), :#verifiedAt
    FROM settled
    RETURNING action_id
), incident AS (
    UPDATE self_heal_events SET status = :#incidentStatus,
                                resolved_at = coalesce(CAST(:#resolvedAt AS timestamptz), resolved_at)
    WHERE id = :#eventId AND status <> 'closed' AND EXISTS (SELECT 1 FROM settled)
)
SELECT count(*) AS settled FROM result
