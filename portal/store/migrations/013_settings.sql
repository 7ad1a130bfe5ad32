-- The council admin's settings, changed in the portal: the header's colour and logo, the
-- languages offered to families, staff who leave, and invite codes taken back.

-- #rrggbb, dark enough for white text on it; '' for the portal's own colour.
ALTER TABLE council ADD COLUMN colour TEXT NOT NULL DEFAULT '';
-- JSON list of the languages offered to families besides English; NULL until the admin
-- chooses, and then every language the portal has words in is offered.
ALTER TABLE council ADD COLUMN languages TEXT;

-- The council's logo: a PNG or JPEG, checked when uploaded, served under its hash.
CREATE TABLE council_logo (
    id           INTEGER PRIMARY KEY CHECK (id = 1),
    content_type TEXT NOT NULL CHECK (content_type IN ('image/png', 'image/jpeg')),
    sha256       TEXT NOT NULL,
    width        INTEGER NOT NULL,
    height       INTEGER NOT NULL,
    body         BLOB NOT NULL,
    set_at       TEXT NOT NULL
);

-- A member of staff who has left keeps their row, for the audit trail names them; they can
-- no longer sign in.
ALTER TABLE people ADD COLUMN deactivated_at TEXT;

-- An invite code the admin took back before it was used.
ALTER TABLE invite_codes ADD COLUMN revoked_at TEXT;

-- The admin's list of recent changes to the settings: actions "settings.…", few among the
-- many views the trail records.
CREATE INDEX audit_settings ON audit (id) WHERE action >= 'settings.' AND action < 'settings/';
