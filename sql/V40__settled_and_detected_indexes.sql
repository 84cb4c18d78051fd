-- The incidents and actions counters (io.selfheal.observe.DatabaseCounters) read the rows detected or settled since
-- their previous read, every selfheal.metrics.db-refresh-ms: a range scan, not a table scan, however long the history.
CREATE INDEX self_heal_events_detected_at_idx ON self_heal_events (detected_at);
CREATE INDEX healing_actions_settled_at_idx ON healing_actions (settled_at) WHERE settled_at IS NOT NULL;
