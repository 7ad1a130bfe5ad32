-- Printing a caseload's packs runs in the background: the job, its progress, and the file
-- to download once done (kept two days).

CREATE TABLE pack_jobs (
    id INTEGER PRIMARY KEY,
    person_id INTEGER NOT NULL REFERENCES people (id),
    combined INTEGER NOT NULL DEFAULT 0,
    status TEXT NOT NULL DEFAULT 'running' CHECK (status IN ('running', 'done', 'failed')),
    done INTEGER NOT NULL DEFAULT 0,
    total INTEGER NOT NULL DEFAULT 0,
    summary TEXT NOT NULL DEFAULT '',
    file BLOB,
    created_at TEXT NOT NULL,
    finished_at TEXT
);

CREATE INDEX pack_jobs_person ON pack_jobs (person_id, id);
