"""The shape of the network map: its rings and sectors, and where a dropped point falls.

Owns ``MapSettings`` (how many rings, their prompts, the sectors and their wedges),
``Placement`` (ring, sector, angle: the data a drop produces) and the arithmetic between
points and placements. Ring and sector are data derived from where a person is dropped;
the drawing is rebuilt from them at any window size.

Normalised map coordinates: the centre is (0, 0), the outer edge of the outer ring has
radius 1.0, and y grows upwards as in maths. Angles are degrees, 0 = right (east),
counter-clockwise, in [0, 360). A Qt scene has y growing downwards: ``from_scene`` and
``to_scene`` do that flip and the scaling, so the UI never does its own trigonometry.

Rings are equal-width bands outside a centre disc of radius ``CENTRE_DISC_RADIUS``.
Boundary rules (within ``TOLERANCE`` of a line counts as on it):
- a point exactly on the line between two rings belongs to the INNER ring;
- a point in the centre disc belongs to ring 1; a point beyond the outer ring, to the outer ring;
- sectors are half-open wedges [start, end) going counter-clockwise, so a point exactly
  on the line between two sectors belongs to the sector that STARTS there;
- the exact centre (0, 0) has angle 0.
"""

from __future__ import annotations

import math
import re
from collections.abc import Mapping
from dataclasses import dataclass
from typing import Any

from fieldwork.domain.errors import InvalidInput

CENTRE_DISC_RADIUS = 0.25
TOLERANCE = 1e-9
MIN_RINGS, MAX_RINGS = 2, 5

# Antonucci's convoy-model prompts for the hierarchical map (English defaults; a
# translated instrument passes its own prompts).
CONVOY_RING_PROMPTS: tuple[str, ...] = (
    "People so close that it is hard to imagine life without them",
    "People not quite that close but still very important",
    "People not as close, but still important",
)
SECTOR_LABELS: dict[str, str] = {
    "family_household": "Family and household",
    "friends_neighbours": "Friends and neighbours",
    "community": "Community (school, nursery, faith, groups, work)",
    "professionals": "Professionals",
}
_CODE = re.compile(r"^[a-z][a-z0-9_]*$")


@dataclass(frozen=True)
class SectorSetting:
    """One wedge of the map: a stable code, the label shown, and its span in degrees."""

    code: str
    label: str
    span: float


DEFAULT_SECTORS: tuple[SectorSetting, ...] = tuple(
    SectorSetting(code, label, 90.0) for code, label in SECTOR_LABELS.items()
)


@dataclass(frozen=True)
class Placement:
    """Where a person is on the map, as data: ring 1..n, sector code, angle in degrees."""

    ring: int
    sector: str
    angle: float


@dataclass(frozen=True)
class MapSettings:
    """Rings (2–5, each with a prompt) and sectors laid counter-clockwise from ``start_angle``.

    By default: three rings with the convoy prompts, and four equal wedges with family
    and household at the top (45°–135°), friends and neighbours on the left, community
    at the bottom and professionals on the right (315°–45°, across 0°).
    """

    rings: int = 3
    sectors: tuple[SectorSetting, ...] = DEFAULT_SECTORS
    start_angle: float = 45.0
    ring_prompts: tuple[str, ...] | None = None

    def __post_init__(self) -> None:
        if isinstance(self.rings, bool) or not isinstance(self.rings, int) \
                or not MIN_RINGS <= self.rings <= MAX_RINGS:
            raise InvalidInput("number of rings",
                               f"must be from {MIN_RINGS} to {MAX_RINGS}, not {self.rings!r}.")
        sectors = tuple(self.sectors)
        if not sectors:
            raise InvalidInput("sectors", "a map needs at least one sector.")
        codes = [s.code for s in sectors]
        for s in sectors:
            if not isinstance(s.code, str) or not _CODE.match(s.code):
                raise InvalidInput("sector code", f"'{s.code}' must be lower-case letters, digits and '_'.")
            if not isinstance(s.span, (int, float)) or not s.span > 0:
                raise InvalidInput("sector span", f"'{s.code}' needs a positive span in degrees.")
        if len(set(codes)) != len(codes):
            raise InvalidInput("sectors", "each sector code may be used once.")
        if abs(sum(s.span for s in sectors) - 360.0) > 1e-6:
            raise InvalidInput("sectors", "the sectors' spans must add up to 360 degrees.")
        if not isinstance(self.start_angle, (int, float)) or not math.isfinite(self.start_angle):
            raise InvalidInput("start angle", "must be a number of degrees.")
        prompts = self.ring_prompts
        if prompts is None:
            prompts = (CONVOY_RING_PROMPTS + ("",) * MAX_RINGS)[: self.rings]
        prompts = tuple(prompts)
        if len(prompts) != self.rings or not all(isinstance(p, str) for p in prompts):
            raise InvalidInput("ring prompts", f"give one prompt (text) per ring: {self.rings}.")
        object.__setattr__(self, "sectors", sectors)
        object.__setattr__(self, "start_angle", float(self.start_angle) % 360.0)
        object.__setattr__(self, "ring_prompts", prompts)

    @classmethod
    def with_equal_sectors(cls, sectors: Mapping[str, str], *, rings: int = 3,
                           start_angle: float = 45.0,
                           ring_prompts: tuple[str, ...] | None = None) -> MapSettings:
        """Settings whose sectors (code → label, in order) are equal wedges."""
        span = 360.0 / max(len(sectors), 1)
        return cls(rings, tuple(SectorSetting(code, label, span) for code, label in sectors.items()),
                   start_angle, ring_prompts)

    @property
    def sector_codes(self) -> tuple[str, ...]:
        return tuple(s.code for s in self.sectors)

    def sector(self, code: str) -> SectorSetting:
        for s in self.sectors:
            if s.code == code:
                return s
        raise InvalidInput("sector",
                           f"'{code}' is not a sector of this map ({', '.join(self.sector_codes)}).")

    def sector_span(self, code: str) -> tuple[float, float]:
        """(start, end) in degrees; ``end`` may pass 360 when the wedge crosses 0°."""
        self.sector(code)
        start = self.start_angle
        for s in self.sectors:
            if s.code == code:
                return start, start + s.span
            start += s.span
        raise AssertionError("unreachable")

    def middle_angle(self, code: str) -> float:
        start, end = self.sector_span(code)
        return ((start + end) / 2.0) % 360.0

    def sector_at(self, angle: float) -> str:
        """The sector an angle falls in; on a line between two, the one that starts there."""
        offset = (angle - self.start_angle) % 360.0
        if offset >= 360.0 - TOLERANCE:
            offset = 0.0
        edge = 0.0
        for s in self.sectors:
            edge += s.span
            if offset < edge - TOLERANCE:
                return s.code
        return self.sectors[-1].code

    def to_dict(self) -> dict[str, Any]:
        return {"rings": self.rings, "start_angle": self.start_angle,
                "ring_prompts": list(self.ring_prompts or ()),
                "sectors": [{"code": s.code, "label": s.label, "span": s.span} for s in self.sectors]}

    @classmethod
    def from_dict(cls, data: Mapping[str, Any]) -> MapSettings:
        try:
            return cls(rings=data["rings"], start_angle=data["start_angle"],
                       ring_prompts=tuple(data["ring_prompts"]),
                       sectors=tuple(SectorSetting(s["code"], s["label"], s["span"])
                                     for s in data["sectors"]))
        except (KeyError, TypeError) as exc:
            raise InvalidInput("map settings", f"are incomplete or malformed ({exc}).") from None


# --- points and placements -----------------------------------------------------------

def ring_width(settings: MapSettings, centre_radius: float = CENTRE_DISC_RADIUS) -> float:
    return (1.0 - centre_radius) / settings.rings


def ring_band(ring: int, settings: MapSettings,
              centre_radius: float = CENTRE_DISC_RADIUS) -> tuple[float, float]:
    """(inner, outer) radius of a ring in normalised units."""
    if not 1 <= ring <= settings.rings:
        raise InvalidInput("ring", f"must be from 1 to {settings.rings}, not {ring!r}.")
    w = ring_width(settings, centre_radius)
    return centre_radius + (ring - 1) * w, centre_radius + ring * w


def angle_of(x: float, y: float) -> float:
    """Degrees in [0, 360), 0 = right, counter-clockwise; 0 at the exact centre."""
    if x == 0 and y == 0:
        return 0.0
    a = math.degrees(math.atan2(y, x)) % 360.0
    return 0.0 if a >= 360.0 else a


def ring_at(radius: float, settings: MapSettings, centre_radius: float = CENTRE_DISC_RADIUS) -> int:
    """The ring for a distance from the centre; on a ring line → the inner ring; clamped to 1..n."""
    if radius <= centre_radius:
        return 1
    ring = math.ceil((radius - centre_radius) / ring_width(settings, centre_radius) - TOLERANCE)
    return min(max(ring, 1), settings.rings)


def placement_at(x: float, y: float, settings: MapSettings,
                 centre_radius: float = CENTRE_DISC_RADIUS) -> Placement:
    """Where a person dropped at normalised point (x, y) is placed: (ring, sector, angle)."""
    for v in (x, y):
        if not isinstance(v, (int, float)) or not math.isfinite(v):
            raise InvalidInput("map point", f"must be finite numbers, not {v!r}.")
    angle = angle_of(x, y)
    return Placement(ring_at(math.hypot(x, y), settings, centre_radius),
                     settings.sector_at(angle), angle)


def point_for(placement: Placement, settings: MapSettings,
              centre_radius: float = CENTRE_DISC_RADIUS) -> tuple[float, float]:
    """The normalised point drawn for a placement: the middle of its ring's band, at its
    angle (the angle already lies in the sector, so the sector does not move the point)."""
    inner, outer = ring_band(placement.ring, settings, centre_radius)
    r = (inner + outer) / 2.0
    a = math.radians(placement.angle)
    return r * math.cos(a), r * math.sin(a)


def sector_boundary_angles(settings: MapSettings) -> list[float]:
    """The angles of the lines between sectors, for drawing (none if there is one sector)."""
    if len(settings.sectors) < 2:
        return []
    return [settings.sector_span(code)[0] % 360.0 for code in settings.sector_codes]


def from_scene(sx: float, sy: float, centre: tuple[float, float],
               outer_radius: float) -> tuple[float, float]:
    """A scene point (y down, any size) → normalised map coordinates (y up, outer ring 1.0)."""
    if not outer_radius > 0:
        raise InvalidInput("map size", "the outer ring needs a positive radius.")
    return (sx - centre[0]) / outer_radius, (centre[1] - sy) / outer_radius


def to_scene(x: float, y: float, centre: tuple[float, float],
             outer_radius: float) -> tuple[float, float]:
    """Normalised map coordinates → a scene point for a map of this centre and size."""
    if not outer_radius > 0:
        raise InvalidInput("map size", "the outer ring needs a positive radius.")
    return centre[0] + x * outer_radius, centre[1] - y * outer_radius
