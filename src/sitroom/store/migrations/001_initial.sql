-- sitroom schema v1. Portable SQL: runs unchanged on DuckDB and PostgreSQL.
-- JSON payloads are TEXT so both engines read them the same way.
CREATE TABLE IF NOT EXISTS articles (
    id TEXT PRIMARY KEY,
    content_hash TEXT NOT NULL UNIQUE,
    raw_hash TEXT NOT NULL,
    url TEXT,
    ext_id TEXT,
    origin TEXT,
    title TEXT,
    published TEXT,
    outlet TEXT,
    author TEXT,
    language TEXT,
    text TEXT NOT NULL,
    removed_json TEXT,
    story_id TEXT,
    ingested_at TEXT NOT NULL
);
CREATE INDEX IF NOT EXISTS articles_url ON articles (url);
CREATE INDEX IF NOT EXISTS articles_published ON articles (published);

CREATE TABLE IF NOT EXISTS comments (
    article_id TEXT NOT NULL,
    position INTEGER NOT NULL,
    author TEXT,
    text TEXT NOT NULL,
    PRIMARY KEY (article_id, position)
);

-- One row per event as one article reports it.
CREATE TABLE IF NOT EXISTS event_mentions (
    mention_id TEXT PRIMARY KEY,
    article_id TEXT NOT NULL,
    event_id TEXT,
    event_date TEXT,
    time_precision INTEGER,
    event_type TEXT,
    sub_event_type TEXT,
    actor1 TEXT,
    assoc_actor_1 TEXT,
    inter1 INTEGER,
    actor2 TEXT,
    assoc_actor_2 TEXT,
    inter2 INTEGER,
    interaction INTEGER,
    civilian_targeting TEXT,
    country TEXT,
    iso3 TEXT,
    admin1 TEXT,
    admin2 TEXT,
    location TEXT,
    latitude DOUBLE PRECISION,
    longitude DOUBLE PRECISION,
    geo_precision INTEGER,
    fatalities INTEGER,
    fatalities_low INTEGER,
    fatalities_high INTEGER,
    evidence_json TEXT,
    claims_json TEXT,
    notes TEXT,
    confidence DOUBLE PRECISION,
    outlet TEXT,
    published TEXT
);
CREATE INDEX IF NOT EXISTS mentions_article ON event_mentions (article_id);
CREATE INDEX IF NOT EXISTS mentions_event ON event_mentions (event_id);

-- Fused events: one real-world event, many sources.
CREATE TABLE IF NOT EXISTS events (
    id TEXT PRIMARY KEY,
    event_date TEXT,
    time_precision INTEGER,
    event_type TEXT,
    sub_event_type TEXT,
    actor1 TEXT,
    assoc_actor_1 TEXT,
    inter1 INTEGER,
    actor2 TEXT,
    assoc_actor_2 TEXT,
    inter2 INTEGER,
    interaction INTEGER,
    civilian_targeting TEXT,
    country TEXT,
    iso3 TEXT,
    admin1 TEXT,
    admin2 TEXT,
    location TEXT,
    latitude DOUBLE PRECISION,
    longitude DOUBLE PRECISION,
    geo_precision INTEGER,
    fatalities INTEGER,
    fatalities_low INTEGER,
    fatalities_high INTEGER,
    notes TEXT,
    confidence DOUBLE PRECISION,
    n_sources INTEGER,
    n_outlets INTEGER,
    contested BOOLEAN,
    contested_json TEXT,
    story_id TEXT,
    first_seen TEXT,
    last_updated TEXT,
    revision INTEGER
);
CREATE INDEX IF NOT EXISTS events_date ON events (event_date);
CREATE INDEX IF NOT EXISTS events_country ON events (country);

CREATE TABLE IF NOT EXISTS event_sources (
    event_id TEXT NOT NULL,
    mention_id TEXT NOT NULL,
    article_id TEXT NOT NULL,
    outlet TEXT,
    published TEXT,
    fatalities INTEGER,
    evidence_json TEXT,
    PRIMARY KEY (event_id, mention_id)
);

CREATE TABLE IF NOT EXISTS claims (
    id TEXT PRIMARY KEY,
    event_id TEXT,
    mention_id TEXT,
    article_id TEXT NOT NULL,
    speaker TEXT,
    stance TEXT,
    subject TEXT,
    value TEXT,
    text TEXT,
    span_start INTEGER,
    span_end INTEGER
);
CREATE INDEX IF NOT EXISTS claims_event ON claims (event_id);

CREATE TABLE IF NOT EXISTS event_revisions (
    event_id TEXT NOT NULL,
    revision INTEGER NOT NULL,
    revised_at TEXT NOT NULL,
    reason TEXT,
    changes_json TEXT,
    PRIMARY KEY (event_id, revision)
);

CREATE TABLE IF NOT EXISTS stories (
    id TEXT PRIMARY KEY,
    title TEXT,
    first_published TEXT,
    last_published TEXT,
    n_articles INTEGER,
    n_outlets INTEGER
);

-- Which articles extraction has processed (with no events found, too), so a
-- resumed or repeated run skips them.
CREATE TABLE IF NOT EXISTS extraction_runs (
    article_id TEXT PRIMARY KEY,
    extractor_version TEXT,
    n_events INTEGER,
    processed_at TEXT
);
