-- sitroom schema v3 (DuckDB): fusion rewrites these columns in place on every run.
-- DuckDB turns an UPDATE of a column held in an ART index into a delete + insert
-- of the row in that index, which is slow (seconds per 20k mentions) and is the
-- pattern behind "Failed to delete all rows from index" crashes. DuckDB reads
-- these tables by scan with min-max zonemaps, so the indexes bought little.
-- (The PostgreSQL variant of this version keeps them: B-trees serve its queries.)
DROP INDEX IF EXISTS mentions_event;
DROP INDEX IF EXISTS events_date;
DROP INDEX IF EXISTS events_country;
DROP INDEX IF EXISTS article_signatures_story;
DROP INDEX IF EXISTS framing_terms_actor;
