"""``report.pdf``: the report's tables and figures on A4 pages, with matplotlib's PdfPages.

Owns ``write_pdf``: a title page (study, source, suppression rule, notes), then each table
drawn as a matplotlib table with its title, the evaluation's words it mirrors and its note,
then each figure and map picture on its own page. The same cells as the HTML (after
suppression). Qt-free.
"""

from __future__ import annotations

import io
import textwrap
from pathlib import Path
from typing import Any

from fieldwork.export.report.suppression import ReportTable

A4 = (8.27, 11.69)
A4_LANDSCAPE = (11.69, 8.27)


def _page(size: tuple[float, float] = A4) -> Any:
    from matplotlib.backends.backend_agg import FigureCanvasAgg
    from matplotlib.figure import Figure

    figure = Figure(figsize=size)
    FigureCanvasAgg(figure)
    return figure


def _text(figure: Any, y: float, text: str, size: int = 9, width: int = 110, **style: Any) -> float:
    lines = textwrap.wrap(text, width) or [""]
    figure.text(0.06, y, "\n".join(lines), va="top", fontsize=size, **style)
    return y - (len(lines) * size * 1.45) / (72 * figure.get_figheight())


def _table_page(table: ReportTable) -> Any:
    page = _page(A4_LANDSCAPE)
    y = _text(page, 0.95, table.title, 13, weight="bold")
    if table.source:
        y = _text(page, y - 0.01, table.source, 8, 160, style="italic", color="#333333")
    cells = [[str(c.value) if c.kind == "label" else c.shown for c in row] for row in table.rows]
    height = min(0.06 + 0.035 * (len(cells) + 1), y - 0.18)
    ax = page.add_axes((0.04, y - 0.03 - height, 0.92, height))
    ax.axis("off")
    labels = ["\n".join(textwrap.wrap(h, 16)) for h in table.header]
    text = [["\n".join(textwrap.wrap(v, 48)) if i == 0 else v for i, v in enumerate(row)]
            for row in cells] or [[""] * len(labels)]
    # Widths from the longest line of each column: measuring every cell with the renderer
    # (auto_set_column_width) took most of the PDF's time.
    longest = [max(len(line) for row in [labels, *text] for line in row[i].split("\n"))
               for i in range(len(labels))]
    widths = [(n + 2) / sum(n + 2 for n in longest) for n in longest]
    drawn = ax.table(cellText=text, colLabels=labels, colWidths=widths, loc="upper left",
                     cellLoc="right")
    drawn.auto_set_font_size(False)
    drawn.set_fontsize(7)
    if table.note:
        _text(page, y - 0.06 - height, table.note, 8, 160, color="#444444")
    return page


def _picture_page(title: str, png: bytes) -> Any:
    from matplotlib.image import imread

    page = _page(A4_LANDSCAPE)
    page.text(0.5, 0.96, title, ha="center", fontsize=12, weight="bold")
    ax = page.add_axes((0.03, 0.03, 0.94, 0.89))
    ax.imshow(imread(io.BytesIO(png), format="png"))
    ax.axis("off")
    return page


def write_pdf(report, path: Path) -> Path:  # noqa: ANN001 - writer.Report
    from matplotlib.backends.backend_pdf import PdfPages

    with PdfPages(path, metadata={"Title": f"{report.study_name}: family tables",
                                  "Creator": "fieldwork report"}) as pdf:
        title = _page()
        y = _text(title, 0.94, f"{report.study_name}: the evaluation's family tables", 15, 70,
                  weight="bold")
        y = _text(title, y - 0.02, f"From the {report.origin}, {report.made_at}. "
                  "Pseudonymised: codes only, no names, no free text.", 9, 95)
        y = _text(title, y - 0.02, f"Small numbers suppressed below {report.threshold}. "
                  + report.rule, 9, 95)
        for note in report.notes:
            y = _text(title, y - 0.01, f"Note: {note}", 8, 105)
        pdf.savefig(title)
        figures = {f.key: f for f in report.figures}
        for table in report.tables:
            pdf.savefig(_table_page(table))
            figure = figures.pop(table.figure, None) or figures.pop(table.key, None)
            if figure is not None and figure.figure is not None:  # drawn here: vector
                pdf.savefig(figure.figure, bbox_inches="tight")
            elif figure is not None and figure.png:
                pdf.savefig(_picture_page(figure.title, figure.png))
        for title_, png in report.maps:
            pdf.savefig(_picture_page(f"Network map {title_} (pseudonymised)", png))
    return path
