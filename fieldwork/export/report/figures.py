"""The report's figures, drawn with matplotlib (Agg canvas, no pyplot, no display).

Owns drawing each figure from the tables after suppression, so a figure never shows what
its table withholds: the flow of families (``flow_figure.save_flow_figure`` on the
suppressed counts), SCORE-15 totals by wave and support level (box plots only for groups
large enough to show, with the reference means and the cut-off), network composition by
wave (mean people per sector), and counts as bars (change between waves, the other
questions) where a withheld count is drawn as no bar and labelled as the table shows it.
Every function returns PNG bytes and the ``Figure`` (for the PDF). Qt-free.
"""

from __future__ import annotations

import io
import tempfile
from pathlib import Path
from typing import Any

from fieldwork.domain.fieldwork_progress import ALL_SITES, STAGES, Progress, ProgressRow
from fieldwork.domain.score15 import MEAN_TOTAL_AT_START_OF_THERAPY, MEAN_TOTAL_NON_CLINICAL
from fieldwork.export.report.suppression import Cell, ReportTable

COLOURS = ("#1f3a5f", "#4f8fc0", "#9cc3e4", "#d9a441", "#8c8c8c", "#c62828")
DPI = 110


def _new_figure(width: float, height: float) -> Any:
    from matplotlib.backends.backend_agg import FigureCanvasAgg
    from matplotlib.figure import Figure

    figure = Figure(figsize=(width, height))
    FigureCanvasAgg(figure)
    return figure


def png_of(figure: Any) -> bytes:
    buffer = io.BytesIO()
    figure.savefig(buffer, format="png", dpi=DPI, bbox_inches="tight")
    return buffer.getvalue()


def flow_picture(flow: ReportTable, title: str) -> bytes:
    """The flow diagram of ``flow_figure``, drawn from the table's counts as shown."""
    from fieldwork.export.flow_figure import save_flow_figure

    rows, retention = [], {}
    first_interviewed: Cell | None = None
    for row in flow.rows:
        wave = int(str(row[0].value).split()[-1])
        # The figure prints each count with str(): the shown text ("<5", "x") goes in its place.
        counts: dict[str, Any] = {stage: cell.shown for stage, cell in zip(STAGES, row[1:], strict=False)}
        rows.append(ProgressRow(wave, ALL_SITES, counts))
        interviewed = row[1 + STAGES.index("interviewed")]
        if wave == 1:
            first_interviewed = interviewed
        elif first_interviewed is not None:
            usable = not (interviewed.withheld or first_interviewed.withheld) and first_interviewed.value
            retention[wave, ALL_SITES] = (int(interviewed.value) / int(first_interviewed.value)
                                          if usable else None)
    if not rows:
        return b""
    with tempfile.TemporaryDirectory(prefix="fieldwork-report-") as folder:
        path = Path(folder) / "flow.png"
        save_flow_figure(Progress(rows, retention, 0, []), path, title)
        return path.read_bytes()


def score_figure(table: ReportTable, groups: dict[tuple[int, str], list[float]], threshold: int,
                 cutoff: float) -> Any:
    """Box plots of SCORE-15 totals per wave and support level, for groups of ``threshold`` or more."""
    figure = _new_figure(8.0, 4.2)
    ax = figure.add_subplot(1, 1, 1)
    shown = {k: v for k, v in groups.items() if len(v) >= threshold}
    labels = [f"W{wave}\n{level or 'no level'}" for wave, level in shown]
    if shown:
        # Whiskers at the minimum and maximum and no outlier points: the box shows the
        # table's median and range, never a single family's score on its own.
        ax.boxplot(list(shown.values()), tick_labels=labels, widths=0.5, whis=(0, 100),
                   showfliers=False)
    else:
        ax.text(0.5, 0.5, f"No group has {threshold} or more complete totals: nothing to show.",
                ha="center", va="center", transform=ax.transAxes)
        ax.set_xticks([])
    for value, words, style in ((MEAN_TOTAL_NON_CLINICAL, "non-clinical mean 26", ":"),
                                (MEAN_TOTAL_AT_START_OF_THERAPY, "start of therapy mean 39", "--"),
                                (cutoff, f"clinical cut-off {cutoff:g}", "-")):
        ax.axhline(value, color="#c62828" if style == "-" else "#555555", linestyle=style, linewidth=1)
        ax.text(1.0, value, f" {words}", transform=ax.get_yaxis_transform(), va="center", fontsize=8)
    ax.set_ylim(15, 75)
    ax.set_ylabel("SCORE-15 total (higher = more difficulty)")
    ax.set_title("SCORE-15 totals by wave and network support level", fontsize=10)
    hidden = len(groups) - len(shown)
    if hidden:
        ax.text(0, -0.28, f"{hidden} group(s) with fewer than {threshold} complete totals not drawn.",
                transform=ax.transAxes, fontsize=8, color="#555555")
    return figure


def composition_figure(table: ReportTable, columns: list[str]) -> Any:
    """Stacked bars: mean people per sector on a map, at each wave (waves shown in the table)."""
    figure = _new_figure(7.0, 3.8)
    ax = figure.add_subplot(1, 1, 1)
    indexes = [table.header.index(c) for c in columns]
    drawn, top = 0, 0.0
    for position, row in enumerate(table.rows):
        bottom = 0.0
        for colour, index in zip(COLOURS, indexes, strict=False):
            cell = row[index]
            if cell.withheld or not isinstance(cell.value, float) or cell.shown.startswith("n<"):
                continue
            ax.bar(position, cell.value, bottom=bottom, color=colour, width=0.6,
                   label=table.header[index] if drawn == 0 else None)
            bottom += cell.value
        if bottom == 0:  # in axes height, so an empty chart keeps a sensible scale
            ax.text(position, 0.5, f"maps: {row[1].shown}\nnot shown", ha="center", fontsize=8,
                    transform=ax.get_xaxis_transform())
        else:
            drawn += 1
        top = max(top, bottom)
    ax.set_xticks(range(len(table.rows)), [str(r[0].value) for r in table.rows])
    ax.set_xlim(-0.6, len(table.rows) - 0.4)
    ax.set_ylim(0, max(top, 1.0) * 1.12)
    ax.set_ylabel("People on a map (mean)")
    ax.set_title("Network composition at each wave", fontsize=10)
    if drawn:
        ax.legend(fontsize=8, loc="upper left", bbox_to_anchor=(1.0, 1.0))
    return figure


def any_count_shown(table: ReportTable, rows: list[list[Cell]], columns: list[str]) -> bool:
    """Whether a bar chart of these counts would draw a bar: some count above zero is shown.

    A chart whose every count is withheld is an empty frame (seen for Table 3.12 on the
    demo study); the report says so in words instead of drawing it.
    """
    indexes = [table.header.index(c) for c in columns]
    return any(isinstance(row[i].value, int) and not row[i].withheld and row[i].value > 0
               for row in rows for i in indexes)


def count_bars(table: ReportTable, rows: list[list[Cell]], columns: list[str], title: str) -> Any:
    """Grouped horizontal bars of counts; a withheld count is no bar, labelled as shown."""
    figure = _new_figure(8.0, 0.5 + 0.32 * len(rows) * len(columns) + 0.4 * len(rows))
    ax = figure.add_subplot(1, 1, 1)
    indexes = [table.header.index(c) for c in columns]
    height = 0.8 / len(columns)
    for position, row in enumerate(rows):
        for offset, (colour, index) in enumerate(zip(COLOURS, indexes, strict=False)):
            cell = row[index]
            y = position + offset * height
            value = 0 if cell.withheld or not isinstance(cell.value, int) else cell.value
            ax.barh(y, value, height=height * 0.9, color=colour,
                    label=table.header[index] if position == 0 else None)
            ax.text(value, y, f" {cell.shown}", va="center", fontsize=7)
    ax.set_yticks([p + 0.4 - height / 2 for p in range(len(rows))],
                  [_wrap(str(r[0].value)) for r in rows], fontsize=7)
    from matplotlib.ticker import MaxNLocator

    largest = max([c.value for r in rows for c in (r[i] for i in indexes)
                   if isinstance(c.value, int) and not c.withheld] + [1])
    ax.set_xlim(0, largest * 1.15 + 0.5)  # room for the labels; an empty chart still has an axis
    ax.xaxis.set_major_locator(MaxNLocator(integer=True))
    ax.invert_yaxis()
    ax.set_xlabel("Count (a withheld count is no bar, labelled as in the table)")
    ax.set_title(title, fontsize=10)
    ax.legend(fontsize=7, loc="upper left", bbox_to_anchor=(1.0, 1.0))
    return figure


def _wrap(text: str, width: int = 42) -> str:
    import textwrap

    return "\n".join(textwrap.wrap(text, width)) or text
