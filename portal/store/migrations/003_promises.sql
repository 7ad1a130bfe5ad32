-- The service's promises to families (timescales) as data. A rule says which event starts
-- a promise, which event keeps it, and how many (working or calendar) days it gives. A
-- promise copies its rule's length when it starts, so a later change of rule applies only
-- to promises started after it.

CREATE TABLE promise_rules (
    id         TEXT PRIMARY KEY,
    starts_on  TEXT NOT NULL,
    kept_by    TEXT NOT NULL,
    days       INTEGER NOT NULL CHECK (days >= 0),
    working    INTEGER NOT NULL CHECK (working IN (0, 1)),
    per_member INTEGER NOT NULL DEFAULT 0 CHECK (per_member IN (0, 1)), -- one promise per family member
    enabled    INTEGER NOT NULL DEFAULT 1 CHECK (enabled IN (0, 1)),
    local      INTEGER NOT NULL DEFAULT 0 CHECK (local IN (0, 1)),      -- added by the council
    changed_at TEXT NOT NULL
);

-- The defaults, from the council's published timescales (seeds 002 and 004).
INSERT INTO promise_rules (id, starts_on, kept_by, days, working, per_member, changed_at) VALUES
    ('referral_decision', 'referral_received', 'referral_decided', 1, 1, 0, '2026-01-01T00:00:00Z'),
    ('child_seen', 'referral_to_assessment', 'child_seen', 5, 1, 0, '2026-01-01T00:00:00Z'),
    ('assessment_shared', 'assessment_approved', 'assessment_shared', 5, 1, 0, '2026-01-01T00:00:00Z'),
    ('first_cin_meeting', 'cin_plan_decided', 'cin_meeting_held', 10, 1, 0, '2026-01-01T00:00:00Z'),
    ('minutes', 'meeting_held', 'published_in_language', 10, 0, 1, '2026-01-01T00:00:00Z'),
    ('plan_updated', 'review_held', 'plan_updated', 2, 1, 0, '2026-01-01T00:00:00Z');

-- What happened, as the portal learned it: from imported documents, publications, and
-- workers. subject is what it is about (a meeting's ref); member_ref whom (for events per
-- family member, such as a publication in their language).
CREATE TABLE events (
    id          INTEGER PRIMARY KEY,
    child_id    INTEGER NOT NULL REFERENCES children (id),
    kind        TEXT NOT NULL,
    subject     TEXT NOT NULL DEFAULT '',
    member_ref  TEXT NOT NULL DEFAULT '',
    happened_on TEXT NOT NULL,
    recorded_by TEXT NOT NULL,
    recorded_at TEXT NOT NULL,
    UNIQUE (child_id, kind, subject, member_ref, happened_on)
);

CREATE TABLE promises (
    id         INTEGER PRIMARY KEY,
    child_id   INTEGER NOT NULL REFERENCES children (id),
    rule_id    TEXT NOT NULL REFERENCES promise_rules (id),
    subject    TEXT NOT NULL DEFAULT '',
    member_ref TEXT NOT NULL DEFAULT '',
    days       INTEGER NOT NULL,
    working    INTEGER NOT NULL,
    started_on TEXT NOT NULL,
    due_on     TEXT NOT NULL,
    kept_on    TEXT,
    UNIQUE (child_id, rule_id, subject, member_ref)
);

CREATE INDEX promises_child ON promises (child_id);
CREATE INDEX promises_open ON promises (due_on) WHERE kept_on IS NULL;

-- The council's own closure days, which working days skip.
CREATE TABLE closure_days (
    day TEXT PRIMARY KEY,
    why TEXT NOT NULL
);
