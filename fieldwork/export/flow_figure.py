"""The recruitment flow diagram (CONSORT-style) and its table, from the progress figures.

Owns drawing the flow of families through the fieldwork — approached, not taken further
(not eligible, declined, not contactable), agreed, wave 1 (interviewed, stopped, withdrew),
then each later wave (approached, lost with why, interviewed, retention) — from a
``Progress`` (``fieldwork.domain.fieldwork_progress``), the same figures as the Fieldwork
view and ``progress``. Drawn with matplotlib's Agg canvas (no pyplot, no display), to PNG
or PDF by the file's suffix. Qt-free.
"""

from __future__ import annotations

from pathlib import Path

from fieldwork.domain.errors import FieldworkError
from fieldwork.domain.fieldwork_progress import ALL_SITES, STAGES, Progress

FORMATS = (".png", ".pdf")
SIDE = 0.56  # where the boxes of families not taken further start


def flow_table(progress: Progress) -> list[dict[str, object]]:
    """One row per wave, site and stage: what the figure is drawn from (and flow.csv holds)."""
    return [{"wave": row.wave, "site": row.site, "stage": stage, "families": row.counts[stage]}
            for row in progress.rows for stage in STAGES]


def _box(ax, x: float, y: float, text: str, width: float = 0.36, side: bool = False) -> None:  # noqa: ANN001
    # Side boxes start at x (their arrow ends there); boxes on the main line are centred.
    ax.text(x, y, text, ha="left" if side else "center", va="center", fontsize=9,
            bbox={"boxstyle": "round,pad=0.5", "facecolor": "#f4f4f4" if side else "#ffffff",
                  "edgecolor": "#555555"})


def _arrow(ax, start: tuple[float, float], end: tuple[float, float]) -> None:  # noqa: ANN001
    ax.annotate("", xy=end, xytext=start, arrowprops={"arrowstyle": "->", "color": "#333333"})


def save_flow_figure(progress: Progress, path: Path | str, title: str = "") -> Path:
    """Draw the flow of all sites to ``path`` (.png or .pdf)."""
    from matplotlib.backends.backend_agg import FigureCanvasAgg
    from matplotlib.figure import Figure

    path = Path(path)
    if path.suffix.lower() not in FORMATS:
        raise FieldworkError(f"{path}: the flow diagram is written as .png or .pdf.")
    waves = sorted({row.wave for row in progress.rows})
    first = progress.row(1, ALL_SITES).counts
    height = 4.6 + 2.4 * (len(waves) - 1)
    figure = Figure(figsize=(8.3, height))
    FigureCanvasAgg(figure)
    ax = figure.add_axes((0, 0, 1, 1))
    ax.set_xlim(0, 1)
    ax.set_ylim(0, height)
    ax.axis("off")
    y = height - 0.5
    if title:
        ax.text(0.5, y, title, ha="center", va="center", fontsize=11, weight="bold")
        y -= 0.6
    _box(ax, 0.3, y, f"Families approached\nn = {first['approached']}")
    _arrow(ax, (0.3, y - 0.3), (0.3, y - 1.0))
    _box(ax, SIDE, y - 0.55, f"Not taken further\nnot eligible {first['not_eligible']}, declined "
                             f"{first['declined']},\nnot contactable {first['uncontactable']}", side=True)
    _arrow(ax, (0.3, y - 0.55), (SIDE - 0.02, y - 0.55))
    y -= 1.3
    _box(ax, 0.3, y, f"Agreed to take part\nn = {first['agreed']}")
    _arrow(ax, (0.3, y - 0.3), (0.3, y - 1.0))
    y -= 1.3
    _box(ax, 0.3, y, f"Wave 1 interviewed\nn = {first['interviewed']}")
    _box(ax, SIDE, y, f"Wave 1 stopped {first['stopped']}\nwithdrew {first['withdrew']}", side=True)
    for wave in waves[1:]:
        counts = progress.row(wave, ALL_SITES).counts
        retention = progress.retention.get((wave, ALL_SITES))
        kept = "" if retention is None else f" ({100 * retention:.0f}% of wave 1)"
        _arrow(ax, (0.3, y - 0.3), (0.3, y - 2.1))
        _box(ax, SIDE, y - 1.2, f"Wave {wave}: approached {counts['approached']}\nlost: declined "
                                f"{counts['declined']}, uncontactable {counts['uncontactable']},\n"
                                f"withdrew {counts['withdrew']}, stopped {counts['stopped']}", side=True)
        _arrow(ax, (0.3, y - 1.2), (SIDE - 0.02, y - 1.2))
        y -= 2.4
        _box(ax, 0.3, y, f"Wave {wave} interviewed\nn = {counts['interviewed']}{kept}")
    if progress.erased_families:
        ax.text(0.02, 0.12, f"Not shown: families erased after withdrawing ({progress.erased_families}).",
                fontsize=8, color="#555555")
    figure.savefig(path, dpi=150)
    return path
