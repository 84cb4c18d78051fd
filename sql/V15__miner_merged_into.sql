-- Groups the template miner merged when it learned that a word position is a parameter: the absorbed group keeps its
-- row (its id stays resolvable) and points at the surviving, oldest group. Merged rows are no candidates for
-- adoption or warm-up; the miner follows merged_into instead.
ALTER TABLE miner_groups
    ADD COLUMN merged_into text CHECK (merged_into <> id);
CREATE INDEX miner_groups_live_anchor_idx ON miner_groups (service, anchor, updated_at DESC) WHERE merged_into IS NULL;
