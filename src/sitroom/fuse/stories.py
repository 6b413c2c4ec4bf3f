"""Stories: articles grouped by near-duplicate text (rewrites and syndicated copies).

Incremental: each article not yet seen gets a MinHash signature (stored in
article_signatures), is looked up in an LSH index of every stored signature,
and joins the story of its nearest duplicate; an article that links two
stories merges them into the older one. A near-verbatim copy also records
`copy_of`, so fusion counts it once however many outlets carry it.

Story ids are stable: "st-" + the id of the story's first article.
"""
from __future__ import annotations

import logging
from collections import defaultdict

from sitroom.dedup.minhash import (
    COPY_THRESHOLD,
    NearDuplicateIndex,
    minhash_signature,
    signature_from_text,
    signature_to_text,
)
from sitroom.fuse.repository import delete_in, insert_rows, update_by_key
from sitroom.store import Store

log = logging.getLogger(__name__)
BATCH = 500


def story_id_for(article_id: str) -> str:
    return "st-" + article_id


def group_stories(store: Store) -> list[str]:
    """Give every new article a story (and a copy_of if it is a syndicated copy).
    Returns the ids of the stories created or changed."""
    new_rows = store.query(
        "SELECT a.id, a.text, a.published FROM articles a WHERE NOT EXISTS "
        "(SELECT 1 FROM article_signatures s WHERE s.article_id = a.id) ORDER BY a.published, a.id"
    )
    if not new_rows:
        return []
    index = NearDuplicateIndex()
    story_of: dict[str, str] = {}
    for r in store.query("SELECT article_id, minhash, story_id FROM article_signatures"):
        index.add(r["article_id"], signature_from_text(r["minhash"]))
        story_of[r["article_id"]] = r["story_id"]
    touched: set[str] = set()
    new_signatures: list[tuple] = []
    renames: dict[str, str] = {}

    def resolve(sid: str) -> str:
        while sid in renames:
            sid = renames[sid]
        return sid

    for r in new_rows:
        sig = minhash_signature(r["text"] or "")
        dups = index.near_duplicates(sig, exclude=r["id"])
        index.add(r["id"], sig)
        stories = sorted({resolve(story_of[d.other_id]) for d in dups if d.other_id in story_of})
        story = stories[0] if stories else story_id_for(r["id"])
        for other in stories[1:]:  # this article bridges stories: merge into the oldest id
            renames[other] = story
        story_of[r["id"]] = story
        copy = next((d for d in dups if d.similarity >= COPY_THRESHOLD), None)
        new_signatures.append((
            r["id"], signature_to_text(sig), copy.other_id if copy else None,
            copy.similarity if copy else None,
        ))
        touched.add(story)
        touched.update(stories)
    with store.transaction():
        insert_rows(
            store, "article_signatures", ("article_id", "minhash", "copy_of", "copy_similarity", "framed"),
            [row + (False,) for row in new_signatures],
        )
        new_ids = {row[0] for row in new_signatures}
        changed = [(resolve(sid), aid) for aid, sid in story_of.items() if aid in new_ids or resolve(sid) != sid]
        by_article = [(aid, sid) for sid, aid in changed]
        update_by_key(store, "article_signatures", "story_id", "article_id", by_article)
        update_by_key(store, "articles", "story_id", "id", by_article)
        stories = sorted({resolve(s) for s in touched})
        # Stories change in place by id (never deleted and re-inserted under one id in a
        # transaction: DuckDB's indexes mishandle that); ids merged into another story go.
        existing = {r["id"] for r in store.rows_by_keys("stories", "id", stories, columns="id")}
        rows = [_story_row(store, s) for s in stories]
        store.update_rows("stories", ("id",), _STORY_COLUMNS[1:], [r for r in rows if r[0] in existing])
        insert_rows(store, "stories", _STORY_COLUMNS, [r for r in rows if r[0] not in existing])
        merged_away = sorted(set(renames) - set(stories))
        if merged_away:
            delete_in(store, "stories", "id", merged_away)
    return stories


_STORY_COLUMNS = ("id", "title", "first_published", "last_published", "n_articles", "n_outlets")


def _story_row(store: Store, story_id: str) -> tuple:
    rows = store.query(
        "SELECT a.id, a.title, a.published, a.outlet, s.copy_of FROM articles a "
        "JOIN article_signatures s ON s.article_id = a.id WHERE s.story_id = ? ORDER BY a.published, a.id",
        (story_id,),
    )
    published = [r["published"] for r in rows if r["published"]]
    title = next((r["title"] for r in rows if r["title"]), None)
    return (
        story_id, title, min(published) if published else None, max(published) if published else None,
        len(rows), independent_outlet_count(rows),
    )


def independent_outlet_count(rows: list[dict]) -> int:
    """Outlets, counting an outlet once and a syndicated copy (copy_of) with its original.
    rows: dicts with id, outlet, copy_of."""
    parent: dict[str, str] = {}

    def find(x: str) -> str:
        parent.setdefault(x, x)
        while parent[x] != x:
            parent[x] = parent[parent[x]]
            x = parent[x]
        return x

    def union(a: str, b: str) -> None:
        ra, rb = find(a), find(b)
        if ra != rb:
            parent[max(ra, rb)] = min(ra, rb)

    for r in rows:
        art = "article:" + r["id"]
        find(art)
        if r.get("outlet"):
            union(art, "outlet:" + r["outlet"].strip().lower())
        if r.get("copy_of"):
            union(art, "article:" + r["copy_of"])
    roots = defaultdict(int)
    for r in rows:
        roots[find("article:" + r["id"])] += 1
    return len(roots)


def list_stories(store: Store, limit: int | None = None) -> list[dict]:
    """Stories, biggest and newest first: id, title, dates, n_articles, n_outlets."""
    sql = "SELECT * FROM stories ORDER BY n_articles DESC, last_published DESC, id"
    if limit:
        sql += f" LIMIT {int(limit)}"
    return store.query(sql)


def story_articles(store: Store, story_id: str) -> list[dict]:
    return store.query(
        "SELECT a.id, a.title, a.outlet, a.published, s.copy_of, s.copy_similarity FROM articles a "
        "JOIN article_signatures s ON s.article_id = a.id WHERE s.story_id = ? ORDER BY a.published, a.id",
        (story_id,),
    )
