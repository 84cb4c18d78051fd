-- How the sending of one action went (routes/healing-records.yaml, route record-execution). One statement, so the
-- action, the action it compensates (for an undo) and the incident change together or not at all.
WITH action AS (
    UPDATE healing_actions SET status = :#status, reason = coalesce(CAST(:#failureReason AS text), reason), result = CAST(:#result AS jsonb),
                               verify_at = CAST(:#verifyAt AS timestamptz), updated_at = :#now,
                               settled_at = CAST(:#settledAt AS timestamptz)
    WHERE id = :#actionId
    RETURNING id
), compensated AS (
    UPDATE healing_actions SET status = :#compensatedStatus, updated_at = :#now,
                               reason = coalesce(reason || '; ', '') || :#compensatedReason,
                               settled_at = coalesce(settled_at, :#now)
    WHERE id = CAST(:#compensates AS bigint)
)
UPDATE self_heal_events SET status = :#incidentStatus
WHERE id = :#eventId AND CAST(:#incidentStatus AS text) IS NOT NULL AND status <> 'closed'
