"""Synthetic fused events, written by us, for tests, screenshots and demos of
the analyst surfaces. Nothing here is real reporting: outlets, sentences and
figures are invented. Rows go straight into the fused tables (articles,
events, event_sources, claims, event_revisions, stories).
"""
from __future__ import annotations

import hashlib
import json
import random
from datetime import date, timedelta

from sitroom.store import Store
from sitroom.store.base import utcnow

OUTLETS = ("Levant Monitor", "Northern Dispatch", "Orontes Wire", "Horan Free Voice", "Coastal Gazette")
# (admin1, country, iso3, location, lat, lon)
PLACES = (
    ("Idlib", "Syria", "SYR", "Ariha", 35.81, 36.61),
    ("Idlib", "Syria", "SYR", "Maarat al-Numan", 35.65, 36.67),
    ("Aleppo", "Syria", "SYR", "Al-Bab", 36.37, 37.52),
    ("Daraa", "Syria", "SYR", "Tafas", 32.74, 35.97),
    ("Deir ez-Zor", "Syria", "SYR", "Al-Mayadin", 35.02, 40.45),
    ("Hasakah", "Syria", "SYR", "Ras al-Ain", 36.85, 40.07),
    ("Raqqa", "Syria", "SYR", "Tal Abyad", 36.70, 38.95),
    ("Ninewa", "Iraq", "IRQ", "Tal Afar", 36.38, 42.45),
)
# (event_type, sub_event_type, actor1, actor2, sentence template)
KINDS = (
    ("Explosions/Remote violence", "Air/drone strike", "Military Forces of Russia", "Civilians",
     "Warplanes struck {loc} on {day}, killing {n} people, local rescuers said."),
    ("Battles", "Armed clash", "Military Forces of Syria", "Hayat Tahrir al-Sham",
     "Government troops and rebel fighters clashed near {loc} on {day}; {n} fighters were reported dead."),
    ("Explosions/Remote violence", "Remote explosive/landmine/IED", "Unidentified Armed Group", "Civilians",
     "A roadside bomb exploded in {loc} on {day}, and {n} people died, according to a local council."),
    ("Violence against civilians", "Attack", "Unidentified Armed Group", "Civilians",
     "Gunmen attacked a checkpoint in {loc} on {day}, leaving {n} dead."),
    ("Protests", "Peaceful protest", "Protesters", "",
     "Residents of {loc} gathered on {day} to protest against rising bread prices; nobody was hurt."),
    ("Strategic developments", "Arrests", "Military Forces of Syria", "Civilians",
     "Security forces detained several young men in {loc} on {day}."),
)
END = date(2019, 11, 30)
WEEKS = 16


def _insert(store: Store, into: str, rows: list[tuple]) -> None:
    """Multi-row INSERTs: DuckDB's executemany runs one statement per row, far slower."""
    for start in range(0, len(rows), 200):
        chunk = rows[start:start + 200]
        row = "(" + ", ".join("?" for _ in chunk[0]) + ")"
        store.execute(f"INSERT INTO {into} VALUES " + ", ".join(row for _ in chunk) + " ON CONFLICT DO NOTHING",
                      [v for r in chunk for v in r])


def _hex(*parts: str) -> str:
    return hashlib.sha1("|".join(parts).encode()).hexdigest()


def _article(store_rows: list, outlet: str, day: date, title: str, text: str, url: str) -> str:
    aid = _hex("article", outlet, title, text)[:16]
    store_rows.append((aid, _hex("content", text), _hex("raw", text), url, None, "synthetic", title,
                       day.isoformat(), outlet, None, "en", text, "[]", None, utcnow()))
    return aid


# How each invented outlet names the armed opposition: the framing table's raw material.
OUTLET_TERMS = {
    "Levant Monitor": ("rebels", "opposition fighters"),
    "Northern Dispatch": ("militants",),
    "Orontes Wire": ("terrorists", "militants"),
    "Horan Free Voice": ("revolutionaries", "rebels"),
    "Coastal Gazette": ("terrorists",),
}


def _framing_rows(articles: list[tuple], rng: random.Random) -> list[tuple]:
    rows = []
    for a in articles:
        outlet = a[8]
        for position, term in enumerate(OUTLET_TERMS.get(outlet, ())):
            if rng.random() < 0.6:
                category = "pejorative" if term in ("terrorists", "militants") else "neutral"
                rows.append((a[0], position, outlet, "Hayat Tahrir al-Sham", term, category, False))
    return rows


def populate_synthetic(store: Store, seed: int = 7, hostile: bool = False) -> dict:
    """Fill the store with invented events (16 weeks to 2019-11-30, with an
    escalation of air strikes in Idlib in the last four weeks). `hostile` adds
    an article and an event whose text carries HTML/script injection attempts.
    Returns {'events': n, 'contested_event': id, 'hostile_event': id or None}."""
    rng = random.Random(seed)
    articles, events, sources, claims, revisions, stories = [], [], [], [], [], []
    start = END - timedelta(weeks=WEEKS) + timedelta(days=1)
    story_ids = [_hex("story", str(i))[:12] for i in range(3)]
    for i, title in enumerate(("Idlib air campaign", "Daraa insecurity", "North-east border fighting")):
        stories.append((story_ids[i], title, start.isoformat(), END.isoformat(), 0, 0))
    contested_id = hostile_id = None
    n = 0
    for offset in range((END - start).days + 1):
        day = start + timedelta(days=offset)
        recent = day > END - timedelta(weeks=4)
        per_day = 2 if rng.random() < 0.5 else 1
        if recent:
            per_day += 1  # the escalation the outlook should detect (Idlib air strikes)
        for k in range(per_day):
            if recent and k == per_day - 1:
                place, kind = PLACES[rng.randrange(2)], KINDS[0]
            else:
                place, kind = rng.choice(PLACES), rng.choice(KINDS[1:])
            admin1, country, iso3, loc, lat, lon = place
            etype, sub, a1, a2, template = kind
            dead = 0 if etype in ("Protests", "Strategic developments") else rng.choice((0, 1, 2, 3, 5, 8, 12))
            text_sentence = template.format(loc=loc, day=day.strftime("%d %B"), n=dead)
            eid = "ev_" + _hex("event", day.isoformat(), str(k), loc)[:14]
            n_src = 1 + (rng.random() < 0.5) + (dead >= 8)
            outlets = rng.sample(OUTLETS, n_src)
            for j, outlet in enumerate(outlets):
                intro = f"{outlet} correspondents reported from {admin1} province."
                text = f"{intro} {text_sentence} The situation in the area remained tense."
                aid = _article(articles, outlet, day, f"{sub} in {loc}", text,
                               f"https://{outlet.lower().replace(' ', '-')}.example/{day:%Y/%m/%d}/{eid[3:11]}-{j}")
                begin = len(intro) + 1
                span = {"text": text_sentence, "start": begin, "end": begin + len(text_sentence)}
                sources.append((eid, f"{aid}:{begin}", aid, outlet, day.isoformat(), dead, json.dumps([span])))
            story = story_ids[0] if admin1 == "Idlib" else story_ids[1] if admin1 == "Daraa" else story_ids[2]
            contested = False
            reasons: list[str] = []
            if contested_id is None and recent and sub == "Air/drone strike" and dead >= 5:
                contested, contested_id = True, eid
                reasons = ["Russian Defence Ministry denies the strike", "fatality figures differ between sources"]
                claim_aid = _article(
                    articles, "Orontes Wire", day, f"Ministry denies strike on {loc}",
                    f"The Russian Defence Ministry said on {day:%d %B} that its aircraft carried out no strikes "
                    f"near {loc}. A local monitoring group said it had documented the strike and the deaths.",
                    f"https://orontes-wire.example/{day:%Y/%m/%d}/denial",
                )
                claims.append((_hex("claim", eid, "1")[:16], eid, None, claim_aid, "Russian Defence Ministry",
                               "denies", "occurrence", None, "its aircraft carried out no strikes", 0, 0))
                claims.append((_hex("claim", eid, "2")[:16], eid, None, claim_aid, "local monitoring group",
                               "asserts", "fatalities", str(dead), "it had documented the strike and the deaths", 0, 0))
                revisions.append((eid, 1, utcnow(), "new source", json.dumps({"fatalities": [dead - 2, dead]})))
            events.append((
                eid, day.isoformat(), 1, etype, sub, a1, "", 0, a2, "", 0, 0,
                "Civilian targeting" if a2 == "Civilians" and etype != "Strategic developments" else "",
                country, iso3, admin1, "", loc, lat + rng.uniform(-0.05, 0.05), lon + rng.uniform(-0.05, 0.05), 1,
                dead, dead, dead, text_sentence, 0.8, n_src, n_src, contested, json.dumps(reasons), story,
                day.isoformat(), day.isoformat(), 1 if contested else 0,
            ))
            n += 1
    if hostile:
        hostile_text = ('Witnesses said <script>alert("xss")</script> and <img src=x onerror=alert(1)> '
                        "were written on a wall in Tafas after a shelling attack killed 2 people.")
        aid = _article(articles, "Horan Free Voice", END, '<b onmouseover=alert(2)>Tafas</b> shelling',
                       hostile_text, "javascript:alert(3)")
        hostile_id = "ev_hostile_markup"
        span = {"text": hostile_text, "start": 0, "end": len(hostile_text)}
        sources.append((hostile_id, f"{aid}:0", aid, "Horan Free Voice", END.isoformat(), 2, json.dumps([span])))
        claims.append((_hex("claim", hostile_id)[:16], hostile_id, None, aid, '<img src=x onerror=alert(4)>',
                       "doubts", "occurrence", None, "<script>alert(5)</script>", 0, 0))
        events.append((
            hostile_id, END.isoformat(), 1, "Explosions/Remote violence", "Shelling/artillery/missile attack",
            '<img src=x onerror=alert(6)>', "", 0, "Civilians", "", 0, 0, "Civilian targeting", "Syria", "SYR",
            "Daraa", "", "Tafas <script>alert(7)</script>", 32.74, 35.97, 1, 2, 2, 2, hostile_text, 0.5, 1, 1,
            True, json.dumps(["<i>markup</i> in reason"]), story_ids[1], END.isoformat(), END.isoformat(), 0,
        ))
        n += 1
    framing = _framing_rows(articles, rng)
    try:
        store.scalar("SELECT count(*) FROM framing_terms")
    except Exception:  # noqa: BLE001 - the fusion stage's table is absent: no framing rows
        framing = []
    with store.transaction():
        _insert(store, "framing_terms ("
            "article_id, position, outlet, actor, term, category, scare_quoted)", framing)
        _insert(store, "articles ("
            "id, content_hash, raw_hash, url, ext_id, origin, title, published, outlet, author, "
            "language, text, removed_json, story_id, ingested_at)", articles)
        _insert(store, "events ("
            "id, event_date, time_precision, event_type, sub_event_type, actor1, assoc_actor_1, "
            "inter1, actor2, assoc_actor_2, inter2, interaction, civilian_targeting, country, iso3, "
            "admin1, admin2, location, latitude, longitude, geo_precision, fatalities, "
            "fatalities_low, fatalities_high, notes, confidence, n_sources, n_outlets, contested, "
            "contested_json, story_id, first_seen, last_updated, revision)", events)
        _insert(store, "event_sources ("
            "event_id, mention_id, article_id, outlet, published, fatalities, evidence_json)", sources)
        _insert(store, "claims ("
            "id, event_id, mention_id, article_id, speaker, stance, subject, value, text, "
            "span_start, span_end)", claims)
        _insert(store, "event_revisions ("
            "event_id, revision, revised_at, reason, changes_json)", revisions)
        _insert(store, "stories ("
            "id, title, first_published, last_published, n_articles, n_outlets)", stories)
    return {"events": n, "contested_event": contested_id, "hostile_event": hostile_id}
