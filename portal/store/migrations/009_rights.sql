-- Where families find an advocate and how they complain: the council's own services and the
-- national ones the admin lists, shown on the "Your rights" page.

ALTER TABLE council ADD COLUMN advocacy TEXT NOT NULL DEFAULT '[]';    -- JSON list of contacts
ALTER TABLE council ADD COLUMN complaints TEXT NOT NULL DEFAULT '{}';  -- JSON contact
