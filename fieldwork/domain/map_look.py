"""How a family network map looks, wherever it is drawn: the screen and the saved picture.

Owns the map's shared look — the colour of each sector, the line style of each kind of
tie (``TIE_STYLES``, the eco-map convention), the zig-zag of a difficult tie, the sizes of
the dots and where the ring numbers sit — and ``place_labels``, which puts every person's
name beside their dot so that no two names overlap and none covers a sector's title.

Qt-free and matplotlib-free: the callers measure the text (Qt font metrics on screen,
matplotlib text extents in the picture) and pass sizes in the map's own units; the
placement is plain geometry. Coordinates may grow up or down: the rules only use
"away from the centre", so the scene (y down) and the picture (y up) both use them as is.
"""

from __future__ import annotations

import math
from collections.abc import Iterable, Sequence
from dataclasses import dataclass

__all__ = ["LABEL_GAP", "PERSON_DOT", "RING_NUMBER_ANGLE", "SECTOR_COLOURS", "TIE_STYLES",
           "LabelRequest", "PlacedLabel", "Rect", "TieStyle", "overlapping", "place_labels", "sector_colour",
           "zigzag"]

# Normalised map units (the outer ring has radius 1.0).
PERSON_DOT = 0.033  # radius of a person's dot
CENTRE_DOT = 0.075  # radius of the centre person's disc
LABEL_GAP = 0.012  # between a dot and its label
RING_NUMBER_ANGLE = 232.0  # ring numbers sit low on the left, where few people are placed
RING_LINE, SECTOR_LINE, TEXT_DARK, TEXT_GREY = "#7b8794", "#9aa5b1", "#3e4c59", "#52606d"
CENTRE_FILL, DOT_OUTLINE = "#fff8e1", "#1f2933"
SECTOR_COLOURS: tuple[str, ...] = ("#f4c7a1", "#b9dfb0", "#c4d4f2", "#e7c5e8", "#f2e6a6", "#bfe6e4")
SECTOR_ALPHA = 0.27  # how strongly a sector's wedge is tinted


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


def tie_style(closeness: str | None) -> TieStyle:
    return TIE_STYLES.get(closeness, TIE_STYLES[None])


def sector_colour(index: int) -> str:
    """The colour of the sector at this position in the map's settings (colours repeat)."""
    return SECTOR_COLOURS[index % len(SECTOR_COLOURS)]


def zigzag(x1: float, y1: float, x2: float, y2: float, step: float,
           amplitude: float) -> list[tuple[float, float]]:
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


# --- where the names go -------------------------------------------------------------------

@dataclass(frozen=True)
class Rect:
    """An axis-aligned rectangle: ``left`` < ``right``, ``low`` < ``high`` (whichever way y grows)."""

    left: float
    low: float
    right: float
    high: float

    @classmethod
    def around(cls, x: float, y: float, half: float) -> Rect:
        return cls(x - half, y - half, x + half, y + half)

    @property
    def width(self) -> float:
        return self.right - self.left

    @property
    def height(self) -> float:
        return self.high - self.low

    def intersects(self, other: Rect) -> bool:
        """True when the two share any area (touching edges do not count)."""
        return (self.left < other.right and other.left < self.right
                and self.low < other.high and other.low < self.high)

    def inside(self, other: Rect) -> bool:
        return (self.left >= other.left and self.right <= other.right
                and self.low >= other.low and self.high <= other.high)

    def distance_to(self, x: float, y: float) -> float:
        dx = max(self.left - x, 0.0, x - self.right)
        dy = max(self.low - y, 0.0, y - self.high)
        return math.hypot(dx, dy)


@dataclass(frozen=True)
class LabelRequest:
    """A name to place: whose, the centre of their dot, and the measured size of the text."""

    key: str
    x: float
    y: float
    width: float
    height: float


@dataclass(frozen=True)
class PlacedLabel:
    """Where a name went; ``leader`` when it sits away from its dot and needs a line to it."""

    key: str
    rect: Rect
    leader: bool

    def leader_end(self, x: float, y: float) -> tuple[float, float]:
        """The point of the label nearest to (x, y): where a leader line from the dot ends."""
        r = self.rect
        return min(max(x, r.left), r.right), min(max(y, r.low), r.high)


def _aligned(x: float, y: float, ux: float, uy: float, width: float, height: float) -> Rect:
    """A label of this size beside point (x, y), on the side the unit vector (ux, uy) points to."""
    left = x if ux > 0.3 else x - width if ux < -0.3 else x - width / 2
    low = y if uy > 0.3 else y - height if uy < -0.3 else y - height / 2
    return Rect(left, low, left + width, low + height)


_TURNS = (0, 25, -25, 50, -50, 80, -80, 115, -115, 150, -150, 180)  # degrees off "straight out"


def _candidates(request: LabelRequest, centre: tuple[float, float], start: float,
                step: float, reach: int) -> list[tuple[float, float, Rect]]:
    """Spots for one label, each with its cost: near the dot and straight out from the
    centre first (where a reader looks for it), then turned, then further away."""
    dx, dy = request.x - centre[0], request.y - centre[1]
    d = math.hypot(dx, dy)
    out = math.atan2(dy, dx) if d > 1e-12 else math.pi / 2
    found = []
    for n in range(reach):
        distance = start + n * step
        for turn in _TURNS:
            a = out + math.radians(turn)
            ux, uy = math.cos(a), math.sin(a)
            rect = _aligned(request.x + ux * distance, request.y + uy * distance, ux, uy,
                            request.width, request.height)
            found.append((distance * (1.0 + abs(turn) / 120.0), n, rect))
    found.sort(key=lambda c: (c[0], c[1]))
    return found


def place_labels(requests: Sequence[LabelRequest], *, centre: tuple[float, float] = (0.0, 0.0),
                 gap: float = LABEL_GAP, dot: float = PERSON_DOT,
                 obstacles: Iterable[Rect] = (), bounds: Rect | None = None,
                 step: float | None = None, reach: int = 14, spacing: float = 0.0) -> dict[str, PlacedLabel]:
    """Put each label beside its dot so that no two labels intersect and none covers an
    obstacle (the sector titles, the centre's disc), moving a label away — with a leader
    line back to its dot — where its own spot is taken.

    ``dot`` is the half-size of the square kept clear around every dot; ``bounds``, if
    given, is where labels should stay (they leave it only when there is no room left
    inside). ``step`` is how far each try moves further out (default: the typical label
    height); ``spacing`` is the clear space kept between two labels (so rounding to
    whole pixels never makes them touch). People are served inner ring first, then by
    angle, so the crowded middle gets the nearest spots. Always returns a spot for every request.
    """
    obstacles = list(obstacles)
    if not requests:
        return {}
    step = step or max(0.5 * sum(r.height for r in requests) / len(requests), gap, 1e-6)
    dots = {r.key: Rect.around(r.x, r.y, dot) for r in requests}
    placed: dict[str, PlacedLabel] = {}
    taken: list[Rect] = []

    def free(rect: Rect, key: str, *, mind_dots: bool, mind_bounds: bool) -> bool:
        if mind_bounds and bounds is not None and not rect.inside(bounds):
            return False
        if spacing:
            rect = Rect(rect.left - spacing, rect.low - spacing, rect.right + spacing, rect.high + spacing)
        if any(rect.intersects(o) for o in obstacles) or any(rect.intersects(t) for t in taken):
            return False
        return not mind_dots or not any(rect.intersects(b) for k, b in dots.items() if k != key)

    def order(r: LabelRequest) -> tuple[float, float]:
        return (round(math.hypot(r.x - centre[0], r.y - centre[1]), 6),
                math.atan2(r.y - centre[1], r.x - centre[0]))

    for request in sorted(requests, key=order):
        candidates = _candidates(request, centre, dot + gap, step, reach)
        chosen = None
        # Best: clear of every dot and inside the bounds; then allow covering another
        # dot; then leave the bounds; last, walk straight out until the way is clear.
        for mind_dots, mind_bounds in ((True, True), (False, True), (True, False), (False, False)):
            chosen = next((rect for _cost, _n, rect in candidates
                           if free(rect, request.key, mind_dots=mind_dots, mind_bounds=mind_bounds)), None)
            if chosen is not None:
                break
        n = reach
        while chosen is None:  # always ends: far enough out nothing has been placed
            rect = _candidates(request, centre, dot + gap + n * step, step, 1)[0][2]
            if free(rect, request.key, mind_dots=False, mind_bounds=False):
                chosen = rect
            n += 1
        taken.append(chosen)
        leader = chosen.distance_to(request.x, request.y) > gap + dot + 0.35 * step
        placed[request.key] = PlacedLabel(request.key, chosen, leader)
    return placed


def overlapping(rects: Sequence[Rect]) -> list[tuple[int, int]]:
    """The pairs of rectangles (by index) that intersect: none, on a readable map."""
    return [(i, j) for i in range(len(rects)) for j in range(i + 1, len(rects))
            if rects[i].intersects(rects[j])]
