-- A healing_actions row decided outside a lock: an escalation page or the undo of a failed action
-- (routes/healing-records.yaml, route record-action). Decisions taken under the advisory lock insert the same row
-- inside their transaction instead (io.selfheal.heal.HealingLedger#insert). Returns the new action's id.
INSERT INTO healing_actions (event_id, fingerprint_id, strategy, action_type, status, dry_run, reason, actor,
                             instance_id, params, expires_at, executed_at, rate_before, compensates,
                             settled_at, created_at, updated_at)
VALUES (:#eventId, :#fingerprintId, :#strategy, :#actionType, :#status, :#dryRun, :#reason, :#actor,
        :#instanceId, CAST(:#params AS jsonb), CAST(:#expiresAt AS timestamptz), CAST(:#executedAt AS timestamptz),
        CAST(:#rateBefore AS double precision), CAST(:#compensates AS bigint),
        CASE WHEN :#status IN ('refused', 'dry_run') THEN now() END, now(), now())
RETURNING id
