-- Core schema of Selfheal: error groups, the log entries behind them, incidents, healing actions and their results,
-- dead letters and source positions. Every enumeration is a CHECK constraint so that a typo in any writer fails loudly
-- instead of creating a value no query looks for.

-- One row per error group. Writers upsert it with occurrence_count = occurrence_count + n, LEAST/GREATEST on the
-- timestamps, so several instances can count the same group concurrently without losing an update.
CREATE TABLE error_fingerprints (
    id               text        PRIMARY KEY CHECK (id ~ '^[0-9a-f]{16}$'),
    service          text        NOT NULL,
    error_type       text        NOT NULL CHECK (error_type IN ('database', 'network', 'resource', 'null_reference', 'auth',
                                                                'http_5xx', 'configuration', 'dependency', 'unknown')),
    template         text        NOT NULL,
    exception_type   text,
    stack_signature  text,
    -- The most severe level seen for the group.
    level            text        NOT NULL CHECK (level IN ('TRACE', 'DEBUG', 'INFO', 'WARN', 'ERROR', 'FATAL')),
    sample_message   text,
    sample_stack     text,
    occurrence_count bigint      NOT NULL DEFAULT 0 CHECK (occurrence_count >= 0),
    first_seen       timestamptz NOT NULL,
    last_seen        timestamptz NOT NULL,
    status           text        NOT NULL DEFAULT 'active' CHECK (status IN ('active', 'resolved', 'ignored')),
    -- Null until a detector has judged the group.
    severity         text        CHECK (severity IN ('low', 'medium', 'high', 'critical')),
    created_at       timestamptz NOT NULL DEFAULT now(),
    updated_at       timestamptz NOT NULL DEFAULT now(),
    CHECK (first_seen <= last_seen)
);
CREATE INDEX error_fingerprints_last_seen_idx ON error_fingerprints (last_seen DESC);
CREATE INDEX error_fingerprints_service_last_seen_idx ON error_fingerprints (service, last_seen DESC);

CREATE TABLE log_entries (
    id             bigserial   PRIMARY KEY,
    fingerprint_id text        NOT NULL REFERENCES error_fingerprints (id),
    service        text        NOT NULL,
    ts             timestamptz NOT NULL,
    level          text        NOT NULL CHECK (level IN ('TRACE', 'DEBUG', 'INFO', 'WARN', 'ERROR', 'FATAL')),
    logger         text,
    message        text,
    stack_trace    text,
    labels         jsonb       NOT NULL DEFAULT '{}'::jsonb CHECK (jsonb_typeof(labels) = 'object'),
    source         text,
    raw            text,
    -- The record's position in its source. UNIQUE makes a redelivered record detectable; NULLs never collide
    -- (PostgreSQL treats them as distinct), so sources without positions are unaffected.
    source_ref     text        UNIQUE,
    ingested_at    timestamptz NOT NULL DEFAULT now()
);
CREATE INDEX log_entries_fingerprint_ts_idx ON log_entries (fingerprint_id, ts DESC);
CREATE INDEX log_entries_ts_idx ON log_entries (ts);

-- An incident: a fingerprint whose rate left its baseline.
CREATE TABLE self_heal_events (
    id               bigserial        PRIMARY KEY,
    fingerprint_id   text             NOT NULL REFERENCES error_fingerprints (id),
    service          text             NOT NULL,
    error_type       text             NOT NULL CHECK (error_type IN ('database', 'network', 'resource', 'null_reference',
                                                                     'auth', 'http_5xx', 'configuration', 'dependency',
                                                                     'unknown')),
    severity         text             NOT NULL CHECK (severity IN ('low', 'medium', 'high', 'critical')),
    status           text             NOT NULL DEFAULT 'open'
                                      CHECK (status IN ('open', 'healing', 'healed', 'escalated', 'closed')),
    occurrence_count bigint           NOT NULL DEFAULT 0 CHECK (occurrence_count >= 0),
    rate_per_minute  double precision,
    baseline_rate    double precision,
    detected_at      timestamptz      NOT NULL DEFAULT now(),
    resolved_at      timestamptz,
    details          jsonb            NOT NULL DEFAULT '{}'::jsonb
);
-- Only incidents that are still being worked on are looked up by fingerprint, so the index skips the closed bulk.
CREATE INDEX self_heal_events_open_idx ON self_heal_events (fingerprint_id, detected_at DESC)
    WHERE status IN ('open', 'healing', 'escalated');
CREATE INDEX self_heal_events_fingerprint_idx ON self_heal_events (fingerprint_id);

CREATE TABLE healing_actions (
    id             bigserial   PRIMARY KEY,
    -- Null for an action taken without an incident (e.g. by an operator).
    event_id       bigint      REFERENCES self_heal_events (id),
    fingerprint_id text        NOT NULL REFERENCES error_fingerprints (id),
    strategy       text        NOT NULL,
    action_type    text        NOT NULL,
    status         text        NOT NULL DEFAULT 'planned'
                               CHECK (status IN ('planned', 'pending_approval', 'approved', 'rejected', 'expired',
                                                 'executing', 'succeeded', 'failed', 'dry_run', 'refused',
                                                 'compensated')),
    dry_run        boolean     NOT NULL DEFAULT false,
    reason         text,
    actor          text,
    -- The instance that executes the action, so a crashed instance's work can be found and taken over.
    instance_id    text,
    params         jsonb       NOT NULL DEFAULT '{}'::jsonb,
    result         jsonb,
    created_at     timestamptz NOT NULL DEFAULT now(),
    updated_at     timestamptz NOT NULL DEFAULT now(),
    -- When a pending approval lapses.
    expires_at     timestamptz
);
CREATE INDEX healing_actions_status_idx ON healing_actions (status, created_at);
CREATE INDEX healing_actions_fingerprint_created_idx ON healing_actions (fingerprint_id, created_at DESC);
CREATE INDEX healing_actions_event_idx ON healing_actions (event_id);

CREATE TABLE healing_results (
    id                       bigserial        PRIMARY KEY,
    action_id                bigint           NOT NULL REFERENCES healing_actions (id),
    fingerprint_id           text             NOT NULL REFERENCES error_fingerprints (id),
    strategy                 text             NOT NULL,
    outcome                  text             NOT NULL CHECK (outcome IN ('verified', 'failed', 'inconclusive')),
    rate_before              double precision,
    rate_after               double precision,
    time_to_recovery_seconds double precision CHECK (time_to_recovery_seconds >= 0),
    verified_at              timestamptz      NOT NULL DEFAULT now()
);
CREATE INDEX healing_results_action_idx ON healing_results (action_id);
CREATE INDEX healing_results_fingerprint_idx ON healing_results (fingerprint_id, verified_at DESC);
CREATE INDEX healing_results_verified_at_idx ON healing_results (verified_at);

-- Input that could not be parsed. raw is capped by the writer; raw_size keeps the size of the original input.
CREATE TABLE dead_letters (
    id         bigserial   PRIMARY KEY,
    source     text        NOT NULL,
    reason     text        NOT NULL,
    raw        text,
    raw_size   bigint      NOT NULL CHECK (raw_size >= 0),
    created_at timestamptz NOT NULL DEFAULT now()
);
CREATE INDEX dead_letters_created_at_idx ON dead_letters (created_at);

-- How far each source has read. position is opaque here: only the source that wrote it can interpret it.
CREATE TABLE source_offsets (
    source_id  text        PRIMARY KEY,
    position   text        NOT NULL,
    updated_at timestamptz NOT NULL DEFAULT now()
);
