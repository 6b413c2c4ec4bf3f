"""Render a Report as PDF with fpdf2: DejaVu (shipped with matplotlib, so
offline and Unicode-capable) and the map and chart embedded as PNG."""
from __future__ import annotations

import io
from pathlib import Path

import matplotlib
from fpdf import FPDF

from sitroom.report.build import Report
from sitroom.report.render import figure_rows, headline_sentence, safe_url

FONT = "DejaVu"
_FONT_DIR = Path(matplotlib.get_data_path()) / "fonts" / "ttf"


class _ReportPDF(FPDF):
    def footer(self) -> None:
        self.set_y(-12)
        self.set_font(FONT, "", 7)
        self.set_text_color(110, 110, 110)
        self.cell(0, 5, f"sitroom situation report - page {self.page_no()}/{{nb}}", align="C")
        self.set_text_color(0, 0, 0)


def _heading(pdf: FPDF, text: str) -> None:
    pdf.ln(3)
    pdf.set_font(FONT, "B", 12)
    pdf.multi_cell(0, 7, text, new_x="LMARGIN", new_y="NEXT")
    pdf.set_font(FONT, "", 9)


def _para(pdf: FPDF, text: str, size: float = 9, h: float = 4.6) -> None:
    pdf.set_font(FONT, "", size)
    pdf.multi_cell(0, h, text, new_x="LMARGIN", new_y="NEXT")


def render_pdf(report: Report) -> bytes:
    pdf = _ReportPDF(format="A4")
    pdf.add_font(FONT, "", str(_FONT_DIR / "DejaVuSans.ttf"))
    pdf.add_font(FONT, "B", str(_FONT_DIR / "DejaVuSans-Bold.ttf"))
    pdf.set_title(report.title)
    pdf.set_creator("sitroom")
    pdf.set_auto_page_break(True, margin=15)
    pdf.alias_nb_pages()
    pdf.add_page()
    pdf.set_font(FONT, "B", 15)
    pdf.multi_cell(0, 8, report.title, new_x="LMARGIN", new_y="NEXT")
    _para(pdf, f"Period: {report.period.label()}. Scope: {report.scope}. Generated {report.generated_at}.", 8)
    if report.empty:
        _para(pdf, "No events in the store match this scope.")
        return bytes(pdf.output())

    _heading(pdf, "Headline figures")
    _para(pdf, headline_sentence(report))
    pdf.ln(1)
    pdf.set_font(FONT, "", 8)
    with pdf.table(col_widths=(52, 18, 18, 18, 20, 18, 18), text_align=("LEFT",) + ("RIGHT",) * 6,
                   line_height=5) as table:
        table.row(("Event type", "Events", "Previous", "Change", "Fatalities", "Previous", "Change"))
        for t, ev, pev, fat, pfat in figure_rows(report):
            table.row((t, str(ev), str(pev), f"{ev - pev:+d}", str(fat), str(pfat), f"{fat - pfat:+d}"))

    if report.map_png:
        _heading(pdf, "Map")
        pdf.image(io.BytesIO(report.map_png), w=170)
    if report.chart_png:
        _heading(pdf, "Weekly events by type")
        pdf.image(io.BytesIO(report.chart_png), w=170)

    _heading(pdf, "Most significant events")
    for i, s in enumerate(report.significant, 1):
        cites = " ".join(f"[{c.number}]" for c in s.citations) or "(no linked sources)"
        status = ("CONTESTED" + (f" ({'; '.join(s.contested_reasons)})" if s.contested_reasons else "")) \
            if s.contested else "not contested"
        _para(pdf, f"{i}. {s.summary}. Sources: {cites}. Status: {status}.")
        pdf.ln(0.8)

    _heading(pdf, "Contested claims")
    if not report.contested_claims:
        _para(pdf, "No contested claims in this period.")
    for c in report.contested_claims:
        value = f" ({c.subject}: {c.value})" if c.value else ""
        cite = f" [{c.citation.number}]" if c.citation else ""
        _para(pdf, f"- {c.speaker or 'Unnamed source'} {c.stance}{value}: \u201c{c.text}\u201d{cite}. On: {c.event_summary}")
        pdf.ln(0.8)

    _heading(pdf, "Outlook")
    if report.outlook:
        for s in report.outlook.signals:
            _para(pdf, f"- {s.sentence}")
            pdf.ln(0.8)
        pdf.set_text_color(90, 90, 90)
        _para(pdf, report.outlook.method, 8, 4)
        pdf.set_text_color(0, 0, 0)

    _heading(pdf, "Sources")
    for c in report.citations:
        label = " - ".join(x for x in (c.outlet, c.title) if x) or c.article_id
        date = f", {c.published}" if c.published else ""
        pdf.set_font(FONT, "", 8)
        pdf.multi_cell(0, 4.4, f"{c.number}. {label}{date} (article {c.article_id[:12]})",
                       new_x="LMARGIN", new_y="NEXT")
        url = safe_url(c.url)
        if url:
            pdf.set_text_color(20, 60, 160)
            pdf.multi_cell(0, 4.4, url, link=url, new_x="LMARGIN", new_y="NEXT")
            pdf.set_text_color(0, 0, 0)
    return bytes(pdf.output())
