-- Read models for dashboards and the retention job.
--
-- Success rate everywhere is verified / all verification results: an inconclusive verification did not prove the
-- error went away, so it does not count as a success (but it is an attempt).

CREATE VIEW healing_overview AS
SELECT f.id                                   AS fingerprint_id,
       f.service,
       f.error_type,
       f.status,
       f.severity,
       f.occurrence_count                     AS occurrences,
       f.last_seen,
       coalesce(i.incidents, 0)               AS incidents,
       coalesce(a.actions, 0)                 AS actions,
       la.created_at                          AS last_action_at,
       la.strategy                            AS last_action_strategy,
       la.status                              AS last_action_status,
       coalesce(r.verified, 0)                AS verified,
       coalesce(r.failed, 0)                  AS failed,
       round(r.verified::numeric / nullif(r.results, 0), 4) AS success_rate
FROM error_fingerprints f
-- Each count comes from its own grouped subquery: joining the three child tables directly would multiply rows.
LEFT JOIN (SELECT fingerprint_id, count(*) AS incidents
           FROM self_heal_events GROUP BY fingerprint_id) i ON i.fingerprint_id = f.id
LEFT JOIN (SELECT fingerprint_id, count(*) AS actions
           FROM healing_actions GROUP BY fingerprint_id) a ON a.fingerprint_id = f.id
LEFT JOIN (SELECT fingerprint_id,
                  count(*)                                     AS results,
                  count(*) FILTER (WHERE outcome = 'verified') AS verified,
                  count(*) FILTER (WHERE outcome = 'failed')   AS failed
           FROM healing_results GROUP BY fingerprint_id) r ON r.fingerprint_id = f.id
LEFT JOIN LATERAL (SELECT ha.created_at, ha.strategy, ha.status
                   FROM healing_actions ha
                   WHERE ha.fingerprint_id = f.id
                   ORDER BY ha.created_at DESC, ha.id DESC
                   LIMIT 1) la ON true;

-- Actions appear at their last change (updated_at), results at verification time; newest first.
CREATE VIEW recent_healing_activity AS
SELECT *
FROM (SELECT a.updated_at     AS occurred_at,
             'action'::text   AS kind,
             a.id             AS action_id,
             a.fingerprint_id,
             a.strategy,
             a.action_type,
             a.status         AS state,
             a.dry_run,
             a.actor,
             a.reason,
             NULL::double precision AS rate_before,
             NULL::double precision AS rate_after,
             NULL::double precision AS time_to_recovery_seconds
      FROM healing_actions a
      WHERE a.updated_at >= now() - interval '24 hours'
      UNION ALL
      SELECT r.verified_at,
             'result',
             r.action_id,
             r.fingerprint_id,
             r.strategy,
             a.action_type,
             r.outcome,
             a.dry_run,
             a.actor,
             NULL,
             r.rate_before,
             r.rate_after,
             r.time_to_recovery_seconds
      FROM healing_results r
      JOIN healing_actions a ON a.id = r.action_id
      WHERE r.verified_at >= now() - interval '24 hours') activity
ORDER BY occurred_at DESC, kind, action_id DESC;

-- Per strategy: every verification result is one attempt. mttr_seconds averages verified results only, because a
-- failed or inconclusive attempt did not recover anything.
CREATE FUNCTION get_healing_stats()
    RETURNS TABLE (strategy     text,
                   attempts     bigint,
                   verified     bigint,
                   failed       bigint,
                   inconclusive bigint,
                   success_rate numeric,
                   mttr_seconds numeric)
    LANGUAGE sql STABLE AS
$$
SELECT r.strategy,
       count(*),
       count(*) FILTER (WHERE r.outcome = 'verified'),
       count(*) FILTER (WHERE r.outcome = 'failed'),
       count(*) FILTER (WHERE r.outcome = 'inconclusive'),
       round((count(*) FILTER (WHERE r.outcome = 'verified'))::numeric / count(*), 4),
       round((avg(r.time_to_recovery_seconds) FILTER (WHERE r.outcome = 'verified'))::numeric, 3)
FROM healing_results r
GROUP BY r.strategy
ORDER BY r.strategy
$$;

-- Deletes what is older than now() - retention and returns how many rows went per table.
-- Log entries age by event time (ts, indexed), dead letters by created_at. Incidents go only when closed, together with
-- their actions and results, children first so no foreign key is violated. Fingerprints are kept: they are the long-term
-- memory of which errors exist and how often they occurred.
CREATE FUNCTION cleanup_old_healing_data(retention interval)
    RETURNS TABLE (table_name text, deleted bigint)
    LANGUAGE plpgsql AS
$$
DECLARE
    cutoff        constant timestamptz := now() - retention;
    old_incidents bigint[];
    n             bigint;
BEGIN
    IF retention IS NULL OR retention < interval '0' THEN
        RAISE EXCEPTION 'retention must be a non-negative interval, got %', retention;
    END IF;

    -- Chosen once, so an incident closed while this runs cannot lose its actions without losing its results too.
    SELECT coalesce(array_agg(e.id), '{}')
    INTO old_incidents
    FROM self_heal_events e
    WHERE e.status = 'closed'
      AND coalesce(e.resolved_at, e.detected_at) < cutoff;

    DELETE FROM healing_results r
    USING healing_actions a
    WHERE r.action_id = a.id AND a.event_id = ANY (old_incidents);
    GET DIAGNOSTICS n = ROW_COUNT;
    table_name := 'healing_results'; deleted := n; RETURN NEXT;

    DELETE FROM healing_actions a WHERE a.event_id = ANY (old_incidents);
    GET DIAGNOSTICS n = ROW_COUNT;
    table_name := 'healing_actions'; deleted := n; RETURN NEXT;

    DELETE FROM self_heal_events e WHERE e.id = ANY (old_incidents);
    GET DIAGNOSTICS n = ROW_COUNT;
    table_name := 'self_heal_events'; deleted := n; RETURN NEXT;

    DELETE FROM log_entries l WHERE l.ts < cutoff;
    GET DIAGNOSTICS n = ROW_COUNT;
    table_name := 'log_entries'; deleted := n; RETURN NEXT;

    DELETE FROM dead_letters d WHERE d.created_at < cutoff;
    GET DIAGNOSTICS n = ROW_COUNT;
    table_name := 'dead_letters'; deleted := n; RETURN NEXT;
END
$$;
