"""Situation reports from synthetic fused events: figures, sections, formats."""
from __future__ import annotations

import shutil
import subprocess

import pytest
from click.testing import CliRunner

from sitroom.report import EventFilter, make_report, write_demo_report, write_report
from sitroom.report.build import build_report, event_summary
from sitroom.report.query import Period, default_period, headline_figures, list_events, weekly_counts
from sitroom.report.synthetic import populate_synthetic
from sitroom.store import open_store


@pytest.fixture(scope="module")
def db(tmp_path_factory):
    path = tmp_path_factory.mktemp("report") / "synthetic.duckdb"
    with open_store(str(path)) as store:
        populate_synthetic(store, hostile=True)
    return str(path)


@pytest.fixture
def store(db):
    s = open_store(db)
    yield s
    s.close()


def test_default_period_is_four_weeks_to_latest_event(store):
    period = default_period(store, EventFilter())
    assert (period.start.isoformat(), period.end.isoformat()) == ("2019-11-03", "2019-11-30")
    assert period.previous().label() == "2019-10-06 to 2019-11-02"


def test_headline_figures_match_direct_counts(store):
    period = Period(*default_period(store, EventFilter()).__dict__.values())
    head = headline_figures(store, EventFilter(), period)
    expected = {
        r["event_type"]: (r["n"], r["f"])
        for r in store.query(
            "SELECT event_type, count(*) AS n, sum(fatalities) AS f FROM events "
            "WHERE event_date BETWEEN '2019-11-03' AND '2019-11-30' GROUP BY event_type")
    }
    assert {t: (v.events, v.fatalities) for t, v in head.by_type.items() if v.events} == expected
    previous = store.scalar("SELECT count(*) FROM events WHERE event_date BETWEEN '2019-10-06' AND '2019-11-02'")
    assert head.total.previous_events == previous


def test_filters_and_weekly_counts(store):
    idlib, _ = list_events(store, EventFilter(admin1="idlib"))
    assert idlib and all(e["admin1"] == "Idlib" for e in idlib)
    iraq, _ = list_events(store, EventFilter(country="IRQ"))
    assert iraq and all(e["country"] == "Iraq" for e in iraq)
    russia, _ = list_events(store, EventFilter(actor="russia"))
    assert russia and all("Russia" in e["actor1"] for e in russia)
    # wildcards in user text are literal, not LIKE patterns
    assert list_events(store, EventFilter(q="%"))[0] == []
    weekly = weekly_counts(store, EventFilter(date_from="2019-11-04", date_to="2019-11-10"))
    assert {r["week"] for r in weekly} == {"2019-11-04"}
    assert sum(r["events"] for r in weekly) == store.scalar(
        "SELECT count(*) FROM events WHERE event_date BETWEEN '2019-11-04' AND '2019-11-10'")


def test_report_content(store):
    report = build_report(store, EventFilter(country="Syria"), with_figures=False)
    assert report.n_events > 0 and len(report.significant) == 8
    assert all(s.citations for s in report.significant)
    assert report.contested_claims, "the contested event's denial is listed"
    assert any(c.stance == "denies" for c in report.contested_claims)
    idlib = next(s for s in report.outlook.signals if s.label == "Idlib, Syria")
    assert idlib.verdict == "escalation"  # the synthetic air campaign of the last four weeks


def test_markdown_report_sections_and_escaping(store):
    md = make_report(store, EventFilter(), "md").decode()
    for heading in ("## Headline figures", "## Map", "## Weekly events by type", "## Most significant events",
                    "## Contested claims", "## Outlook", "## Sources"):
        assert heading in md
    assert "data:image/png;base64," in md
    assert "<script>" not in md and "\\<script\\>" in md
    assert "<javascript:alert(3)>" not in md


def test_html_report_is_escaped_and_self_contained(store):
    html = make_report(store, EventFilter(), "html").decode()
    assert "<script" not in html.lower()
    assert "&lt;script&gt;alert(5)&lt;/script&gt;" in html
    assert 'href="javascript:' not in html
    assert html.count('src="data:image/png;base64,') == 2
    assert "Holm-adjusted" in html and "1% level" in html


def test_markdown_file_writes_images_beside_it(store, tmp_path):
    written = write_report(store, EventFilter(admin1="Idlib"), "md", tmp_path / "idlib.md")
    assert [p.name for p in written] == ["idlib.md", "idlib_map.png", "idlib_weekly.png"]
    assert "](idlib_map.png)" in (tmp_path / "idlib.md").read_text()
    assert (tmp_path / "idlib_map.png").read_bytes()[:8] == b"\x89PNG\r\n\x1a\n"


@pytest.mark.skipif(shutil.which("pdftoppm") is None, reason="pdftoppm (poppler-utils) not installed")
def test_pdf_renders_to_pages(store, tmp_path):
    pdf = tmp_path / "report.pdf"
    write_report(store, EventFilter(country="Syria"), "pdf", pdf)
    assert pdf.read_bytes()[:5] == b"%PDF-"
    subprocess.run(["pdftoppm", "-r", "40", "-png", str(pdf), str(tmp_path / "page")], check=True, timeout=60)
    pages = sorted(tmp_path.glob("page-*.png"))
    assert len(pages) >= 2
    assert all(p.stat().st_size > 5000 for p in pages[:2])  # not blank: text, map and chart drawn
    if shutil.which("pdftotext"):
        text = subprocess.run(["pdftotext", str(pdf), "-"], capture_output=True, text=True, check=True).stdout
        assert "Outlook" in text and "Headline figures" in text and "Idlib, Syria: escalation" in text


def test_empty_store_report(tmp_path):
    with open_store(str(tmp_path / "empty.duckdb")) as store:
        for fmt in ("md", "html", "pdf"):
            assert make_report(store, EventFilter(), fmt)
        assert "No events" in make_report(store, EventFilter(), "md").decode()


def test_write_demo_report(store, tmp_path):
    path = write_demo_report(store, tmp_path / "out")
    assert path.name == "report.html" and path.exists()
    assert {p.name for p in (tmp_path / "out").iterdir()} >= {"report.html", "report.md", "report.pdf"}


def test_event_summary_one_line():
    e = {"event_date": "2019-11-05", "sub_event_type": "Air/drone strike", "location": "Ariha",
         "admin1": "Idlib", "country": "Syria", "actor1": "A", "actor2": "B", "fatalities": 1, "n_outlets": 2}
    assert event_summary(e) == "2019-11-05: Air/drone strike in Ariha, Idlib, Syria; A vs B; 1 fatality; 2 outlets"


def test_cli_report(db, tmp_path):
    from sitroom.cli import main

    runner = CliRunner()
    result = runner.invoke(main, ["report", "--db", db, "--country", "Syria", "--format", "html",
                                  "--output", str(tmp_path / "r.html")])
    assert result.exit_code == 0, result.output
    assert (tmp_path / "r.html").read_text().startswith("<!DOCTYPE html>")
    result = runner.invoke(main, ["report", "--db", db, "--from", "2019-11-01", "--to", "2019-11-15"])
    assert result.exit_code == 0 and "Period: 2019-11-01 to 2019-11-15" in result.output
    result = runner.invoke(main, ["report", "--db", db, "--from", "yesterday"])
    assert result.exit_code == 2
