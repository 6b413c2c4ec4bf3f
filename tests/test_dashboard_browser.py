"""The dashboard end to end in headless Chromium (Playwright): markers, type
filter, event panel, escaping of hostile article text, no network beyond the server."""
from __future__ import annotations

import os
import re
from pathlib import Path

import pytest

CHROMIUM = "/usr/bin/chromium"
pytestmark = [
    pytest.mark.browser,
    pytest.mark.skipif(not os.path.exists(CHROMIUM), reason="needs /usr/bin/chromium"),
]
CHROMIUM_ARGS = ["--headless", "--no-sandbox", "--disable-gpu", "--disable-background-networking",
                 "--disable-component-update", "--disable-sync", "--no-first-run"]


@pytest.fixture(scope="module")
def server(tmp_path_factory):
    from sitroom.report.synthetic import populate_synthetic
    from sitroom.serve import ServeSettings, create_app
    from sitroom.serve.runner import serve_in_thread
    from sitroom.store import open_store

    path = tmp_path_factory.mktemp("dashboard") / "synthetic.duckdb"
    with open_store(str(path)) as store:
        info = populate_synthetic(store, hostile=True)
    app = create_app(ServeSettings(db=str(path)))
    with serve_in_thread(app) as url:
        yield url, info
    app.state.access.close()


@pytest.fixture(scope="module")
def browser():
    playwright_api = pytest.importorskip("playwright.sync_api")
    with playwright_api.sync_playwright() as p:
        b = p.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)
        yield b
        b.close()


@pytest.fixture
def page(browser, server):
    url, _ = server
    context = browser.new_context(viewport={"width": 1280, "height": 1000})
    pg = context.new_page()
    events = {"dialogs": [], "errors": [], "foreign": []}
    pg.on("dialog", lambda d: (events["dialogs"].append(d.message), d.dismiss()))
    pg.on("pageerror", lambda e: events["errors"].append(str(e)))
    pg.on("console", lambda m: events["errors"].append(m.text) if m.type == "error" else None)
    pg.on("request", lambda r: events["foreign"].append(r.url) if not r.url.startswith((url, "data:")) else None)
    pg.events = events
    pg.goto(url + "/")
    pg.wait_for_selector("#status[data-count]", timeout=20000)
    yield pg
    context.close()


def expect(locator):
    from playwright.sync_api import expect as playwright_expect

    return playwright_expect(locator)


def shot_dir() -> Path:
    out = Path(os.environ.get("SITROOM_SCREENSHOTS", "/tmp/sitroom-screenshots"))
    out.mkdir(parents=True, exist_ok=True)
    return out


def test_map_markers_and_type_filter(page, server):
    total = int(page.locator("#status").get_attribute("data-count"))
    assert total == server[1]["events"]
    page.wait_for_selector(".leaflet-overlay-pane path.event-marker, .marker-cluster")
    assert page.locator(".leaflet-overlay-pane path.event-marker").count() + page.locator(".marker-cluster").count() > 0
    assert page.locator(".leaflet-overlay-pane path").count() > 100  # country boundaries drawn
    assert page.locator("#timeline rect.week-bar").count() > 10
    page.screenshot(path=str(shot_dir() / "dashboard.png"))

    page.select_option("select[name=event_type]", "Protests")
    page.click("#filters button[type=submit]")
    expect(page.locator("#status")).not_to_have_attribute("data-count", str(total))
    protests = int(page.locator("#status").get_attribute("data-count"))
    assert 0 < protests < total
    types = page.locator("#event-list tbody tr td:nth-child(2)").all_inner_texts()
    assert types and set(types) == {"Protests"}
    assert not page.events["errors"] and not page.events["foreign"]


def test_timeline_brush_filters_dates(page):
    total = page.locator("#status").get_attribute("data-count")
    box = page.locator("#timeline").bounding_box()
    page.mouse.move(box["x"] + box["width"] * 0.8, box["y"] + box["height"] / 2)
    page.mouse.down()
    page.mouse.move(box["x"] + box["width"] * 0.97, box["y"] + box["height"] / 2)
    page.mouse.up()
    expect(page.locator("#status")).not_to_have_attribute("data-count", total)
    assert page.locator("input[name=from]").input_value() >= "2019-10-01"
    assert page.locator("#timeline rect.brush").count() == 1


def test_event_panel_shows_sources_claims_and_badge(page, server):
    contested = server[1]["contested_event"]
    page.click(f"#event-list tr[data-event-id='{contested}']")
    page.wait_for_selector("#panel:not([hidden]) #contested-badge")
    assert page.locator("#panel .source").count() >= 1
    assert page.locator("#panel .evidence mark").count() >= 1
    assert "denies" in page.locator("#panel table.claims").inner_text()
    page.screenshot(path=str(shot_dir() / "dashboard_event.png"))


def test_hostile_article_text_stays_text(page, server):
    page.click(f"#event-list tr[data-event-id='{server[1]['hostile_event']}']")
    page.wait_for_selector("#panel:not([hidden]) .source")
    panel = page.locator("#panel")
    text = panel.inner_text()
    assert '<script>alert("xss")</script>' in text
    assert "<img src=x onerror=alert(1)>" in text
    assert "<script>alert(5)</script>" in text
    assert panel.locator("script, img").count() == 0
    assert panel.locator("a[href^='javascript']").count() == 0
    page.wait_for_timeout(300)
    assert page.events["dialogs"] == []
    assert page.locator("img[src=x]").count() == 0


def test_stories_and_framing_views(page):
    page.click("button[data-view=stories-view]")
    page.wait_for_selector("#stories tbody tr")
    assert page.locator("#stories tbody tr").count() == 3
    page.click("button[data-view=framing-view]")
    page.wait_for_selector("#framing tbody tr")
    assert "terrorists" in page.locator("#framing").inner_text()
    page.click("button[data-view=stories-view]")
    page.click("#stories tbody tr >> nth=0")
    page.wait_for_selector("#map-view:not([hidden])")
    expect(page.locator("#status")).to_have_text(re.compile(r"\d+ events$"))
    assert page.locator("input[name=story]").input_value()
