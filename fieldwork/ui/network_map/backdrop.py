"""What the map is drawn on: sector wedges, rings and their numbers, and the sector titles.

Owns ``draw_backdrop`` (the still parts of the scene, under every person) and
``SectorTitle`` (each sector's title just outside the outer ring, at the system font size,
kept inside what the view shows). Titles ignore the view's zoom, so where they reach on the
map depends on the window: the scene places them again whenever the zoom or the view's shape
changes, before the names, which must keep off them. Where a small window leaves too little
room beside the ring, a map's titles are set smaller together (never below 70 %) and slid
along the ring, never over it.
"""

from __future__ import annotations

import math
import textwrap

from PySide6.QtCore import QLineF, QPointF, QRectF, Qt
from PySide6.QtGui import QBrush, QColor, QPainterPath, QPen
from PySide6.QtWidgets import (
    QGraphicsEllipseItem,
    QGraphicsItem,
    QGraphicsLineItem,
    QGraphicsPathItem,
    QGraphicsScene,
)

from fieldwork.domain.map_geometry import CENTRE_DISC_RADIUS, MapSettings, ring_band, sector_boundary_angles
from fieldwork.domain.map_look import (
    RING_LINE,
    RING_NUMBER_ANGLE,
    SECTOR_ALPHA,
    SECTOR_LINE,
    TEXT_DARK,
    TEXT_GREY,
)
from fieldwork.ui.network_map.items import LabelItem
from fieldwork.ui.network_map.style import OUTER_RADIUS, sector_colour, system_points

R = OUTER_RADIUS
BACKDROP_Z = -100.0


def _still(scene: QGraphicsScene, item: QGraphicsItem, keep: list[QGraphicsItem]) -> QGraphicsItem:
    item.setAcceptedMouseButtons(Qt.MouseButton.NoButton)
    item.setZValue(BACKDROP_Z)
    scene.addItem(item)
    keep.append(item)
    return item


def draw_backdrop(scene: QGraphicsScene, settings: MapSettings) -> list[QGraphicsItem]:
    """Wedges, ring lines and numbers, the centre disc and the lines between sectors."""
    keep: list[QGraphicsItem] = []
    disc = QRectF(-R, -R, 2 * R, 2 * R)
    for index, code in enumerate(settings.sector_codes):
        start, end = settings.sector_span(code)
        wedge = QPainterPath(QPointF(0, 0))
        wedge.arcTo(disc, start, end - start)
        wedge.closeSubpath()
        item = QGraphicsPathItem(wedge)
        item.setBrush(QBrush(sector_colour(index, round(255 * SECTOR_ALPHA))))
        item.setPen(QPen(Qt.PenStyle.NoPen))
        _still(scene, item, keep)
    for ring in range(1, settings.rings + 1):
        _inner, outer = ring_band(ring, settings)
        circle = QGraphicsEllipseItem(-outer * R, -outer * R, 2 * outer * R, 2 * outer * R)
        circle.setPen(QPen(QColor(RING_LINE), 1.5))
        _still(scene, circle, keep)
        number = LabelItem(str(ring))
        number.set_size(system_points() * 0.9)
        number.setBrush(QColor(TEXT_GREY))
        a = math.radians(RING_NUMBER_ANGLE)
        number.place((outer - 0.03) * R * math.cos(a), -(outer - 0.03) * R * math.sin(a), 0, 0)
        _still(scene, number, keep)
    c = CENTRE_DISC_RADIUS * R
    disc_line = QGraphicsEllipseItem(-c, -c, 2 * c, 2 * c)
    disc_line.setPen(QPen(QColor(SECTOR_LINE), 1, Qt.PenStyle.DotLine))
    _still(scene, disc_line, keep)
    for angle in sector_boundary_angles(settings):
        a = math.radians(angle)
        line = QGraphicsLineItem(QLineF(c * math.cos(a), -c * math.sin(a), R * math.cos(a), -R * math.sin(a)))
        line.setPen(QPen(QColor(SECTOR_LINE), 1))
        _still(scene, line, keep)
    return keep


REACH = 1.015
"""How far out from the centre a sector title starts, in outer radii."""


class SectorTitle(LabelItem):
    """A sector's name, bold, just outside the outer ring in the middle of its wedge."""

    SMALLEST = 0.7
    """The least share of its size a title is shrunk to where the room beside the ring is
    narrower than the title (a small window, or 150 % on a 768-pixel screen)."""

    def __init__(self, text: str, angle: float, points: float, wrap: int) -> None:
        # Above and below the circle there is room across; beside it, little.
        across = abs(math.sin(math.radians(angle))) > 0.7
        self.lines = "\n".join(textwrap.wrap(text, 2 * wrap if across else wrap)) or text
        # Where its own lines do not fit: above or below the circle, one line (wide, low);
        # beside it, a word a line (narrow, tall).
        self.other = text if across else "\n".join(text.split()) or text
        super().__init__(self.lines)
        self.angle, self.points = angle, points
        self.set_size(points, bold=True)
        self.setBrush(QColor(TEXT_DARK))
        self.setAcceptedMouseButtons(Qt.MouseButton.NoButton)
        self.setZValue(BACKDROP_Z + 1)

    def fitting(self, scale: float, limits: QRectF) -> tuple[str, float]:
        """(lines, share of its size) that fit the room between the outer ring and
        ``limits`` for a view showing ``scale`` pixels per scene unit: its own lines at its
        size where they fit; else its other lines (one line above or below the circle, a
        word a line beside it); else whichever of the two, set smaller, comes nearest to
        fitting, never below ``SMALLEST`` of its size."""
        ux, uy = self._direction()
        reach = R * REACH
        room_w = scale * (limits.right() - reach * ux if ux > 0.3 else reach * ux - limits.left() if ux < -0.3
                          else limits.width())
        room_h = scale * (limits.bottom() - reach * uy if uy > 0.3 else reach * uy - limits.top() if uy < -0.3
                          else limits.height())
        best = (self.lines, 0.0)
        for text in dict.fromkeys((self.lines, self.other)):
            self._set(text, self.points)
            w, h = self.size_in_pixels()
            share = min(1.0, room_w / w if w else 1.0, room_h / h if h else 1.0)
            if share >= 1.0:
                return text, 1.0
            if share > best[1]:
                best = (text, share)
        return best[0], max(self.SMALLEST, best[1] * 0.98)

    def place_outside(self, scale: float, limits: QRectF, text: str | None = None, share: float = 1.0) -> QRectF:
        """Put the title beside the outer ring for a view showing ``scale`` pixels per scene
        unit, inside ``limits``, set as ``text`` (its own lines by default) at ``share`` of
        its size (a map's titles share one size: ``fitting``); returns the rectangle it
        covers, in scene units. Where it would still reach over the ring, it slides along
        the ring's edge: pushed in over the ring, a title covered people's dots."""
        self._set(self.lines if text is None else text, self.points * share)
        ux, uy = self._direction()
        reach = R * REACH
        w, h = (v / scale for v in self.size_in_pixels())
        x = reach * ux - (0 if ux > 0.3 else w if ux < -0.3 else w / 2)
        y = reach * uy - (0 if uy > 0.3 else h if uy < -0.3 else h / 2)
        x = min(max(x, limits.left()), limits.right() - w)
        y = min(max(y, limits.top()), limits.bottom() - h)
        x, y = _clear_of_ring(x, y, w, h, ux, uy, reach)
        x = min(max(x, limits.left()), limits.right() - w)
        y = min(max(y, limits.top()), limits.bottom() - h)
        self.set_top_left(x, y)
        return QRectF(x, y, w, h)

    def _direction(self) -> tuple[float, float]:
        a = math.radians(self.angle)
        return math.cos(a), -math.sin(a)

    def _set(self, text: str, points: float) -> None:
        if text != self.text():
            self.prepareGeometryChange()
            self.setText(text)
        if abs(self.font().pointSizeF() - points) > 1e-6:
            self.prepareGeometryChange()
            self.set_size(points, bold=True)


def _clear_of_ring(x: float, y: float, w: float, h: float, ux: float, uy: float, reach: float) -> tuple[float, float]:
    """The title's top left, slid along the ring's edge until the title no longer reaches
    over the ring (the circle of radius ``reach``): a title beside the circle moves up (or
    down, in the lower half) to where the circle is narrower; one above or below it moves
    sideways. Unchanged where it is clear already."""
    if abs(ux) >= abs(uy):
        return x, _slid(x, w, ux, y, h, uy <= 0, reach)
    return _slid(y, h, uy, x, w, ux <= 0, reach), y


def _slid(out_at: float, out_size: float, out: float, along_at: float, along_size: float, back: bool,
          reach: float) -> float:
    """Where a title starts along the ring's edge (``along_at``, ``along_size`` long) so that
    it keeps clear of the circle; ``out_at`` and ``out_size`` are its extent away from the
    centre on the side ``out`` points to; ``back`` slides it towards the negative side."""
    inner = out_at + out_size if out < 0 else out_at  # its edge nearest the centre
    if abs(inner) >= reach or (inner > 0) != (out > 0):
        return along_at
    need = math.sqrt(reach * reach - inner * inner)  # the circle's half-width at that edge
    if along_at >= need or along_at + along_size <= -need:
        return along_at
    return -need - along_size if back else need
