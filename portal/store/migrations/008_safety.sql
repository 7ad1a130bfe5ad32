-- A child who says they do not feel safe: an urgent task for their worker and manager,
-- and the council's out-of-hours number to tell the child at once.

ALTER TABLE council ADD COLUMN out_of_hours_phone TEXT NOT NULL DEFAULT '';

CREATE TABLE urgent_tasks (
    id        INTEGER PRIMARY KEY,
    child_id  INTEGER NOT NULL REFERENCES children (id),
    person_id INTEGER NOT NULL REFERENCES people (id),   -- who said it
    form      TEXT NOT NULL,                             -- the form it was said in
    raised_at TEXT NOT NULL,
    done_at   TEXT,
    UNIQUE (child_id, person_id, form)                   -- said again in the same form: one task
);
