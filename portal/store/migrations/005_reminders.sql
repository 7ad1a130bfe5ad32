-- Reminders sent to workers about promises nearly due: each promise is reminded once.
CREATE TABLE reminders_sent (
    promise_id INTEGER PRIMARY KEY REFERENCES promises (id),
    sent_at    TEXT NOT NULL
);
