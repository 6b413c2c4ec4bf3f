#!/usr/bin/env python
"""Regenerate docs/img/dashboard.png and docs/img/report.png.

Builds a throwaway database of synthetic events (sitroom.report.synthetic,
our own invented fixtures), serves it on 127.0.0.1 and a free port, and
photographs the dashboard and the HTML situation report in headless Chromium.

    .venv/bin/python scripts/screenshots.py [--out docs/img]

Needs Debian's chromium at /usr/bin/chromium (apt-get install -y chromium).
"""
from __future__ import annotations

import argparse
import tempfile
from pathlib import Path

from playwright.sync_api import expect, sync_playwright

from sitroom.report.synthetic import populate_synthetic
from sitroom.serve import ServeSettings, create_app
from sitroom.serve.runner import serve_in_thread
from sitroom.store import open_store

CHROMIUM = "/usr/bin/chromium"
ARGS = ["--headless", "--no-sandbox", "--disable-gpu", "--disable-background-networking",
        "--disable-component-update", "--disable-sync", "--no-first-run"]


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--out", default=str(Path(__file__).resolve().parents[1] / "docs" / "img"))
    out = Path(parser.parse_args().out)
    out.mkdir(parents=True, exist_ok=True)
    with tempfile.TemporaryDirectory() as tmp:
        db = str(Path(tmp) / "screens.duckdb")
        with open_store(db) as store:
            info = populate_synthetic(store)
        app = create_app(ServeSettings(db=db))
        with serve_in_thread(app) as url, sync_playwright() as p:
            browser = p.chromium.launch(executable_path=CHROMIUM, args=ARGS)
            page = browser.new_page(viewport={"width": 1500, "height": 900})
            page.goto(url + "/")
            page.wait_for_selector("#status[data-count]", timeout=20000)
            page.wait_for_timeout(500)  # let the cluster animation settle
            page.click(f"#event-list tr[data-event-id='{info['contested_event']}']")
            page.wait_for_selector("#panel:not([hidden]) .source")
            page.locator("header").scroll_into_view_if_needed()  # the row click scrolled down
            page.wait_for_timeout(300)
            page.screenshot(path=str(out / "dashboard.png"))
            page.set_viewport_size({"width": 1000, "height": 1400})
            page.goto(url + "/reports?format=html&country=Syria")
            expect(page.locator("h1")).to_contain_text("Situation report")
            page.screenshot(path=str(out / "report.png"))
            browser.close()
        app.state.access.close()
    print(f"wrote {out / 'dashboard.png'} and {out / 'report.png'}")


if __name__ == "__main__":
    main()
