-- Grouping persistence: the template miner's groups, manual merges and splits, and the parameters of each
-- fingerprint.

-- One row per mined template group. A row is inserted synchronously when a group is born, so every instance sharing
-- the database can adopt it; later changes (template generalisation, samples, counts) are written in batches.
-- UNIQUE (service, shape_hash) lets exactly one instance give birth to a group of a given shape: a second instance
-- that races to create a group of the same shape loses the insert and adopts the winner's id.
CREATE TABLE miner_groups (
    id          text        PRIMARY KEY CHECK (id ~ '^[0-9a-f]{16}$'),
    service     text        NOT NULL,
    -- Hash of the token shapes of the message the group was born from.
    shape_hash  text        NOT NULL,
    -- First constant token shape: candidates for an alignment join are looked up by it.
    anchor      text        NOT NULL,
    -- Template tokens, whether each is a placeholder, and per token the sample values seen there.
    tokens      jsonb       NOT NULL CHECK (jsonb_typeof(tokens) = 'array'),
    variable    jsonb       NOT NULL CHECK (jsonb_typeof(variable) = 'array'),
    samples     jsonb       NOT NULL CHECK (jsonb_typeof(samples) = 'array'),
    -- Messages matched, as counted by the instance that wrote last (exact counts are in error_fingerprints).
    match_count bigint      NOT NULL DEFAULT 0 CHECK (match_count >= 0),
    created_at  timestamptz NOT NULL,
    updated_at  timestamptz NOT NULL,
    UNIQUE (service, shape_hash)
);
CREATE INDEX miner_groups_anchor_idx ON miner_groups (service, anchor, updated_at DESC);
CREATE INDEX miner_groups_recent_idx ON miner_groups (service, updated_at DESC);

-- The template and a few sample values per placeholder ([{"placeholder": "<int>", "samples": ["42", "7"]}]); null
-- when the group is not a mined template (stack traces, rule fingerprints). merged_into is set by a manual merge.
ALTER TABLE error_fingerprints
    ADD COLUMN parameters  jsonb CHECK (parameters IS NULL OR jsonb_typeof(parameters) = 'array'),
    ADD COLUMN merged_into text  REFERENCES error_fingerprints (id) CHECK (merged_into <> id);

-- Manual decisions about groups, applied by every instance to new events.
--   merge: events grouped as fingerprint_id are counted under target_id.
--   split: events grouped as fingerprint_id whose message matches pattern (a glob, or a regex written /like this/)
--          get the group target_id.
CREATE TABLE grouping_overrides (
    id             bigserial   PRIMARY KEY,
    kind           text        NOT NULL CHECK (kind IN ('merge', 'split')),
    fingerprint_id text        NOT NULL REFERENCES error_fingerprints (id),
    target_id      text        NOT NULL REFERENCES error_fingerprints (id) CHECK (target_id <> fingerprint_id),
    pattern        text,
    title          text,
    created_at     timestamptz NOT NULL DEFAULT now(),
    CHECK ((kind = 'merge') = (pattern IS NULL))
);
-- A group is merged into at most one other group; a split pattern is recorded once per group.
CREATE UNIQUE INDEX grouping_overrides_merge_idx ON grouping_overrides (fingerprint_id) WHERE kind = 'merge';
CREATE UNIQUE INDEX grouping_overrides_split_idx ON grouping_overrides (fingerprint_id, pattern) WHERE kind = 'split';
