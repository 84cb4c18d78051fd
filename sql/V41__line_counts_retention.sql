-- log_line_counts (V20) grew without bound: retention now also deletes the minutes older than the cutoff, like the
-- log entries they count (by the event time they were counted in). The rest of the function is as in V2; CREATE OR
-- REPLACE keeps the grants of V6 (same signature).
CREATE OR REPLACE FUNCTION cleanup_old_healing_data(retention interval)
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

    DELETE FROM log_line_counts c WHERE c.minute < cutoff;
    GET DIAGNOSTICS n = ROW_COUNT;
    table_name := 'log_line_counts'; deleted := n; RETURN NEXT;
END
$$;
