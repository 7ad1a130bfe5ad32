-- The team dashboard reads promises by child and due date, and whether they were kept:
-- this index answers its monthly counts without reading the table.
CREATE INDEX promises_child_due ON promises (child_id, due_on, kept_on);
CREATE INDEX caseload_child ON caseload (child_id);
