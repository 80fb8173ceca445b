"""What the map is drawn on: sector wedges, rings and their numbers, and the sector titles.

Owns ``draw_backdrop`` (the still parts of the scene, under every person) and
``place_titles`` (each sector's title just outside the outer ring, at the system font size,
kept inside the scene). Titles ignore the view's zoom, so where they reach on the map
depends on the window: the scene places them again whenever the zoom changes, before the
names, which must keep off them.
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


class SectorTitle(LabelItem):
    """A sector's name, bold, just outside the outer ring in the middle of its wedge."""

    def __init__(self, text: str, angle: float, points: float, wrap: int) -> None:
        # Above and below the circle there is room across; beside it, little.
        across = abs(math.sin(math.radians(angle))) > 0.7
        super().__init__("\n".join(textwrap.wrap(text, 2 * wrap if across else wrap)) or text)
        self.angle = angle
        self.set_size(points, bold=True)
        self.setBrush(QColor(TEXT_DARK))
        self.setAcceptedMouseButtons(Qt.MouseButton.NoButton)
        self.setZValue(BACKDROP_Z + 1)

    def place_outside(self, scale: float, limits: QRectF) -> QRectF:
        """Put the title beside the outer ring for a view showing ``scale`` pixels per scene
        unit, inside ``limits``; returns the rectangle it covers, in scene units."""
        w, h = (v / scale for v in self.size_in_pixels())
        a = math.radians(self.angle)
        ux, uy = math.cos(a), -math.sin(a)
        reach = R * 1.015
        x = reach * ux - (0 if ux > 0.3 else w if ux < -0.3 else w / 2)
        y = reach * uy - (0 if uy > 0.3 else h if uy < -0.3 else h / 2)
        x = min(max(x, limits.left()), limits.right() - w)
        y = min(max(y, limits.top()), limits.bottom() - h)
        self.set_top_left(x, y)
        return QRectF(x, y, w, h)
