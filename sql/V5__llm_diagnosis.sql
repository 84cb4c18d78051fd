-- LLM diagnosis: an audit row for every LLM call (and every call Selfheal chose not to make), and answers cached per
-- fingerprint so all instances share them and a recurring pattern is not re-analyzed on every occurrence.

-- incident_id and fingerprint_id carry no foreign key: the audit must outlive incidents removed by retention.
CREATE TABLE llm_calls (
    id              bigserial   PRIMARY KEY,
    created_at      timestamptz NOT NULL DEFAULT now(),
    incident_id     bigint,
    fingerprint_id  text,
    provider        text        NOT NULL CHECK (provider IN ('openai', 'github', 'ollama')),
    model           text,
    -- 1 for the first question, 2 for the retry after a rejected answer.
    attempt         smallint    NOT NULL CHECK (attempt IN (1, 2)),
    outcome         text        NOT NULL CHECK (outcome IN ('answered', 'invalid_answer', 'unknown_strategy', 'timeout',
                                                            'rate_limited', 'server_error', 'client_error',
                                                            'network_error', 'circuit_open', 'budget_exhausted')),
    latency_ms      integer     CHECK (latency_ms >= 0),
    tokens_in       integer     CHECK (tokens_in >= 0),
    tokens_out      integer     CHECK (tokens_out >= 0),
    -- Values replaced by the redactor, per kind, e.g. {"email": 2, "jwt": 1}.
    redactions      jsonb       NOT NULL DEFAULT '{}'::jsonb CHECK (jsonb_typeof(redactions) = 'object'),
    -- The conversation exactly as sent: only ever the redacted form.
    prompt_redacted text,
    response        text,
    error           text
);
CREATE INDEX llm_calls_created_at_idx ON llm_calls (created_at);
CREATE INDEX llm_calls_fingerprint_idx ON llm_calls (fingerprint_id, created_at DESC);

-- A validated answer per fingerprint and allow-list (options_key hashes the allowed strategy names, so a changed
-- allow-list is asked afresh). strategy is null when the model answered "none".
CREATE TABLE llm_diagnosis_cache (
    fingerprint_id   text             NOT NULL,
    options_key      text             NOT NULL,
    strategy         text,
    parameters       jsonb            NOT NULL DEFAULT '{}'::jsonb CHECK (jsonb_typeof(parameters) = 'object'),
    rationale        text             NOT NULL,
    model_confidence double precision NOT NULL CHECK (model_confidence BETWEEN 0 AND 1),
    risk             text             NOT NULL CHECK (risk IN ('low', 'medium', 'high')),
    source           text             NOT NULL,
    created_at       timestamptz      NOT NULL DEFAULT now(),
    expires_at       timestamptz      NOT NULL,
    PRIMARY KEY (fingerprint_id, options_key)
);
CREATE INDEX llm_diagnosis_cache_expires_idx ON llm_diagnosis_cache (expires_at);
