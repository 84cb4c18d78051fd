-- Before each assessment (routes/assessment.yaml, route assess), in one statement: lapsed approvals become expired,
-- and an action left executing since before :#abandonedBefore belonged to an instance that died mid-way, so it fails
-- and no longer blocks its fingerprint (its requests may or may not have gone out; the reason says so). Their
-- incidents wait for a new decision. Returns how many approvals lapsed.
WITH lapsed AS (
    UPDATE healing_actions SET status = 'expired', settled_at = :#now, updated_at = :#now,
                               reason = coalesce(reason || '; ', '') || 'approval expired'
    WHERE status = 'pending_approval' AND expires_at <= :#now
    RETURNING event_id
), abandoned AS (
    UPDATE healing_actions SET status = 'failed', settled_at = :#now, updated_at = :#now,
                               reason = coalesce(reason || '; ', '') || 'abandoned while executing (instance lost?)'
    WHERE status = 'executing' AND executed_at < :#abandonedBefore
    RETURNING event_id
), reopened AS (
    UPDATE self_heal_events SET status = 'open'
    WHERE id IN (SELECT event_id FROM lapsed UNION ALL SELECT event_id FROM abandoned) AND status = 'healing'
)
SELECT count(*) AS expired FROM lapsed
