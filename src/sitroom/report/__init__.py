"""Situation reports: headline figures, map, weekly chart, significant events,
contested claims and a statistically grounded outlook, as md, html or pdf.

    from sitroom.report import EventFilter, make_report
    pdf_bytes = make_report(store, EventFilter(country="Syria"), "pdf")
"""
from __future__ import annotations

import base64
from pathlib import Path

from sitroom.report.query import EventFilter
from sitroom.store import Store

__all__ = ["EventFilter", "make_report", "render_report", "write_report", "write_demo_report", "FORMATS"]

FORMATS = ("md", "html", "pdf")


def make_report(store: Store, f: EventFilter | None = None, fmt: str = "md") -> bytes:
    """The report as bytes; Markdown carries its images as data: URIs."""
    from sitroom.report.build import build_report

    if fmt not in FORMATS:
        raise ValueError(f"unknown report format {fmt!r} (use one of {', '.join(FORMATS)})")
    return render_report(build_report(store, f or EventFilter()), fmt)


def render_report(report, fmt: str) -> bytes:
    """A built Report (sitroom.report.build) as md, html or pdf bytes."""
    from sitroom.report.render import render_html, render_markdown

    if fmt == "pdf":
        from sitroom.report.pdf import render_pdf

        return render_pdf(report)
    if fmt == "html":
        return render_html(report).encode("utf-8")

    def uri(png: bytes | None) -> str | None:
        return "data:image/png;base64," + base64.b64encode(png).decode() if png else None

    return render_markdown(report, uri(report.map_png), uri(report.chart_png)).encode("utf-8")


def write_report(store: Store, f: EventFilter, fmt: str, output: str | Path) -> list[Path]:
    """Write the report to `output`; Markdown gets its PNGs beside it
    (<stem>_map.png, <stem>_weekly.png). Returns every file written."""
    from sitroom.report.build import build_report

    if fmt not in FORMATS:
        raise ValueError(f"unknown report format {fmt!r} (use one of {', '.join(FORMATS)})")
    return _write(build_report(store, f), fmt, Path(output))


def _write(report, fmt: str, output: Path) -> list[Path]:
    from sitroom.report.render import render_html, render_markdown

    output.parent.mkdir(parents=True, exist_ok=True)
    written = [output]
    if fmt == "pdf":
        from sitroom.report.pdf import render_pdf

        output.write_bytes(render_pdf(report))
    elif fmt == "html":
        output.write_text(render_html(report), encoding="utf-8")
    else:
        refs = []
        for png, suffix in ((report.map_png, "map"), (report.chart_png, "weekly")):
            if png:
                path = output.with_name(f"{output.stem}_{suffix}.png")
                path.write_bytes(png)
                written.append(path)
                refs.append(path.name)
            else:
                refs.append(None)
        output.write_text(render_markdown(report, refs[0], refs[1]), encoding="utf-8")
    return written


def write_demo_report(store: Store, out_dir: str | Path) -> Path:
    """The demo's closing report: report.html, report.md (+ PNGs) and report.pdf
    in `out_dir`, for all events in the store's last 4 weeks. Returns the HTML path."""
    from sitroom.report.build import build_report

    out_dir = Path(out_dir)
    report = build_report(store, EventFilter())
    _write(report, "md", out_dir / "report.md")
    _write(report, "pdf", out_dir / "report.pdf")
    return _write(report, "html", out_dir / "report.html")[0]
