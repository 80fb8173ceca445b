"""'Save map picture': a family network map drawn to PNG or PDF with matplotlib, Qt-free.

Owns the picture's layout (rings, sector wedges and titles, the centre, people, the lines
for each kind of tie, the ring prompts and a legend: the same as on screen, in the shared
look of ``domain.map_look``, whose ``place_labels`` keeps the names apart and off the
sector titles, measured here with matplotlib's text extents), and the names of the files:
``exports_folder`` beside the study and ``picture_name`` (family code, wave, date).
Labels are the names as the respondent said them, or
pseudonym codes (C for the centre, P01, P02, ... in the order people were named) for a
picture that leaves the office. A wave-2 picture can show the earlier placement faintly.

matplotlib is imported only inside the functions that draw, and never through pyplot, so
importing this module costs nothing and never touches Qt.
"""

from __future__ import annotations

import math
import textwrap
from datetime import date
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
from fieldwork.domain.map_look import (  # noqa: F401 (TIE_STYLES, TieStyle and zigzag were defined here first)
    CENTRE_DOT,
    CENTRE_FILL,
    DOT_OUTLINE,
    LABEL_GAP,
    PERSON_DOT,
    RING_LINE,
    RING_NUMBER_ANGLE,
    SECTOR_ALPHA,
    SECTOR_LINE,
    TEXT_DARK,
    TEXT_GREY,
    TIE_STYLES,
    LabelRequest,
    Rect,
    TieStyle,
    place_labels,
    sector_colour,
    tie_style,
    zigzag,
)
from fieldwork.domain.network_codes import CLOSENESS, OFF_MAP_REASONS
from fieldwork.domain.network_map import NetworkMap

if TYPE_CHECKING:
    from matplotlib.figure import Figure

FORMATS = ("png", "pdf")
_FONT_SIZE = 8.5  # names, in points
_TITLE_SIZE = 9.5


def exports_folder(study_path: Path | str) -> Path:
    """Where files that leave a study go by default: ``<study stem> exports/`` beside the study."""
    study_path = Path(study_path)
    return study_path.parent / f"{study_path.stem} exports"


def picture_name(family_code: str, wave: int, when: date, use_codes: bool = False) -> str:
    """``F001-wave1-2026-12-01-map`` (``-codes`` with pseudonym codes): the picture's file
    stem and, with spaces, its title, so a printed map says whose and when."""
    if not family_code or "/" in family_code or "\\" in family_code:
        raise InvalidInput("family code", f"'{family_code}' cannot name a file.")
    return f"{family_code}-wave{wave}-{when.isoformat()}-map" + ("-codes" if use_codes else "")


def picture_title(family_code: str, wave: int, when: date) -> str:
    return f"Family {family_code} · wave {wave} · network map · {when.isoformat()}"


def pseudonym_codes(network: NetworkMap, earlier: NetworkMap | None = None) -> dict[str, str]:
    """C for the centre, then P01, P02, ... in the order people were named; with an
    earlier wave, its people first, so a person keeps their code across the waves."""
    codes = {network.centre.key: "C"}
    people = (earlier.people() if earlier is not None else []) + network.people()
    for p in people:
        if p.key not in codes:
            codes[p.key] = f"P{len(codes):02d}"
    return codes


def _extent(ax: Any, renderer: Any, text: Any) -> Rect:
    """Where a drawn text lies, in the map's units (y up)."""
    box = text.get_window_extent(renderer).transformed(ax.transData.inverted())
    return Rect(box.x0, box.y0, box.x1, box.y1)


def _place_titles(ax: Any, renderer: Any, network: NetworkMap) -> list[Rect]:
    """Each sector's title just outside the outer ring, pointing away from the centre."""
    settings = network.settings
    rects = []
    for code in settings.sector_codes:
        a = math.radians(settings.middle_angle(code))
        ux, uy = math.cos(a), math.sin(a)
        ha = "left" if ux > 0.3 else "right" if ux < -0.3 else "center"
        va = "bottom" if uy > 0.3 else "top" if uy < -0.3 else "center"
        wrap = 26 if abs(uy) > 0.7 else 14  # above and below the circle there is room across
        text = ax.text(1.02 * ux, 1.02 * uy, textwrap.fill(settings.sector(code).label, wrap), ha=ha,
                       va=va, fontsize=_TITLE_SIZE, fontweight="bold", color=TEXT_DARK,
                       multialignment="center", gid=f"title:{code}")
        rects.append(_extent(ax, renderer, text))
    return rects


def _place_names(ax: Any, renderer: Any, network: NetworkMap, names: dict[str, str],
                 points: dict[str, tuple[float, float]], titles: list[Rect]) -> None:
    """Every name beside its dot, none over another or over a sector title (``place_labels``),
    with a thin line back to the dot where a name had to move away."""
    pad = ax.transData.inverted().transform((2.0, 2.0)) - ax.transData.inverted().transform((0.0, 0.0))
    texts, requests = {}, []
    for p in network.people_on_map():
        text = ax.text(0, 0, textwrap.fill(names[p.key], 18), ha="left", va="bottom",
                       fontsize=_FONT_SIZE, zorder=5, gid=f"name:{p.key}",
                       bbox={"boxstyle": "round,pad=0.1", "facecolor": "white", "alpha": 0.8,
                             "edgecolor": "none"})
        size = _extent(ax, renderer, text)
        texts[p.key] = text
        requests.append(LabelRequest(p.key, *points[p.key], size.width + 2 * pad[0],
                                     size.height + 2 * pad[1]))
    centre = Rect.around(0.0, 0.0, CENTRE_DOT + 0.01)
    placed = place_labels(requests, gap=LABEL_GAP, dot=PERSON_DOT + 0.01, obstacles=[*titles, centre],
                          bounds=Rect(ax.get_xlim()[0], ax.get_ylim()[0], ax.get_xlim()[1], ax.get_ylim()[1]))
    for key, spot in placed.items():
        texts[key].set_position((spot.rect.left + pad[0], spot.rect.low + pad[1]))
        if spot.leader:
            x, y = points[key]
            ex, ey = spot.leader_end(x, y)
            length = math.hypot(ex - x, ey - y) or 1.0
            sx, sy = x + (ex - x) / length * PERSON_DOT, y + (ey - y) / length * PERSON_DOT
            ax.plot((sx, ex), (sy, ey), color=TEXT_GREY, linewidth=0.7, zorder=4)


def _draw_line(ax: Any, a: tuple[float, float], b: tuple[float, float], closeness: str | None,
               alpha: float = 1.0) -> None:
    style = tie_style(closeness)
    if style.zigzag:
        xs, ys = zip(*zigzag(*a, *b, step=0.035, amplitude=0.012), strict=True)
    else:
        xs, ys = (a[0], b[0]), (a[1], b[1])
    ax.plot(xs, ys, color=style.colour, linewidth=style.width, alpha=alpha, zorder=2,
            linestyle=(0, (4, 3)) if style.dashed else "solid", solid_capstyle="round")


def draw_map_figure(network: NetworkMap, *, use_codes: bool = False,
                    earlier: NetworkMap | None = None, title: str = "") -> Figure:
    """The map as a matplotlib ``Figure`` (not yet saved)."""
    from matplotlib.backends.backend_agg import FigureCanvasAgg
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
    renderer = FigureCanvasAgg(fig).get_renderer()
    ax = fig.add_axes((0.01, 0.03, 0.64, 0.9))
    ax.set_xlim(-1.45, 1.45)
    ax.set_ylim(-1.3, 1.3)
    ax.set_aspect("equal")
    ax.axis("off")
    ax.apply_aspect()  # the text is measured in the map's units: the axes must have their final shape
    colours = {code: sector_colour(i) for i, code in enumerate(settings.sector_codes)}
    for code in settings.sector_codes:
        start, end = settings.sector_span(code)
        ax.add_patch(Wedge((0, 0), 1.0, start, end, facecolor=colours[code], alpha=SECTOR_ALPHA,
                           edgecolor="none", zorder=0))
    titles = _place_titles(ax, renderer, network)
    for ring in range(1, settings.rings + 1):
        _inner, outer = ring_band(ring, settings)
        ax.add_patch(Circle((0, 0), outer, fill=False, edgecolor=RING_LINE, linewidth=1, zorder=1))
        number_at = math.radians(RING_NUMBER_ANGLE)
        r = outer - 0.03
        ax.text(r * math.cos(number_at), r * math.sin(number_at), str(ring), ha="center",
                va="center", fontsize=8, color=TEXT_GREY)
    ax.add_patch(Circle((0, 0), CENTRE_DISC_RADIUS, fill=False, edgecolor=RING_LINE,
                        linewidth=0.8, linestyle=":", zorder=1))
    for angle in sector_boundary_angles(settings):
        a = math.radians(angle)
        ax.plot((CENTRE_DISC_RADIUS * math.cos(a), math.cos(a)),
                (CENTRE_DISC_RADIUS * math.sin(a), math.sin(a)), color=SECTOR_LINE, linewidth=0.8, zorder=1)

    points = {p.key: point_for(p.placement, settings) for p in network.people_on_map()}
    if earlier is not None:
        for p in earlier.people_on_map():
            old = point_for(p.placement, earlier.settings)
            ax.add_patch(Circle(old, 0.025, facecolor="#bbbbbb", alpha=0.35, edgecolor="#888888",
                                linestyle="--", zorder=2))
            if p.key in points and points[p.key] != old:
                ax.annotate("", xy=points[p.key], xytext=old, zorder=2,
                            arrowprops={"arrowstyle": "->", "color": "#888888", "alpha": 0.6})
            elif p.key not in points:  # gone from the map: its faint name keeps the others off
                gone = ax.text(old[0], old[1] - 0.045, names[p.key], ha="center",
                               va="top", fontsize=7, color="#888888", alpha=0.7, gid=f"gone:{p.key}")
                titles.append(_extent(ax, renderer, gone))
    for p in network.people_on_map():
        _draw_line(ax, (0.0, 0.0), points[p.key], p.closeness, alpha=0.55)
    for t in network.ties():
        if t.a in points and t.b in points:
            _draw_line(ax, points[t.a], points[t.b], t.closeness)
    for p in network.people_on_map():
        x, y = points[p.key]
        ax.add_patch(Circle((x, y), PERSON_DOT, facecolor=colours.get(p.sector, "#dddddd"),
                            edgecolor=DOT_OUTLINE, linewidth=2.2 if p.is_respondent else 1.0, zorder=3))
        if p.lives_in_household:
            ax.add_patch(Circle((x, y), PERSON_DOT + 0.011, fill=False, edgecolor=DOT_OUTLINE,
                                linewidth=0.8, zorder=3))
    _place_names(ax, renderer, network, names, points, titles)
    ax.add_patch(Circle((0, 0), CENTRE_DOT, facecolor=CENTRE_FILL, edgecolor=DOT_OUTLINE, linewidth=1.6,
                        zorder=3))
    ax.text(0, 0, textwrap.fill(names[network.centre.key], 12), ha="center", va="center", fontsize=9,
            fontweight="bold", zorder=4, bbox={"boxstyle": "round,pad=0.2", "facecolor": CENTRE_FILL,
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
