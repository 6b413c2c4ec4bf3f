"""Render a Report as Markdown or self-contained HTML.

Every value taken from articles or events is escaped for the target format;
links are emitted only for http(s) URLs.
"""
from __future__ import annotations

import base64
import html
import re
from urllib.parse import urlsplit

from sitroom.report.build import Citation, Report

FORMATS = ("md", "html", "pdf")


def safe_url(url: str | None) -> str:
    """The URL if it is http(s), else '' (no javascript:, data: ...)."""
    if not url:
        return ""
    try:
        scheme = urlsplit(url).scheme.lower()
    except ValueError:
        return ""
    return url if scheme in ("http", "https") else ""


def _signed(n: int) -> str:
    return f"+{n}" if n > 0 else str(n)


def figure_rows(report: Report) -> list[tuple[str, int, int, int, int]]:
    """(type, events, previous events, fatalities, previous fatalities), total last."""
    rows = [(t, v.events, v.previous_events, v.fatalities, v.previous_fatalities)
            for t, v in report.headline.by_type.items()]
    tot = report.headline.total
    rows.append(("All types", tot.events, tot.previous_events, tot.fatalities, tot.previous_fatalities))
    return rows


def headline_sentence(report: Report) -> str:
    tot = report.headline.total
    prev = report.headline.previous
    return (
        f"{tot.events} events and {tot.fatalities} reported fatalities from {report.period.label()}, "
        f"against {tot.previous_events} events and {tot.previous_fatalities} fatalities in the previous "
        f"{report.period.days} days ({prev.label()})."
    )


# --- Markdown -----------------------------------------------------------------
_MD_SPECIAL = re.compile(r"([\\`*_\[\]<>|])")


def md_escape(text: str) -> str:
    """Text safe inside Markdown: no markup, no raw HTML, one line."""
    return _MD_SPECIAL.sub(r"\\\1", " ".join(str(text).split()))


def _md_cite(c: Citation) -> str:
    return f"[{c.number}]"


def _md_citation_line(c: Citation) -> str:
    label = md_escape(" - ".join(x for x in (c.outlet, c.title) if x) or c.article_id)
    date = f", {md_escape(c.published)}" if c.published else ""
    url = safe_url(c.url)
    link = f" <{url.replace('>', '%3E').replace(' ', '%20')}>" if url else ""
    return f"{c.number}. {label}{date} (article {md_escape(c.article_id[:12])}){link}"


def render_markdown(report: Report, map_ref: str | None, chart_ref: str | None) -> str:
    """Markdown; images referenced by `map_ref`/`chart_ref` (file names or data: URIs)."""
    out = [f"# {md_escape(report.title)}", "",
           f"Period: {report.period.label()}. Scope: {md_escape(report.scope)}. Generated {report.generated_at}.", ""]
    if report.empty:
        out += ["No events in the store match this scope.", ""]
        return "\n".join(out)
    out += ["## Headline figures", "", headline_sentence(report), "",
            "| Event type | Events | Previous | Change | Fatalities | Previous | Change |",
            "|---|---:|---:|---:|---:|---:|---:|"]
    for t, ev, pev, fat, pfat in figure_rows(report):
        out.append(f"| {md_escape(t)} | {ev} | {pev} | {_signed(ev - pev)} | {fat} | {pfat} | {_signed(fat - pfat)} |")
    out.append("")
    if map_ref:
        out += ["## Map", "", f"![Map of events]({map_ref})", ""]
    if chart_ref:
        out += ["## Weekly events by type", "", f"![Weekly events by type]({chart_ref})", ""]
    out += ["## Most significant events", ""]
    for i, s in enumerate(report.significant, 1):
        cites = " ".join(_md_cite(c) for c in s.citations) or "(no linked sources)"
        status = "**contested**" + (f" ({md_escape('; '.join(s.contested_reasons))})" if s.contested_reasons else "") \
            if s.contested else "not contested"
        out.append(f"{i}. {md_escape(s.summary)}. Sources: {cites}. Status: {status}. Event {md_escape(s.event['id'])}")
    out += ["", "## Contested claims", ""]
    if not report.contested_claims:
        out.append("No contested claims in this period.")
    for c in report.contested_claims:
        value = f" ({md_escape(c.subject)}: {md_escape(c.value)})" if c.value else ""
        cite = f" {_md_cite(c.citation)}" if c.citation else ""
        out.append(f"- {md_escape(c.speaker or 'Unnamed source')} **{md_escape(c.stance)}**{value}: "
                   f"\"{md_escape(c.text)}\"{cite}. On: {md_escape(c.event_summary)}")
    out += ["", "## Outlook", ""]
    if report.outlook:
        for s in report.outlook.signals:
            out.append(f"- {md_escape(s.sentence)}")
        out += ["", f"_{md_escape(report.outlook.method)}_"]
    out += ["", "## Sources", ""]
    out += [_md_citation_line(c) for c in report.citations]
    out.append("")
    return "\n".join(out)


# --- HTML ---------------------------------------------------------------------
_CSS = """
body{font-family:DejaVu Sans,Helvetica,Arial,sans-serif;max-width:60rem;margin:2rem auto;padding:0 1rem;color:#222;line-height:1.45}
h1{font-size:1.6rem;border-bottom:2px solid #333}h2{font-size:1.2rem;margin-top:2rem;border-bottom:1px solid #ccc}
table{border-collapse:collapse}td,th{border:1px solid #ccc;padding:.2rem .5rem;text-align:right}td:first-child,th:first-child{text-align:left}
.contested{background:#b00020;color:#fff;border-radius:3px;padding:0 .3rem;font-size:.8rem}
.meta{color:#555;font-size:.9rem}img{max-width:100%}.method{color:#555;font-style:italic;font-size:.9rem}
.escalation{color:#b00020;font-weight:bold}.de-escalation{color:#1b5e20;font-weight:bold}
"""


def _h(text) -> str:
    return html.escape(str(text if text is not None else ""), quote=True)


def _html_cite(c: Citation) -> str:
    return f'<a href="#src-{c.number}">[{c.number}]</a>'


def _data_uri(png: bytes) -> str:
    return "data:image/png;base64," + base64.b64encode(png).decode()


def render_html(report: Report) -> str:
    """One self-contained HTML page (images inline), safe to forward."""
    out = ["<!DOCTYPE html>", '<html lang="en"><head><meta charset="utf-8">',
           f"<title>{_h(report.title)}</title><style>{_CSS}</style></head><body>",
           f"<h1>{_h(report.title)}</h1>",
           f'<p class="meta">Period: {_h(report.period.label())}. Scope: {_h(report.scope)}. '
           f"Generated {_h(report.generated_at)}.</p>"]
    if report.empty:
        out += ["<p>No events in the store match this scope.</p></body></html>"]
        return "\n".join(out)
    out += ["<h2>Headline figures</h2>", f"<p>{_h(headline_sentence(report))}</p>",
            "<table><tr><th>Event type</th><th>Events</th><th>Previous</th><th>Change</th>"
            "<th>Fatalities</th><th>Previous</th><th>Change</th></tr>"]
    for t, ev, pev, fat, pfat in figure_rows(report):
        out.append(f"<tr><td>{_h(t)}</td><td>{ev}</td><td>{pev}</td><td>{_signed(ev - pev)}</td>"
                   f"<td>{fat}</td><td>{pfat}</td><td>{_signed(fat - pfat)}</td></tr>")
    out.append("</table>")
    if report.map_png:
        out += ["<h2>Map</h2>", f'<img alt="Map of events" src="{_data_uri(report.map_png)}">']
    if report.chart_png:
        out += ["<h2>Weekly events by type</h2>", f'<img alt="Weekly events by type" src="{_data_uri(report.chart_png)}">']
    out += ["<h2>Most significant events</h2>", "<ol>"]
    for s in report.significant:
        cites = " ".join(_html_cite(c) for c in s.citations) or "(no linked sources)"
        badge = ('<span class="contested">contested</span> ' + _h("; ".join(s.contested_reasons))) if s.contested \
            else "not contested"
        out.append(f"<li>{_h(s.summary)}. Sources: {cites}. Status: {badge}. "
                   f'<span class="meta">Event {_h(s.event["id"])}</span></li>')
    out += ["</ol>", "<h2>Contested claims</h2>"]
    if not report.contested_claims:
        out.append("<p>No contested claims in this period.</p>")
    else:
        out.append("<ul>")
        for c in report.contested_claims:
            value = f" ({_h(c.subject)}: {_h(c.value)})" if c.value else ""
            cite = f" {_html_cite(c.citation)}" if c.citation else ""
            out.append(f"<li>{_h(c.speaker or 'Unnamed source')} <b>{_h(c.stance)}</b>{value}: "
                       f"&ldquo;{_h(c.text)}&rdquo;{cite}. <span class=\"meta\">On: {_h(c.event_summary)}</span></li>")
        out.append("</ul>")
    out.append("<h2>Outlook</h2><ul>")
    if report.outlook:
        for s in report.outlook.signals:
            cls = s.verdict.replace(" ", "-")
            out.append(f'<li class="{_h(cls)}-item"><span class="{_h(cls)}">{_h(s.label)}</span>'
                       f"{_h(s.sentence[len(s.label):])}</li>")
        out.append(f'</ul><p class="method">{_h(report.outlook.method)}</p>')
    else:
        out.append("</ul>")
    out += ["<h2>Sources</h2>", "<ol>"]
    for c in report.citations:
        label = _h(" - ".join(x for x in (c.outlet, c.title) if x) or c.article_id)
        url = safe_url(c.url)
        link = f' <a href="{_h(url)}" rel="noopener noreferrer nofollow">{_h(url)}</a>' if url else ""
        date = f", {_h(c.published)}" if c.published else ""
        out.append(f'<li id="src-{c.number}">{label}{date} (article {_h(c.article_id[:12])}){link}</li>')
    out += ["</ol>", "</body></html>"]
    return "\n".join(out)
