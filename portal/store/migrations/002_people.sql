-- Who may sign in, and to what. Family members and young people sign in with a one-time
-- invite code and then a link or passphrase they choose; staff with email and password.

CREATE TABLE teams (
    id   INTEGER PRIMARY KEY,
    name TEXT NOT NULL UNIQUE
);

CREATE TABLE people (
    id             INTEGER PRIMARY KEY,
    kind           TEXT NOT NULL CHECK (kind IN ('family', 'young_person', 'worker', 'manager', 'admin')),
    name           TEXT NOT NULL,
    email          TEXT NOT NULL DEFAULT '',
    phone          TEXT NOT NULL DEFAULT '',
    language       TEXT NOT NULL DEFAULT 'en',
    team_id        INTEGER REFERENCES teams (id),
    password_hash  TEXT NOT NULL DEFAULT '',   -- staff password, or a family passphrase
    totp_secret    TEXT NOT NULL DEFAULT '',
    sign_in_method TEXT NOT NULL DEFAULT '' CHECK (sign_in_method IN ('', 'email_link', 'passphrase')),
    created_at     TEXT NOT NULL
);

-- Staff sign in by email: one account per address.
CREATE UNIQUE INDEX people_staff_email ON people (lower(email)) WHERE kind IN ('worker', 'manager', 'admin');

-- A family member of a child: the person, and their ref in the child's plan documents.
CREATE TABLE family_links (
    person_id  INTEGER NOT NULL REFERENCES people (id),
    child_id   INTEGER NOT NULL REFERENCES children (id),
    member_ref TEXT NOT NULL,
    PRIMARY KEY (person_id, child_id)
);

-- A young person's own sign-in, to their own plan.
CREATE TABLE young_people (
    person_id INTEGER PRIMARY KEY REFERENCES people (id),
    child_id  INTEGER NOT NULL UNIQUE REFERENCES children (id)
);

-- A worker's caseload.
CREATE TABLE caseload (
    worker_id INTEGER NOT NULL REFERENCES people (id),
    child_id  INTEGER NOT NULL REFERENCES children (id),
    PRIMARY KEY (worker_id, child_id)
);

-- One-time invite codes, kept only as a hash.
CREATE TABLE invite_codes (
    id         INTEGER PRIMARY KEY,
    code_hash  TEXT NOT NULL UNIQUE,
    person_id  INTEGER NOT NULL REFERENCES people (id),
    issued_by  INTEGER REFERENCES people (id),
    created_at TEXT NOT NULL,
    expires_at TEXT NOT NULL,
    used_at    TEXT
);

-- Sign-in links sent by email, single use, kept only as a hash.
CREATE TABLE sign_in_links (
    token_hash TEXT PRIMARY KEY,
    person_id  INTEGER NOT NULL REFERENCES people (id),
    expires_at TEXT NOT NULL,
    used_at    TEXT
);

-- Server-side sessions; the cookie holds the token, the table its hash.
CREATE TABLE sessions (
    token_hash   TEXT PRIMARY KEY,
    person_id    INTEGER NOT NULL REFERENCES people (id),
    created_at   TEXT NOT NULL,
    expires_at   TEXT NOT NULL,
    last_seen_at TEXT NOT NULL
);

CREATE INDEX sessions_person ON sessions (person_id);

-- Counted attempts for rate limiting (sign-in, code entry), by key and fixed window.
CREATE TABLE attempts (
    key          TEXT PRIMARY KEY,
    window_start TEXT NOT NULL,
    count        INTEGER NOT NULL
);

-- Messages the local notifier "sent": the demo's and the tests' outbox.
CREATE TABLE outbox (
    id         INTEGER PRIMARY KEY,
    recipient  TEXT NOT NULL,
    subject    TEXT NOT NULL,
    body       TEXT NOT NULL,
    created_at TEXT NOT NULL
);

-- A plan version published to the family; families see the latest published version only.
CREATE TABLE publications (
    id              INTEGER PRIMARY KEY,
    plan_version_id INTEGER NOT NULL REFERENCES plan_versions (id),
    published_by    TEXT NOT NULL,
    published_at    TEXT NOT NULL
);

-- Sections a young person of 16 or over keeps from their parents, chosen in the portal.
CREATE TABLE private_sections (
    child_id INTEGER PRIMARY KEY REFERENCES children (id),
    sections TEXT NOT NULL,
    set_at   TEXT NOT NULL
);

-- Secrets the server keeps: the key that signs CSRF tokens.
CREATE TABLE server_secrets (
    name  TEXT PRIMARY KEY,
    value BLOB NOT NULL
);
