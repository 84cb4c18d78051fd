-- log_line_counts (V20) grew without bound: retention now also deletes the minutes older than the cutoff, like the
-- log entries they count (both by event time). The function of V2 keeps its body and grants under a new name and the
-- public name adds the line counts, so the body is not restated here. now() is fixed for the transaction: both parts
-- use the same cutoff, and a negative retention is refused by the inner function before anything is deleted.
ALTER FUNCTION cleanup_old_healing_data(interval) RENAME TO cleanup_old_incidents_and_logs;

CREATE FUNCTION cleanup_old_healing_data(retention interval)
    RETURNS TABLE (table_name text, deleted bigint)
    LANGUAGE plpgsql AS
$$
DECLARE
    n bigint;
BEGIN
    RETURN QUERY SELECT * FROM cleanup_old_incidents_and_logs(retention);

    DELETE FROM log_line_counts c WHERE c.minute < now() - retention;
    GET DIAGNOSTICS n = ROW_COUNT;
    table_name := 'log_line_counts'; deleted := n; RETURN NEXT;
END
$$;

-- As V6 does for the original: the retention job deletes rows, so dashboards (selfheal_readonly) must not run it.
REVOKE EXECUTE ON FUNCTION cleanup_old_healing_data(interval) FROM PUBLIC;
GRANT EXECUTE ON FUNCTION cleanup_old_healing_data(interval) TO selfheal_app;
