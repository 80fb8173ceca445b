"""'Save map picture': a family network map drawn to PNG or PDF with matplotlib, Qt-free.

Owns the picture's layout (rings, sector wedges and labels, the centre, people, the lines
for each kind of tie, the ring prompts and a legend: the same as on screen), the line
styles by closeness (``TIE_STYLES``, which the screen also follows) and ``zigzag``, the
path of a 'difficult' tie. Labels are the names as the respondent said them, or
pseudonym codes (C for the centre, P01, P02, ... in the order people were named) for a
picture that leaves the office. A wave-2 picture can show the earlier placement faintly.

matplotlib is imported only inside the functions that draw, and never through pyplot, so
importing this module costs nothing and never touches Qt.
"""

from __future__ import annotations

import math
import textwrap
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING, Any

from fieldwork.domain.errors import InvalidInput
from fieldwork.domain.map_geometry import (
    CENTRE_DISC_RADIUS,
    CONVOY_RING_PROMPTS,
    point_for,
    ring_band,
    sector_boundary_angles,
)
from fieldwork.domain.network_codes import CLOSENESS, OFF_MAP_REASONS
from fieldwork.domain.network_map import NetworkMap

if TYPE_CHECKING:
    from matplotlib.figure import Figure

FORMATS = ("png", "pdf")
_RING_NUMBER_ANGLE = 232.0  # ring numbers sit low on the left, where few people are placed


@dataclass(frozen=True)
class TieStyle:
    """How a tie of one closeness is drawn: colour (#rrggbb), width in points, dashes, zig-zag."""

    colour: str
    width: float
    dashed: bool = False
    zigzag: bool = False


# Eco-map convention: the heavier the line, the closer the tie; a loose tie is dashed;
# a difficult tie is a red zig-zag, so it cannot be mistaken for anything else.
TIE_STYLES: dict[str | None, TieStyle] = {
    "very_close": TieStyle("#1f3a5f", 3.2),
    "moderately_close": TieStyle("#1f3a5f", 1.6),
    "loose": TieStyle("#4a5a6a", 1.2, dashed=True),
    "difficult": TieStyle("#c62828", 1.8, zigzag=True),
    None: TieStyle("#9aa5b1", 0.8, dashed=True),
}
SECTOR_COLOURS: tuple[str, ...] = ("#f4c7a1", "#b9dfb0", "#c4d4f2", "#e7c5e8", "#f2e6a6", "#bfe6e4")


def zigzag(x1: float, y1: float, x2: float, y2: float, step: float, amplitude: float) -> list[tuple[float, float]]:
    """Points of a zig-zag from (x1, y1) to (x2, y2): teeth about ``step`` apart,
    ``amplitude`` to either side; straight for the first and last half tooth."""
    length = math.hypot(x2 - x1, y2 - y1)
    if length < 2 * step:
        return [(x1, y1), (x2, y2)]
    ux, uy = (x2 - x1) / length, (y2 - y1) / length
    nx_, ny_ = -uy, ux
    teeth = max(2, int(length / step))
    points = [(x1, y1)]
    for i in range(1, teeth):
        t = i / teeth * length
        side = amplitude if i % 2 else -amplitude
        points.append((x1 + ux * t + nx_ * side, y1 + uy * t + ny_ * side))
    points.append((x2, y2))
    return points


def label_levels(network: NetworkMap, label_width: float, levels: int = 3) -> dict[str, int]:
    """How far out each on-map person's label goes (0, 1, 2 lines), so neighbours in one
    ring do not pile their labels up. Greedy by angle: each label takes the lowest level
    whose last label is at least ``label_width`` (normalised units of arc) away."""
    settings = network.settings
    result: dict[str, int] = {}
    for ring in range(1, settings.rings + 1):
        inner, outer = ring_band(ring, settings)
        min_gap = math.degrees(label_width / ((inner + outer) / 2))
        last: list[float] = []
        for p in sorted((p for p in network.people_on_map() if p.ring == ring),
                        key=lambda p: p.angle or 0.0):
            angle = p.angle or 0.0
            level = min(next((n for n, a in enumerate(last) if angle - a >= min_gap), len(last)),
                        levels - 1)
            last[level:level + 1] = [angle]
            result[p.key] = level
    return result


def pseudonym_codes(network: NetworkMap, earlier: NetworkMap | None = None) -> dict[str, str]:
    """C for the centre, then P01, P02, ... in the order people were named; with an
    earlier wave, its people first, so a person keeps their code across the waves."""
    codes = {network.centre.key: "C"}
    people = (earlier.people() if earlier is not None else []) + network.people()
    for p in people:
        if p.key not in codes:
            codes[p.key] = f"P{len(codes):02d}"
    return codes


def _label_place(x: float, y: float, gap: float) -> tuple[float, float, str, str]:
    """Where a person's label goes: just outside their dot, away from the centre, so
    labels of people in one ring spread out instead of piling up."""
    r = math.hypot(x, y) or 1.0
    ux, uy = x / r, y / r
    ha = "left" if ux > 0.35 else "right" if ux < -0.35 else "center"
    va = "bottom" if uy > 0.35 else "top" if uy < -0.35 else "center"
    return x + ux * gap, y + uy * gap, ha, va


def _draw_line(ax: Any, a: tuple[float, float], b: tuple[float, float], closeness: str | None,
               alpha: float = 1.0) -> None:
    style = TIE_STYLES.get(closeness, TIE_STYLES[None])
    if style.zigzag:
        xs, ys = zip(*zigzag(*a, *b, step=0.035, amplitude=0.012), strict=True)
    else:
        xs, ys = (a[0], b[0]), (a[1], b[1])
    ax.plot(xs, ys, color=style.colour, linewidth=style.width, alpha=alpha, zorder=2,
            linestyle=(0, (4, 3)) if style.dashed else "solid", solid_capstyle="round")


def draw_map_figure(network: NetworkMap, *, use_codes: bool = False,
                    earlier: NetworkMap | None = None, title: str = "") -> Figure:
    """The map as a matplotlib ``Figure`` (not yet saved)."""
    from matplotlib.figure import Figure
    from matplotlib.lines import Line2D
    from matplotlib.patches import Circle, Wedge

    settings = network.settings
    if use_codes:
        names = pseudonym_codes(network, earlier)
    else:
        names = {p.key: p.label for p in (earlier.people() if earlier is not None else [])}
        names.update({network.centre.key: network.centre.label,
                      **{p.key: p.label for p in network.people()}})
    fig = Figure(figsize=(11.7, 8.3))  # A4 landscape
    ax = fig.add_axes((0.02, 0.04, 0.62, 0.88))
    ax.set_xlim(-1.2, 1.2)
    ax.set_ylim(-1.15, 1.15)
    ax.set_aspect("equal")
    ax.axis("off")
    colours = {code: SECTOR_COLOURS[i % len(SECTOR_COLOURS)] for i, code in enumerate(settings.sector_codes)}
    for code in settings.sector_codes:
        start, end = settings.sector_span(code)
        ax.add_patch(Wedge((0, 0), 1.0, start, end, facecolor=colours[code], alpha=0.25,
                           edgecolor="none", zorder=0))
        mid = math.radians(settings.middle_angle(code))
        ax.text(1.08 * math.cos(mid), 1.08 * math.sin(mid), settings.sector(code).label,
                ha="center", va="center", fontsize=9, color="#333333", wrap=True)
    for ring in range(1, settings.rings + 1):
        _inner, outer = ring_band(ring, settings)
        ax.add_patch(Circle((0, 0), outer, fill=False, edgecolor="#7b8794", linewidth=1, zorder=1))
        number_at = math.radians(_RING_NUMBER_ANGLE)
        r = outer - 0.03
        ax.text(r * math.cos(number_at), r * math.sin(number_at), str(ring), ha="center",
                va="center", fontsize=8, color="#52606d")
    ax.add_patch(Circle((0, 0), CENTRE_DISC_RADIUS, fill=False, edgecolor="#7b8794",
                        linewidth=0.8, linestyle=":", zorder=1))
    for angle in sector_boundary_angles(settings):
        a = math.radians(angle)
        ax.plot((CENTRE_DISC_RADIUS * math.cos(a), math.cos(a)),
                (CENTRE_DISC_RADIUS * math.sin(a), math.sin(a)), color="#9aa5b1", linewidth=0.8, zorder=1)

    points = {p.key: point_for(p.placement, settings) for p in network.people_on_map()}
    if earlier is not None:
        for p in earlier.people_on_map():
            old = point_for(p.placement, earlier.settings)
            ax.add_patch(Circle(old, 0.025, facecolor="#bbbbbb", alpha=0.35, edgecolor="#888888",
                                linestyle="--", zorder=2))
            if p.key in points and points[p.key] != old:
                ax.annotate("", xy=points[p.key], xytext=old, zorder=2,
                            arrowprops={"arrowstyle": "->", "color": "#888888", "alpha": 0.6})
            elif p.key not in points:
                ax.text(old[0], old[1] - 0.045, names[p.key], ha="center",
                        va="top", fontsize=7, color="#888888", alpha=0.7)
    for p in network.people_on_map():
        _draw_line(ax, (0.0, 0.0), points[p.key], p.closeness, alpha=0.55)
    for t in network.ties():
        if t.a in points and t.b in points:
            _draw_line(ax, points[t.a], points[t.b], t.closeness)
    levels = label_levels(network, 0.22)
    for p in network.people_on_map():
        x, y = points[p.key]
        ax.add_patch(Circle((x, y), 0.03, facecolor=colours.get(p.sector, "#dddddd"),
                            edgecolor="#1f2933", linewidth=2.2 if p.is_respondent else 1.0, zorder=3))
        if p.lives_in_household:
            ax.add_patch(Circle((x, y), 0.041, fill=False, edgecolor="#1f2933", linewidth=0.8, zorder=3))
        lx, ly, ha, va = _label_place(x, y, 0.045 + 0.045 * levels[p.key])
        ax.text(lx, ly, textwrap.fill(names[p.key], 18), ha=ha, va=va, fontsize=8, zorder=4,
                bbox={"boxstyle": "round,pad=0.15", "facecolor": "white", "alpha": 0.7,
                      "edgecolor": "none"})
    ax.add_patch(Circle((0, 0), 0.07, facecolor="#fff8e1", edgecolor="#1f2933", linewidth=1.6, zorder=3))
    ax.text(0, 0, textwrap.fill(names[network.centre.key], 12), ha="center", va="center", fontsize=9,
            fontweight="bold", zorder=4, bbox={"boxstyle": "round,pad=0.2", "facecolor": "#fff8e1",
                                                "alpha": 0.85, "edgecolor": "none"})

    side = fig.add_axes((0.66, 0.04, 0.32, 0.88))
    side.axis("off")
    lines = [Line2D([0], [0], color=TIE_STYLES[c].colour, linewidth=TIE_STYLES[c].width,
                    linestyle="--" if TIE_STYLES[c].dashed else "-") for c in CLOSENESS]
    lines[-1] = Line2D([0], [0], color=TIE_STYLES["difficult"].colour, linewidth=1.8,
                       marker=r"$\wedge\vee\wedge$", markersize=14)
    labels = [CLOSENESS[c] for c in CLOSENESS]
    labels[-1] += " (red zig-zag)"
    side.legend(lines, labels, loc="upper left", title="Kind of tie",
                frameon=False, fontsize=9, title_fontsize=10)
    prompts = [f"{n}  {text}" for n, text in enumerate(settings.ring_prompts or (), start=1) if text]
    english = [f"{n}  {text}" for n, text in enumerate(CONVOY_RING_PROMPTS, start=1)]
    if prompts and prompts != english[: len(prompts)] and settings.rings == len(CONVOY_RING_PROMPTS):
        prompts += ["", "In English:", *english]
    text = "Rings\n" + "\n".join(textwrap.fill(p, 44, subsequent_indent="    ") for p in prompts)
    off = network.people_off_map()
    if off:
        text += "\n\nOff the map\n" + "\n".join(
            f"{names[p.key]}: {OFF_MAP_REASONS.get(p.off_map_reason or '', '')}" for p in off)
    if earlier is not None:
        text += "\n\nFaint grey: where people were at the earlier wave."
    side.text(0.0, 0.62, text, va="top", ha="left", fontsize=9, wrap=True)
    if title:
        fig.suptitle(title, fontsize=13)
    return fig


def save_map_picture(network: NetworkMap, path: Path | str, *, use_codes: bool = False,
                     earlier: NetworkMap | None = None, title: str = "") -> Path:
    """Write one picture; the file's suffix (.png or .pdf) says which."""
    from matplotlib.backends.backend_agg import FigureCanvasAgg

    path = Path(path)
    fmt = path.suffix.lower().lstrip(".")
    if fmt not in FORMATS:
        raise InvalidInput("picture file", f"must end in .png or .pdf, not '{path.suffix}'.")
    fig = draw_map_figure(network, use_codes=use_codes, earlier=earlier, title=title)
    FigureCanvasAgg(fig)
    fig.savefig(path, format=fmt, dpi=150)
    return path


def save_map_pictures(network: NetworkMap, stem: Path | str, **options: Any) -> list[Path]:
    """Write both a PNG and a PDF beside each other: ``stem``.png and ``stem``.pdf."""
    stem = Path(stem)
    return [save_map_picture(network, stem.with_suffix(f".{fmt}"), **options) for fmt in FORMATS]
