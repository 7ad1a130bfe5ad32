-- The caseload pages find each child's latest publication by its plan version: without this
-- index every child meant reading every publication.
CREATE INDEX publications_version ON publications (plan_version_id);
