-- Every line read, counted per minute (of the event's own timestamp), service and level, whatever the level: only
-- events at or above selfheal.ingest.min-level become rows of log_entries, but rates of INFO-heavy services (and the
-- share of errors among all lines) need the lines below it too. The store adds one batch's counts in the same
-- transaction as its events and source position, with one upsert per batch.
CREATE TABLE log_line_counts (
    minute  timestamptz NOT NULL CHECK (date_trunc('minute', minute) = minute),
    service text        NOT NULL,
    level   text        NOT NULL CHECK (level IN ('TRACE', 'DEBUG', 'INFO', 'WARN', 'ERROR', 'FATAL')),
    lines   bigint      NOT NULL CHECK (lines >= 0),
    PRIMARY KEY (minute, service, level)
);
-- Rates per service over a time range.
CREATE INDEX log_line_counts_service_minute_idx ON log_line_counts (service, minute);
