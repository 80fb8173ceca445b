"""``report.html``: the report as one self-contained HTML file.

Owns ``report_html``: a header (study, where the data came from, when, the suppression
rule), each table with the evaluation's words it mirrors quoted above it and its figure
below it, then the pseudonymised map pictures. Figures are PNG data URIs and the style is
inline, so the file opens anywhere, offline, with nothing beside it. Every text is
escaped. Qt-free.
"""

from __future__ import annotations

import base64
from html import escape

import fieldwork
from fieldwork.export.report.suppression import ReportTable

_STYLE = """
body { font-family: -apple-system, 'Segoe UI', Roboto, Arial, sans-serif; max-width: 64rem;
       margin: 2rem auto; padding: 0 1rem; color: #1d2430; line-height: 1.45; }
h1 { font-size: 1.6rem; margin-bottom: .2rem; } h2 { font-size: 1.2rem; margin-top: 2.4rem;
     border-bottom: 1px solid #d0d7de; padding-bottom: .2rem; }
.meta, .note { color: #4b5563; font-size: .9rem; }
blockquote { margin: .6rem 0; padding: .4rem .8rem; border-left: 4px solid #9cc3e4;
             background: #f4f8fc; font-size: .9rem; }
table { border-collapse: collapse; margin: .6rem 0; font-size: .88rem; }
th, td { border: 1px solid #d0d7de; padding: .25rem .5rem; text-align: right; }
th { background: #eef2f6; } td:first-child, th:first-child { text-align: left; }
td.withheld { color: #8a5a00; background: #fff6e0; }
figure { margin: .8rem 0; } figure img { max-width: 100%; border: 1px solid #e5e7eb; }
figcaption { font-size: .85rem; color: #4b5563; }
.maps { display: flex; flex-wrap: wrap; gap: 1rem; } .maps figure { width: 30rem; }
"""


def _image(png: bytes, alt: str) -> str:
    data = base64.b64encode(png).decode("ascii")
    return f'<img src="data:image/png;base64,{data}" alt="{escape(alt)}">'


def table_html(table: ReportTable) -> str:
    head = "".join(f"<th>{escape(h)}</th>" for h in table.header)
    body = []
    for row in table.rows:
        cells = []
        for index, cell in enumerate(row):
            tag = "th" if index == 0 else "td"
            css = ' class="withheld"' if cell.withheld or cell.shown.startswith("n<") else ""
            text = str(cell.value) if cell.kind == "label" else cell.shown
            cells.append(f"<{tag}{css}>{escape(text)}</{tag}>")
        body.append("<tr>" + "".join(cells) + "</tr>")
    return (f'<table id="{escape(table.key)}"><thead><tr>{head}</tr></thead>'
            f"<tbody>{''.join(body)}</tbody></table>")


def report_html(report) -> str:  # noqa: ANN001 - writer.Report (imported there, not here)
    """The whole report as one HTML document."""
    parts = [f"<!DOCTYPE html><html lang='en'><head><meta charset='utf-8'>"
             f"<title>{escape(report.study_name)}: family tables</title>"
             f"<style>{_STYLE}</style></head><body>",
             f"<h1>{escape(report.study_name or 'Study')}: the evaluation's family tables</h1>",
             f"<p class='meta'>From the {escape(report.origin)}, {escape(report.made_at)}, "
             f"fieldwork {escape(fieldwork.__version__)}. Pseudonymised: family codes and "
             f"person codes only, no names, no free text.</p>",
             f"<p class='meta'><strong>Small numbers suppressed below {report.threshold}.</strong> "
             f"{escape(report.rule)}</p>"]
    parts += [f"<p class='note'>Note: {escape(note)}</p>" for note in report.notes]
    figures = {f.key: f for f in report.figures}
    drawn: set[str] = set()
    for table in report.tables:
        parts.append(f"<h2>{escape(table.title)}</h2>")
        if table.source:
            parts.append(f"<blockquote>{escape(table.source)}</blockquote>")
        parts.append(table_html(table))
        if table.note:
            parts.append(f"<p class='note'>{escape(table.note)}</p>")
        for key in (table.figure, table.key):
            figure = figures.get(key)
            if figure is not None and key not in drawn and figure.png:
                drawn.add(key)
                parts.append(f"<figure>{_image(figure.png, figure.title)}"
                             f"<figcaption>{escape(figure.title)}</figcaption></figure>")
            elif figure is not None and key not in drawn:  # not drawn, and why
                drawn.add(key)
                parts.append(f"<p class='note'>{escape(figure.title)}</p>")
    parts.append("<h2>Network maps (pseudonymised)</h2>")
    if report.maps:
        parts.append("<p class='note'>People are shown by their person codes; no names, no notes."
                     "</p><div class='maps'>")
        parts += [f"<figure>{_image(png, title)}<figcaption>{escape(title)}</figcaption></figure>"
                  for title, png in report.maps]
        parts.append("</div>")
    else:
        parts.append("<p class='note'>No map pictures in this report.</p>")
    parts.append("</body></html>\n")
    return "\n".join(parts)
