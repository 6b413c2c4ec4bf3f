"""Bad inputs: each gives one line naming the input and the problem; the run
goes on with the others; good documents are kept; nothing else escapes."""
from __future__ import annotations

import gzip
import json
import os

import pytest
from click.testing import CliRunner
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from sitroom.clean import clean_document
from sitroom.errors import InputError, SitroomError
from sitroom.ingest import read_inputs

STORY = (
    "Unidentified gunmen opened fire on a bus carrying workers near the village of Example on Friday, "
    "killing three of them, according to local sources."
)
ARABIC = (
    "قصفت الطائرات الحربية مدينة إدلب صباح اليوم وقتل عشرة مدنيين على الأقل بحسب مصادر محلية في المدينة. "
    "وقال الدفاع المدني إن فرق الإنقاذ تعمل على انتشال الضحايا من تحت الأنقاض."
)


def read_all(*paths, **options):
    errors: list[InputError] = []
    docs = list(read_inputs([str(p) for p in paths], on_error=errors.append, **options))
    return docs, errors


def one_error(path, **options) -> str:
    docs, errors = read_all(path, **options)
    assert docs == [] and len(errors) == 1, (docs, errors)
    message = str(errors[0])
    assert "\n" not in message and str(path) in message
    return message


def test_empty_file(tmp_path):
    for name in ("empty.txt", "empty.html", "empty.jsonl", "empty.csv", "empty.warc"):
        (tmp_path / name).write_bytes(b"")
        assert "empty file" in one_error(tmp_path / name)


def test_whitespace_only_file(tmp_path):
    (tmp_path / "blank.txt").write_text("  \n\n \t\n", encoding="utf-8")
    assert "empty" in one_error(tmp_path / "blank.txt")


def test_binary_file(tmp_path):
    path = tmp_path / "photo.txt"
    path.write_bytes(b"\x89PNG\r\n\x1a\n" + bytes(range(256)) * 8)
    assert "binary" in one_error(path)


@pytest.mark.parametrize("encoding, text", [
    ("cp1252", "Le café était fermé – les frappes “aériennes” ont touché la ville d’Alep hier soir."),
    ("latin-1", "Die Straße nach Köln war gesperrt, während die Behörden über die Lage berichteten."),
    ("cp1256", ARABIC),
])
def test_legacy_encodings_are_decoded(tmp_path, encoding, text):
    path = tmp_path / "page.txt"
    path.write_bytes(text.encode(encoding))
    docs, errors = read_all(path)
    assert errors == [] and docs[0].text == text


def test_cp1256_arabic_is_stored_as_arabic_and_flagged(tmp_path):
    path = tmp_path / "arabic.txt"
    path.write_bytes(ARABIC.encode("cp1256"))
    docs, _ = read_all(path)
    article = clean_document(docs[0])
    assert article.language == "ar" and not article.is_english
    assert "إدلب" in article.text


@pytest.mark.parametrize("encoding", ["utf-16", "utf-8-sig", "utf-16-be"])
def test_bom_encodings(tmp_path, encoding):
    path = tmp_path / "bom.txt"
    data = STORY.encode(encoding)
    if encoding == "utf-16-be":
        data = b"\xfe\xff" + data
    path.write_bytes(data)
    docs, errors = read_all(path)
    assert errors == [] and docs[0].text == STORY


def test_invalid_utf8(tmp_path):
    path = tmp_path / "broken.txt"
    path.write_bytes(("Caf\u00e9 " + STORY).encode("utf-8") + b" \xe2\x80 broken \xff\xfe tail")
    message = one_error(path)
    assert "invalid UTF-8" in message


def test_100_mb_page_is_refused_unread(tmp_path):
    path = tmp_path / "huge.txt"
    with open(path, "wb") as fh:  # sparse: instant to write
        fh.truncate(100 * 1024 * 1024)
    message = one_error(path)
    assert "file too large" in message
    html = tmp_path / "huge.html"
    os.link(path, html)
    assert "file too large" in one_error(html)


def test_100_mb_jsonl_streams_and_keeps_good_lines(tmp_path):
    path = tmp_path / "big.jsonl"
    good = json.dumps({"id": "ok", "text": STORY}) + "\n"
    with open(path, "wb") as fh:
        fh.write(good.encode())
        fh.truncate(100 * 1024 * 1024)  # one ~100 MB line of NULs follows
        fh.seek(0, 2)
        fh.write(b"\n" + json.dumps({"id": "tail", "text": STORY + " Again."}).encode() + b"\n")
    docs, errors = read_all(path)
    assert [d.ext_id for d in docs] == ["ok", "tail"]
    assert len(errors) == 1 and "line 2" in str(errors[0]) and "longer than" in str(errors[0])


def test_malformed_html(tmp_path):
    path = tmp_path / "broken.html"
    path.write_text("<html><body><div><<<>>></div><script>var x = 1;</script><p></p>", encoding="utf-8")
    docs, errors = read_all(path)
    assert errors == [] and len(docs) == 1  # the reader reads it; cleaning finds no text
    with pytest.raises(InputError, match="malformed HTML"):
        clean_document(docs[0])
    (tmp_path / "notags.html").write_text("just words", encoding="utf-8")
    assert "no tags" in one_error(tmp_path / "notags.html")


def test_unclosed_html_tags_still_read(tmp_path):
    path = tmp_path / "sloppy.html"
    path.write_text(f"<html><body><div><p>{STORY}<p>A second paragraph follows here without closing tags", encoding="utf-8")
    docs, _ = read_all(path)
    assert "killing three of them" in clean_document(docs[0]).text


def test_jsonl_with_broken_lines(tmp_path):
    path = tmp_path / "mixed.jsonl"
    lines = [
        json.dumps({"id": "a", "text": STORY}),
        '{"id": "b", "text": "unterminated',
        json.dumps(["not", "an", "object"]),
        json.dumps({"id": "d", "title": "no text"}),
        "",
        json.dumps({"id": "f", "text": STORY + " Second."}),
    ]
    path.write_bytes("\n".join(lines).encode() + b"\n" + b'{"id": "g", "text": "\xff\xfe"}\n')
    docs, errors = read_all(path)
    assert [d.ext_id for d in docs] == ["a", "f"]
    messages = [str(e) for e in errors]
    assert messages[0].startswith(f"{path}:line 2: invalid JSON")
    assert messages[1].startswith(f"{path}:line 3: expected a JSON object")
    assert messages[2].startswith(f"{path}:line 4: no 'text' or 'html'")
    assert messages[3].startswith(f"{path}:line 7: invalid UTF-8")


def _warc_record(uri: str) -> bytes:
    html = f"<html><body><p>{STORY} {uri}</p></body></html>"
    body = b"HTTP/1.1 200 OK\r\nContent-Type: text/html\r\n\r\n" + html.encode()
    head = (
        f"WARC/1.0\r\nWARC-Type: response\r\nWARC-Target-URI: {uri}\r\n"
        f"WARC-Record-ID: <urn:uuid:{uri[-1]}>\r\nContent-Length: {len(body)}\r\n\r\n"
    ).encode()
    return head + body + b"\r\n\r\n"


def test_truncated_warc_keeps_whole_records(tmp_path):
    data = b"".join(_warc_record(f"https://e.example/{n}") for n in range(3))
    plain = tmp_path / "cut.warc"
    plain.write_bytes(data[:-60])
    packed = tmp_path / "cut.warc.gz"
    packed.write_bytes(b"".join(gzip.compress(_warc_record(f"https://e.example/{n}")) for n in range(3))[:-25])
    for path in (plain, packed):
        docs, errors = read_all(path)
        assert [d.url for d in docs] == ["https://e.example/0", "https://e.example/1"]
        assert len(errors) == 1 and "truncated" in str(errors[0]) and str(path) in str(errors[0])


def test_garbage_warc(tmp_path):
    path = tmp_path / "junk.warc"
    path.write_bytes(b"WARC/1.0\r\nthis is not a header\r\n\r\n" + os.urandom(64))
    assert "WARC" in one_error(path)


def test_truncated_gzip_jsonl(tmp_path):
    path = tmp_path / "cut.jsonl.gz"
    full = gzip.compress("".join(json.dumps({"id": str(n), "text": STORY * 20}) + "\n" for n in range(50)).encode())
    path.write_bytes(full[: len(full) // 2])
    docs, errors = read_all(path)
    assert 0 < len(docs) < 50
    assert len(errors) == 1 and "truncated or corrupt gzip" in str(errors[0])


def test_batch_goes_on_and_cli_exits_1(tmp_path):
    from sitroom.cli import main
    from sitroom.store import open_store

    (tmp_path / "in").mkdir()
    (tmp_path / "in" / "good.txt").write_text(STORY, encoding="utf-8")
    (tmp_path / "in" / "empty.txt").write_bytes(b"")
    (tmp_path / "in" / "bad.jsonl").write_text('{"id": 1, "text": "' + STORY + ' From JSONL."}\n{oops\n', encoding="utf-8")
    db = str(tmp_path / "x.duckdb")
    result = CliRunner().invoke(main, ["ingest", str(tmp_path / "in"), "--db", db, "--quiet", "--no-extract"])
    assert result.exit_code == 1
    error_lines = [line for line in result.stderr.splitlines() if line.startswith("error:")]
    assert len(error_lines) == 2
    assert any("empty.txt: empty file" in line for line in error_lines)
    assert any("bad.jsonl:line 2: invalid JSON" in line for line in error_lines)
    assert "2 added" in result.stderr and "2 errors" in result.stderr
    again = CliRunner().invoke(main, ["ingest", str(tmp_path / "in"), "--db", db, "--quiet", "--no-extract"])
    assert again.exit_code == 1 and "0 added, 2 already stored" in again.stderr
    with open_store(db) as store:
        assert store.count("articles") == 2


# --- property-based: random bytes never raise anything but SitroomError ----------------------

SUFFIXES = [".txt", ".html", ".jsonl", ".csv", ".warc", ".warc.gz", ".rss", ".jsonl.gz", ""]


@settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(data=st.binary(max_size=2048), suffix=st.sampled_from(SUFFIXES))
def test_random_bytes_only_raise_our_errors(tmp_path, data, suffix):
    path = tmp_path / f"random{suffix}"
    path.write_bytes(data)
    errors: list[InputError] = []
    for raw in read_inputs([str(path)], on_error=errors.append):
        try:
            clean_document(raw)
        except SitroomError:
            pass
    assert all(isinstance(e, InputError) and "\n" not in str(e) for e in errors)


@settings(max_examples=40, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(lines=st.lists(st.one_of(st.binary(max_size=80), st.just(b'{"text": "' + STORY.encode() + b'"}')), max_size=8))
def test_random_jsonl_keeps_every_good_line(tmp_path, lines):
    path = tmp_path / "r.jsonl"
    path.write_bytes(b"\n".join(line.replace(b"\n", b" ") for line in lines) + b"\n")
    errors: list[InputError] = []
    docs = list(read_inputs([str(path)], on_error=errors.append))
    good = sum(1 for line in lines if line.startswith(b'{"text": "Unidentified'))
    assert len(docs) >= good


@pytest.mark.slow
def test_100_mb_jsonl_is_streamed_not_loaded(tmp_path):
    import tracemalloc

    path = tmp_path / "corpus.jsonl"
    line = (json.dumps({"text": STORY + " " + "padding words " * 60}) + "\n").encode()
    with open(path, "wb") as fh:
        chunk = line * 1000
        while fh.tell() < 100 * 1024 * 1024:
            fh.write(chunk)
    tracemalloc.start()
    count = sum(1 for _ in read_inputs([str(path)]))
    _, peak = tracemalloc.get_traced_memory()
    tracemalloc.stop()
    assert count > 90_000
    assert peak < 20 * 1024 * 1024  # a few lines at a time, never the 100 MB file
