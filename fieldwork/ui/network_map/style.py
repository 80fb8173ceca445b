"""How the map looks on screen: pens for each kind of tie, sector colours, text sizes.

The line styles follow ``fieldwork.export.map_picture.TIE_STYLES`` so the screen and the
saved picture agree (eco-map convention; 'difficult' is a red zig-zag).
"""

from __future__ import annotations

from PySide6.QtCore import QPointF, Qt
from PySide6.QtGui import QColor, QPainterPath, QPen

from fieldwork.export.map_picture import SECTOR_COLOURS, TIE_STYLES, zigzag

# Scene units: the outer ring has this radius; the view scales the scene to fit.
OUTER_RADIUS = 400.0
PERSON_RADIUS = 13.0
CENTRE_RADIUS = 30.0
ZIGZAG_STEP, ZIGZAG_AMPLITUDE = 14.0, 5.0
LABEL_POINT_SIZE, FAMILY_LABEL_POINT_SIZE = 9.5, 18.0
TEXT_UNITS, FAMILY_TEXT_UNITS = 15.0, 22.0  # prompt and legend text, in scene units


def tie_pen(closeness: str | None, faint: bool = False) -> QPen:
    style = TIE_STYLES.get(closeness, TIE_STYLES[None])
    colour = QColor(style.colour)
    if faint:
        colour.setAlpha(130)
    pen = QPen(colour, style.width * 1.3)
    pen.setCapStyle(Qt.PenCapStyle.RoundCap)
    pen.setJoinStyle(Qt.PenJoinStyle.RoundJoin)
    if style.dashed:
        pen.setStyle(Qt.PenStyle.DashLine)
    return pen


def tie_path(a: QPointF, b: QPointF, closeness: str | None) -> QPainterPath:
    """A straight line, or a zig-zag for a difficult tie."""
    path = QPainterPath(a)
    if TIE_STYLES.get(closeness, TIE_STYLES[None]).zigzag:
        for x, y in zigzag(a.x(), a.y(), b.x(), b.y(), ZIGZAG_STEP, ZIGZAG_AMPLITUDE)[1:]:
            path.lineTo(x, y)
    else:
        path.lineTo(b)
    return path


def sector_colour(index: int, alpha: int = 255) -> QColor:
    colour = QColor(SECTOR_COLOURS[index % len(SECTOR_COLOURS)])
    colour.setAlpha(alpha)
    return colour
