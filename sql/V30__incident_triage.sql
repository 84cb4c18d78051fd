-- Operators' triage of incidents: acknowledge (a human owns it: no automatic escalation), resolve (closed now; a new
-- spike opens a new incident) and mute (stays in progress without healing, notifying or closing until unmuted, so the
-- same errors cannot re-open it). Who did what and when is kept in incident_changes.
ALTER TABLE self_heal_events
    ADD COLUMN acknowledged_at timestamptz,
    ADD COLUMN acknowledged_by text,
    ADD COLUMN muted_at        timestamptz,
    ADD COLUMN muted_by        text,
    ADD COLUMN resolved_by     text;

CREATE TABLE incident_changes (
    id          bigserial   PRIMARY KEY,
    -- Retention removes old incidents; their history goes with them.
    incident_id bigint      NOT NULL REFERENCES self_heal_events (id) ON DELETE CASCADE,
    change      text        NOT NULL CHECK (change IN ('acknowledge', 'resolve', 'mute', 'unmute')),
    actor       text        NOT NULL,
    changed_at  timestamptz NOT NULL DEFAULT now()
);
CREATE INDEX incident_changes_incident_idx ON incident_changes (incident_id, changed_at);
