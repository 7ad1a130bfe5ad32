-- A token and a child belong to a council: '' is the council running the portal. A region
-- hosting its neighbours' systems issues their tokens with the neighbour's code, and a
-- system then sees and changes only its own council's children.
ALTER TABLE api_tokens ADD COLUMN council TEXT NOT NULL DEFAULT '';
ALTER TABLE children ADD COLUMN council TEXT NOT NULL DEFAULT '';
