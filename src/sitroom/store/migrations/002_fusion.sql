-- sitroom schema v2: what cross-source fusion keeps between runs.
-- Portable SQL: runs unchanged on DuckDB and PostgreSQL.

-- One row per article the story grouper has seen: its MinHash signature (hex
-- ints, space-separated) so the LSH index is rebuilt without re-reading text,
-- and the article it is a near-verbatim copy of (syndication), if any.
CREATE TABLE IF NOT EXISTS article_signatures (
    article_id TEXT PRIMARY KEY,
    minhash TEXT,
    copy_of TEXT,
    copy_similarity DOUBLE PRECISION,
    story_id TEXT,
    framed BOOLEAN
);
CREATE INDEX IF NOT EXISTS article_signatures_story ON article_signatures (story_id);

-- Outlet framing: each framing term an article uses, with the actor it modifies.
CREATE TABLE IF NOT EXISTS framing_terms (
    article_id TEXT NOT NULL,
    position INTEGER NOT NULL,
    outlet TEXT,
    actor TEXT,
    term TEXT,
    category TEXT,
    scare_quoted BOOLEAN,
    PRIMARY KEY (article_id, position)
);
CREATE INDEX IF NOT EXISTS framing_terms_actor ON framing_terms (actor);

-- Independent outlets per fused event need each source's copy group.
CREATE INDEX IF NOT EXISTS event_sources_article ON event_sources (article_id);
CREATE INDEX IF NOT EXISTS claims_article ON claims (article_id);
