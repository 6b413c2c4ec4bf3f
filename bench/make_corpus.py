#!/usr/bin/env python3
"""Write a synthetic conflict-news corpus for scale tests and benchmarks.

    python bench/make_corpus.py --n 100000 --format jsonl --out /tmp/c.jsonl [--seed 1]
    python bench/make_corpus.py --n 10000 --format warc --out /tmp/c.warc.gz

Articles are HTML pages built from our own templates (bench/templates/
corpus_vocab.json): outlet furniture, a headline, a lead with place, actors,
weekday and a casualty figure, details, quotes, background, boilerplate, and
reader comments on about 20 % of pages. About 5 % of pages repeat an earlier
article verbatim (half re-crawls of the same URL, half syndicated copies under
another outlet) and about 10 % rewrite an earlier event in other words.

Streaming: constant memory whatever --n (article k is regenerated from
(seed, k) when a later page copies it). A manifest with the counts goes to
PATH.manifest.json and to stderr.
"""
from __future__ import annotations

import argparse
import gzip
import json
import random
import sys
import uuid
import zlib
from datetime import date, timedelta
from html import escape
from pathlib import Path
from typing import IO, Iterator

VOCAB_PATH = Path(__file__).resolve().parent / "templates" / "corpus_vocab.json"
DUPLICATE_SHARE = 0.05
REWRITE_SHARE = 0.10
COMMENT_SHARE = 0.20
WINDOW = 2000  # copies and rewrites pick a source among the last WINDOW articles
FIRST_DAY = date(2017, 1, 1)
DAYS = 8 * 365


class CorpusGenerator:
    """Article k of a corpus is a pure function of (seed, k)."""

    def __init__(self, seed: int = 1, vocab_path: Path = VOCAB_PATH):
        self.seed = seed
        self.v = json.loads(vocab_path.read_text(encoding="utf-8"))

    def _rng(self, *parts) -> random.Random:
        return random.Random(":".join(str(p) for p in (self.seed, *parts)))

    def kind(self, k: int) -> str:
        """'original', 'duplicate' or 'rewrite'."""
        if k < 20:
            return "original"
        u = self._rng("kind", k).random()
        if u < DUPLICATE_SHARE:
            return "duplicate"
        if u < DUPLICATE_SHARE + REWRITE_SHARE:
            return "rewrite"
        return "original"

    def source(self, k: int) -> int:
        """The original article a copy or rewrite of article k is based on."""
        j = k - 1 - self._rng("source", k).randrange(min(k, WINDOW))
        while self.kind(j) != "original":
            j -= 1
        return j

    # --- content ---------------------------------------------------------
    def _event(self, j: int) -> dict:
        """The facts of original article j (shared by its copies and rewrites)."""
        r = self._rng("event", j)
        ev = r.choice(self.v["events"])
        place = r.choice(self.v["places"])
        a = self.v["actors"]
        published = FIRST_DAY + timedelta(days=r.randrange(DAYS))
        happened = published - timedelta(days=r.choice([0, 0, 1, 1, 2]))
        n = 0 if ev["kind"] == "protest" else r.choice([1, 2, 3, 4, 5, 6, 7, 8, 9, 11, 12, 15, 17, 20, 23, 34, 41])
        return {
            "kind": ev["kind"], "ev": ev, "place": place["name"], "admin1": place["admin1"],
            "country": place["country"], "n": n, "published": published, "happened": happened,
            "weekday": self.v["weekdays"][happened.weekday()],
            "state": r.choice(a["state"]), "air": r.choice(a["air"]), "armed": r.choice(a["armed_group"]),
            "civilians": r.choice(a["civilians"]), "protesters": r.choice(a["protesters"]),
            "monitor": r.choice(a["monitors"]), "incidents": 1000 + j,
        }

    def _fill(self, template: str, e: dict) -> str:
        words = self.v["number_words"]
        slots = {
            "place": e["place"], "admin1": e["admin1"], "weekday": e["weekday"], "n": str(e["n"]),
            "N_word": words[e["n"]] if e["n"] < len(words) else str(e["n"]),
            "air": e["air"], "Air": e["air"].capitalize(), "state": e["state"], "State": e["state"].capitalize(),
            "armed": e["armed"], "Armed": e["armed"][0].upper() + e["armed"][1:], "civilians": e["civilians"],
            "protesters": e["protesters"], "Protesters": e["protesters"].capitalize(), "monitor": e["monitor"],
        }
        return template.format(**slots)

    def _body(self, e: dict, r: random.Random, rewrite: bool) -> tuple[str, list[str]]:
        ev = e["ev"]
        leads = list(ev["leads"])
        lead_index = r.randrange(len(leads))
        lead = self._fill(leads[lead_index], e)
        if rewrite:
            lead = f"{r.choice(self.v['rewrite_openers'])} {lead[0].lower()}{lead[1:]}"
        paras = [lead]
        details = r.sample(ev["details"], 2)
        paras.append(" ".join(details))
        paras.append(
            f"{e['monitor'][0].upper()}{e['monitor'][1:]} said it had documented {e['incidents']:,} "
            f"violent incidents in {e['admin1']} since it began keeping records."
        )
        paras.extend(r.sample(self.v["quotes"], r.choice([1, 1, 2])))
        paras.extend(r.sample(self.v["background"], r.choice([1, 2, 3])))
        if rewrite:
            paras.append(r.choice(self.v["rewrite_closers"]))
        if e["n"]:
            title = r.choice([
                f"{e['n']} killed in {e['place']}", f"{e['kind'].capitalize()} kills {e['n']} in {e['place']}",
                f"Deadly {e['kind']} in {e['place']}, {e['admin1']}",
            ])
        else:
            title = f"Protest in {e['place']} over living conditions"
        return title, paras

    def article(self, k: int) -> dict:
        """Article k as a record: id, url, title, published, source, html, and its kind."""
        kind = self.kind(k)
        j = k if kind == "original" else self.source(k)
        e = self._event(j)
        r = self._rng("text", j if kind != "rewrite" else f"rw{k}")
        title, paras = self._body(e, r, rewrite=(kind == "rewrite"))
        recrawl = kind == "duplicate" and self._rng("recrawl", k).random() < 0.5
        pub = e["published"] + timedelta(days=1 if kind != "original" and not recrawl else 0)
        page_key = j if recrawl else k  # a re-crawl is the same page, byte for byte
        pr = self._rng("page", page_key)
        outlet = pr.choice(self.v["outlets"])
        url = f"https://{outlet['domain']}/{pub:%Y/%m}/{e['place'].lower().replace(' ', '-')}-{page_key}"
        comments = self._comments(pr) if pr.random() < COMMENT_SHARE else []
        return {
            "id": f"syn-{self.seed}-{page_key}", "url": url, "title": title,
            "published": pub.isoformat(),
            "source": outlet["name"], "html": self._html(title, paras, outlet["name"], pub, comments, pr),
            "kind": kind, "of": j,
        }

    def _comments(self, r: random.Random) -> list[tuple[str, str]]:
        c = self.v["comments"]
        return [(r.choice(c["authors"]), r.choice(c["texts"])) for _ in range(r.randint(1, 5))]

    def _html(self, title: str, paras: list[str], outlet: str, pub: date, comments, r: random.Random) -> str:
        b = self.v["boilerplate"]
        nav = "".join(f'<li><a href="/{w.lower().replace(" ", "-")}">{w}</a></li>' for w in b["nav"])
        share = "".join(f'<a class="share-btn" href="#">{s}</a>' for s in b["share"])
        body = "\n".join(f"<p>{escape(p)}</p>" for p in paras)
        read_next = "".join(f"<li>{escape(x)}</li>" for x in r.sample(b["read_next"], 2))
        out = [
            "<!DOCTYPE html>", '<html lang="en"><head><meta charset="utf-8">',
            f"<title>{escape(title)} | {escape(outlet)}</title>",
            f'<meta property="og:site_name" content="{escape(outlet)}">',
            f'<meta property="article:published_time" content="{pub.isoformat()}T09:00:00Z">',
            "</head><body>",
            f'<header><div class="logo">{escape(outlet)}</div><nav><ul>{nav}</ul></nav></header>',
            "<main><article>", f"<h1>{escape(title)}</h1>",
            f'<p class="byline">By Staff Reporter | {pub:%d %B %Y}</p>',
            f'<div class="share">{share}</div>', body,
            f'<aside class="read-next"><ul>{read_next}</ul></aside>',
            f'<p class="appeal">{escape(r.choice(b["appeal"]))}</p>',
            f'<p class="licence">{escape(r.choice(b["licence"]))}</p>', "</article>",
        ]
        if comments:
            out.append(f'<section class="comments" id="comments"><h2>Comments ({len(comments)})</h2>')
            out.extend(
                f'<div class="comment"><span class="comment-author">{escape(a)}</span><p>{escape(t)}</p></div>'
                for a, t in comments
            )
            out.append("</section>")
        out.append(f"</main><footer><p>&copy; {pub.year} {escape(outlet)}. {escape(b['licence'][0])}</p></footer>")
        out.append("</body></html>")
        return "\n".join(out)

    def articles(self, n: int) -> Iterator[dict]:
        for k in range(n):
            yield self.article(k)


# --- writers -------------------------------------------------------------
def write_jsonl(records: Iterator[dict], fh: IO[bytes]) -> None:
    for rec in records:
        row = {k: rec[k] for k in ("id", "url", "title", "published", "source", "html")}
        fh.write(json.dumps(row, ensure_ascii=False).encode("utf-8") + b"\n")


def _gzip_member(data: bytes) -> bytes:
    z = zlib.compressobj(6, zlib.DEFLATED, 31)
    return z.compress(data) + z.flush()


def warc_record(warc_type: str, uri: str | None, when: str, content_type: str, block: bytes,
                record_id: str) -> bytes:
    head = [
        "WARC/1.0", f"WARC-Type: {warc_type}", f"WARC-Date: {when}",
        f"WARC-Record-ID: <urn:uuid:{record_id}>",
    ]
    if uri:
        head.append(f"WARC-Target-URI: {uri}")
    head += [f"Content-Type: {content_type}", f"Content-Length: {len(block)}"]
    return ("\r\n".join(head) + "\r\n\r\n").encode("utf-8") + block + b"\r\n\r\n"


def write_warc(records: Iterator[dict], fh: IO[bytes], seed: int) -> None:
    """WARC/1.0, one gzip member per record (CC-NEWS style), a warcinfo first."""
    info = b"software: sitroom bench/make_corpus.py\r\nformat: WARC File Format 1.0\r\n"
    fh.write(_gzip_member(warc_record("warcinfo", None, "2024-01-01T00:00:00Z",
                                      "application/warc-fields", info, str(uuid.UUID(int=seed)))))
    for n, rec in enumerate(records):
        body = rec["html"].encode("utf-8")
        http = (
            "HTTP/1.1 200 OK\r\nContent-Type: text/html; charset=utf-8\r\n"
            f"Content-Length: {len(body)}\r\n\r\n"
        ).encode("ascii") + body
        rid = str(uuid.UUID(int=(seed << 64) + n + 1))
        fh.write(_gzip_member(warc_record("response", rec["url"], f"{rec['published']}T12:00:00Z",
                                          "application/http; msgtype=response", http, rid)))


def make_corpus(n: int, fmt: str, out: str | Path, seed: int = 1) -> dict:
    """Write the corpus; return (and save next to it) its manifest."""
    gen = CorpusGenerator(seed)
    counts = {"original": 0, "duplicate": 0, "rewrite": 0, "with_comments": 0}

    def counted() -> Iterator[dict]:
        for rec in gen.articles(n):
            counts[rec["kind"]] += 1
            counts["with_comments"] += 'class="comments"' in rec["html"]
            yield rec

    out = Path(out)
    out.parent.mkdir(parents=True, exist_ok=True)
    opener = gzip.open if (fmt == "jsonl" and out.suffix == ".gz") else open
    with opener(out, "wb") as fh:
        if fmt == "jsonl":
            write_jsonl(counted(), fh)
        elif fmt == "warc":
            write_warc(counted(), fh, seed)
        else:
            raise SystemExit(f"unknown format {fmt!r} (jsonl or warc)")
    manifest = {
        "n": n, "format": fmt, "seed": seed, "path": str(out), "bytes": out.stat().st_size,
        "originals": counts["original"], "exact_duplicates": counts["duplicate"],
        "rewrites": counts["rewrite"], "with_comments": counts["with_comments"],
        "distinct_articles": counts["original"] + counts["rewrite"],
    }
    Path(str(out) + ".manifest.json").write_text(json.dumps(manifest, indent=2) + "\n", encoding="utf-8")
    return manifest


def main(argv: list[str] | None = None) -> int:
    p = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    p.add_argument("--n", type=int, required=True, help="number of articles (pages)")
    p.add_argument("--format", choices=("jsonl", "warc"), default="jsonl")
    p.add_argument("--out", required=True, help="output file (.jsonl, .jsonl.gz, .warc.gz)")
    p.add_argument("--seed", type=int, default=1)
    args = p.parse_args(argv)
    manifest = make_corpus(args.n, args.format, args.out, args.seed)
    print(json.dumps(manifest), file=sys.stderr)
    return 0


if __name__ == "__main__":
    sys.exit(main())
