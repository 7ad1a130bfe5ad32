-- A worker took a publication down: the family sees nothing until the next one. A row names
-- the publication it withdraws, so publishing again is simply a newer publication.
CREATE TABLE withdrawals (
    id             INTEGER PRIMARY KEY,
    publication_id INTEGER NOT NULL UNIQUE REFERENCES publications (id),
    withdrawn_by   TEXT NOT NULL,
    withdrawn_at   TEXT NOT NULL,
    reason         TEXT NOT NULL
);
