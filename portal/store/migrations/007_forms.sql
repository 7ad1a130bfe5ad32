-- What families send: drafts saved at every step, and submissions stored once.

CREATE TABLE drafts (
    person_id       INTEGER NOT NULL REFERENCES people (id),
    child_id        INTEGER NOT NULL REFERENCES children (id),
    form            TEXT NOT NULL,                 -- "thoughts:2027-02-15": the form and the meeting
    answers         TEXT NOT NULL,                 -- JSON object of answers, as typed
    idempotency_key TEXT NOT NULL,                 -- carried by the check-answers page
    updated_at      TEXT NOT NULL,
    PRIMARY KEY (person_id, child_id, form)
);

CREATE TABLE submissions (
    id              INTEGER PRIMARY KEY,
    reference       TEXT NOT NULL UNIQUE,          -- shown to the family
    idempotency_key TEXT NOT NULL UNIQUE,          -- the same form sent twice is stored once
    person_id       INTEGER NOT NULL REFERENCES people (id),
    child_id        INTEGER NOT NULL REFERENCES children (id),
    form            TEXT NOT NULL,
    answers         TEXT NOT NULL,
    submitted_at    TEXT NOT NULL,
    read_at         TEXT
);

CREATE INDEX submissions_child ON submissions (child_id, submitted_at);
