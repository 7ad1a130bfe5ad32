-- The council running this portal: one row.
CREATE TABLE council (
    id         INTEGER PRIMARY KEY CHECK (id = 1),
    name       TEXT NOT NULL,
    nation     TEXT NOT NULL DEFAULT 'england'
               CHECK (nation IN ('england', 'wales', 'scotland', 'northern_ireland')),
    created_at TEXT NOT NULL
);

-- A child known to the council, by the case management system's reference.
CREATE TABLE children (
    id            INTEGER PRIMARY KEY,
    ref           TEXT NOT NULL UNIQUE,
    name          TEXT NOT NULL,
    date_of_birth TEXT NOT NULL DEFAULT '',
    created_at    TEXT NOT NULL,
    updated_at    TEXT NOT NULL
);

-- A plan for a child; its content lives in versions.
CREATE TABLE plans (
    id         INTEGER PRIMARY KEY,
    child_id   INTEGER NOT NULL REFERENCES children (id),
    ref        TEXT NOT NULL,
    kind       TEXT NOT NULL,
    created_at TEXT NOT NULL,
    UNIQUE (child_id, ref)
);

-- Every version of a plan document ever imported, never changed or removed: a family may
-- ask what their plan said in March.
CREATE TABLE plan_versions (
    id          INTEGER PRIMARY KEY,
    plan_id     INTEGER NOT NULL REFERENCES plans (id),
    version     INTEGER NOT NULL,
    sha256      TEXT NOT NULL,
    document    TEXT NOT NULL,
    source      TEXT NOT NULL,
    imported_by TEXT NOT NULL,
    imported_at TEXT NOT NULL,
    UNIQUE (plan_id, version)
);

CREATE TRIGGER plan_versions_keep_update BEFORE UPDATE ON plan_versions
BEGIN
    SELECT RAISE(ABORT, 'plan versions are kept as imported');
END;

CREATE TRIGGER plan_versions_keep_delete BEFORE DELETE ON plan_versions
BEGIN
    SELECT RAISE(ABORT, 'plan versions are kept as imported');
END;

-- Who did or saw what, when. Append-only: the triggers refuse any change.
CREATE TABLE audit (
    id      INTEGER PRIMARY KEY,
    at      TEXT NOT NULL,
    actor   TEXT NOT NULL,
    action  TEXT NOT NULL,
    subject TEXT NOT NULL,
    detail  TEXT NOT NULL DEFAULT ''
);

CREATE INDEX audit_subject ON audit (subject, at);

CREATE TRIGGER audit_append_only_update BEFORE UPDATE ON audit
BEGIN
    SELECT RAISE(ABORT, 'the audit trail is append-only');
END;

CREATE TRIGGER audit_append_only_delete BEFORE DELETE ON audit
BEGIN
    SELECT RAISE(ABORT, 'the audit trail is append-only');
END;
