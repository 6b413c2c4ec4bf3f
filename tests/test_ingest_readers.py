"""Readers for every input kind, on fixtures written for these tests."""
from __future__ import annotations

import gzip
import json
from pathlib import Path

import pytest

from sitroom.clean import clean_document
from sitroom.ingest import detect_format, read_inputs
from sitroom.ingest.csv_reader import parse_csv_map
from sitroom.errors import InputError

FIXTURES = Path(__file__).parent / "fixtures" / "ingest"
STORY = (
    "Armed men attacked a police checkpoint on the road to the town of Example on Sunday, "
    "killing two officers, the interior ministry said."
)


def read_all(paths, **options):
    errors: list[InputError] = []
    docs = list(read_inputs([str(p) for p in paths], on_error=errors.append, **options))
    return docs, errors


def warc_record(uri: str, html: str, charset: str = "utf-8") -> bytes:
    body = f"HTTP/1.1 200 OK\r\nContent-Type: text/html; charset={charset}\r\n\r\n".encode() + html.encode(charset)
    head = (
        "WARC/1.0\r\nWARC-Type: response\r\n"
        f"WARC-Target-URI: {uri}\r\nWARC-Date: 2022-01-01T00:00:00Z\r\n"
        f"WARC-Record-ID: <urn:uuid:00000000-0000-0000-0000-{abs(hash(uri)) % 10**12:012d}>\r\n"
        f"Content-Type: application/http; msgtype=response\r\nContent-Length: {len(body)}\r\n\r\n"
    ).encode()
    return head + body + b"\r\n\r\n"


def page(n: int) -> str:
    return f"<html><head><title>Story {n}</title></head><body><article><p>{STORY} Report number {n}.</p></article></body></html>"


def test_text_page():
    docs, errors = read_all([FIXTURES / "scraped_page.txt"])
    assert errors == [] and len(docs) == 1
    assert docs[0].fmt == "txt" and docs[0].text.startswith("Ten things to know")


def test_html_page_text_and_metadata():
    docs, errors = read_all([FIXTURES / "article.html"])
    assert errors == []
    article = clean_document(docs[0])
    assert article.title == "Drone strike hits convoy near Deir ez-Zor"
    assert article.published == "2022-06-14"
    assert article.author == "Sam Writer"
    assert article.outlet == "Example Herald"
    assert article.url == "https://herald.example.org/news/drone-strike-convoy"
    assert "killing five fighters" in article.text
    assert "Home" not in article.text and "All rights reserved" not in article.text
    assert [c.text for c in article.comments] == ["My cousin says it was an airstrike by jets, not a drone."]
    assert "airstrike by jets" not in article.text


def test_rss_feed_file():
    docs, errors = read_all([FIXTURES / "feed.rss"])
    assert errors == [] and len(docs) == 2
    first = clean_document(docs[0])
    assert first.url == "https://wire.example.org/clashes-south"
    assert first.published == "2022-03-03"
    assert first.outlet == "Example Wire"
    assert first.title == "Clashes reported in southern countryside"
    assert "Clashes broke out" in first.text


def test_jsonl_fields(tmp_path):
    path = tmp_path / "a.jsonl"
    rows = [
        {"id": "x1", "text": STORY, "title": "Checkpoint attack", "published": "2021-05-02", "source": "Reuters", "url": "https://r.example/1"},
        {"id": "x2", "html": f"<p>{STORY} Second report.</p>"},
    ]
    path.write_text("\n".join(json.dumps(r) for r in rows) + "\n", encoding="utf-8")
    docs, errors = read_all([path])
    assert errors == []
    assert [d.ext_id for d in docs] == ["x1", "x2"]
    assert [d.locator for d in docs] == ["line 1", "line 2"]
    article = clean_document(docs[0])
    assert (article.published, article.outlet, article.url, article.title) == ("2021-05-02", "Reuters", "https://r.example/1", "Checkpoint attack")
    assert "interior ministry" in clean_document(docs[1]).text


def test_jsonl_gz(tmp_path):
    path = tmp_path / "a.jsonl.gz"
    with gzip.open(path, "wt", encoding="utf-8") as fh:
        fh.write(json.dumps({"id": "g1", "text": STORY}) + "\n")
    docs, errors = read_all([path])
    assert errors == [] and docs[0].ext_id == "g1"


def test_csv_with_column_map(tmp_path):
    path = tmp_path / "news.csv"
    path.write_text(
        'headline,body,day,link\n"Checkpoint attack","' + STORY + '",2021-05-02,https://x.example/1\n',
        encoding="utf-8",
    )
    docs, errors = read_all([path], csv_map="title=headline,published=day")
    assert errors == []
    assert (docs[0].title, docs[0].published, docs[0].url) == ("Checkpoint attack", "2021-05-02", "https://x.example/1")
    assert docs[0].text == STORY  # 'body' is a default name for the text column


def test_csv_map_errors(tmp_path):
    with pytest.raises(InputError, match="FIELD=COLUMN"):
        parse_csv_map("text")
    with pytest.raises(InputError, match="unknown field"):
        parse_csv_map("colour=red")
    path = tmp_path / "news.csv"
    path.write_text("a,b\n1,2\n", encoding="utf-8")
    docs, errors = read_all([path])
    assert docs == [] and "no text column" in str(errors[0])


def test_csv_cp1252(tmp_path):
    path = tmp_path / "news.csv"
    path.write_bytes(("text\n\"Le café était fermé – les frappes ont touché la ville d’Alep hier soir.\"\n").encode("cp1252"))
    docs, errors = read_all([path])
    assert errors == [] and "café" in docs[0].text and "–" in docs[0].text


def test_warc_and_warc_gz(tmp_path):
    records = [warc_record(f"https://site.example/{n}", page(n)) for n in range(3)]
    plain = tmp_path / "news.warc"
    plain.write_bytes(b"".join(records))
    packed = tmp_path / "news.warc.gz"
    packed.write_bytes(b"".join(gzip.compress(r) for r in records))
    for path in (plain, packed):
        docs, errors = read_all([path])
        assert errors == []
        assert [d.url for d in docs] == [f"https://site.example/{n}" for n in range(3)]
        assert "Report number 2" in clean_document(docs[2]).text


def test_directory_is_read_recursively(tmp_path):
    (tmp_path / "a" / "b").mkdir(parents=True)
    (tmp_path / "a" / "one.txt").write_text(STORY, encoding="utf-8")
    (tmp_path / "a" / "b" / "two.html").write_text(page(2), encoding="utf-8")
    (tmp_path / "a" / "b" / "image.png").write_bytes(b"\x89PNG\r\n\x1a\n\x00\x00")
    (tmp_path / ".hidden.txt").write_text(STORY, encoding="utf-8")
    docs, errors = read_all([tmp_path])
    assert errors == []
    assert sorted(Path(d.origin).name for d in docs) == ["one.txt", "two.html"]


def test_format_sniffing(tmp_path):
    (tmp_path / "noext").write_text(page(1), encoding="utf-8")
    (tmp_path / "feed.xml").write_bytes((FIXTURES / "feed.rss").read_bytes())
    (tmp_path / "plain").write_text(STORY, encoding="utf-8")
    assert detect_format(str(tmp_path / "noext")) == "html"
    assert detect_format(str(tmp_path / "feed.xml")) == "rss"
    assert detect_format(str(tmp_path / "plain")) == "txt"


def test_missing_path_is_reported_and_run_goes_on(tmp_path):
    good = tmp_path / "good.txt"
    good.write_text(STORY, encoding="utf-8")
    docs, errors = read_all([tmp_path / "missing.txt", good])
    assert len(docs) == 1
    assert str(errors[0]) == f"{tmp_path / 'missing.txt'}: no such file or directory"


def test_atom_feed(tmp_path):
    path = tmp_path / "feed.atom"
    path.write_text(
        '<?xml version="1.0" encoding="utf-8"?>\n<feed xmlns="http://www.w3.org/2005/Atom"><title>Atom Desk</title>'
        '<id>urn:x</id><updated>2023-01-02T00:00:00Z</updated>'
        '<entry><title>Ambush on patrol</title><id>urn:x:1</id><link href="https://atom.example/1"/>'
        '<published>2023-01-02T08:00:00Z</published><updated>2023-01-02T08:00:00Z</updated>'
        f'<content type="html">&lt;p&gt;{STORY}&lt;/p&gt;</content></entry></feed>',
        encoding="utf-8",
    )
    docs, errors = read_all([path])
    assert errors == []
    article = clean_document(docs[0])
    assert (article.url, article.published, article.outlet, article.title) == (
        "https://atom.example/1", "2023-01-02", "Atom Desk", "Ambush on patrol")
    assert article.text == STORY


def test_html_with_declared_legacy_charset(tmp_path):
    arabic = "قصفت الطائرات الحربية مدينة إدلب صباح اليوم وقتل عشرة مدنيين على الأقل بحسب مصادر محلية في المدينة."
    html = f'<html><head><meta charset="windows-1256"><title>إدلب</title></head><body><article><p>{arabic}</p></article></body></html>'
    path = tmp_path / "ar.html"
    path.write_bytes(html.encode("cp1256"))
    docs, errors = read_all([path])
    article = clean_document(docs[0])
    assert errors == [] and arabic in article.text and article.language == "ar" and not article.is_english
