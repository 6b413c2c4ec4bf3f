"""Stories: an article that bridges two stories merges them, in place, with no stale row."""
from __future__ import annotations

from sitroom import api
from sitroom.store import open_store

MARKET = (
    "Artillery shells struck the covered vegetable market in the old quarter of Qarn Hamid on Tuesday "
    "morning, wrecking dozens of stalls and killing four traders, the local council said. Residents "
    "pulled the wounded from under fallen awnings while ambulances waited at the edge of the square. "
    "The council blamed the battery stationed on the southern ridge and asked for the wounded to be "
    "moved to the coastal hospital, which has more beds and a working generator. "
)
DAM = (
    "Engineers reopened the spillway of the Tell Sabra dam after a week of repairs to the western "
    "gate, the water authority announced, and farmers downstream were told to expect irrigation "
    "flows by Friday. The authority said the turbines would stay idle until inspectors had checked "
    "the cracked housing and that drinking water to the three nearby towns was not affected. "
)


def test_an_article_bridging_two_stories_merges_them(tmp_path) -> None:
    (tmp_path / "a.txt").write_text(MARKET * 2, encoding="utf-8")
    (tmp_path / "b.txt").write_text(DAM * 2, encoding="utf-8")
    db = str(tmp_path / "s.duckdb")
    api.ingest([str(tmp_path / "a.txt"), str(tmp_path / "b.txt")], db=db)
    with open_store(db) as store:
        assert store.count("stories") == 2
    (tmp_path / "c.txt").write_text(MARKET + DAM, encoding="utf-8")  # a round-up telling both
    api.ingest([str(tmp_path / "c.txt")], db=db)
    with open_store(db) as store:
        stories = store.query("SELECT id, n_articles FROM stories")
        story_ids = {r["story_id"] for r in store.query("SELECT story_id FROM articles")}
    assert len(stories) == 1 and stories[0]["n_articles"] == 3
    assert story_ids == {stories[0]["id"]}
