-- A worker marks what a family sent as answered once they have replied or acted on it.

ALTER TABLE submissions ADD COLUMN answered_at TEXT;
