-- sitroom schema v3 (PostgreSQL): fusion finds the events that already list a
-- re-extracted mention by mention id. (The DuckDB variant of this version drops
-- the indexes on columns fusion updates in place; PostgreSQL keeps them.)
CREATE INDEX IF NOT EXISTS event_sources_mention ON event_sources (mention_id);
