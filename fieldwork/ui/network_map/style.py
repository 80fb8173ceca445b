"""How the map looks on screen: Qt pens and colours made from the shared look, text sizes.

The look itself (sector colours, tie styles, the zig-zag) is ``fieldwork.domain.map_look``,
which the saved picture uses too, so the screen and the picture agree. Text on the map
follows the system font (``QApplication.font()``, so the desktop's text size and 150 %
scaling): names at the system size, larger when the family is shown the map.
"""

from __future__ import annotations

from PySide6.QtCore import QPointF, Qt
from PySide6.QtGui import QColor, QPainterPath, QPen
from PySide6.QtWidgets import QApplication

from fieldwork.domain.map_look import sector_colour as look_colour
from fieldwork.domain.map_look import tie_style, zigzag

# Scene units: the outer ring has this radius; the view scales the scene to fit.
OUTER_RADIUS = 400.0
PERSON_RADIUS = 13.0
CENTRE_RADIUS = 30.0
ZIGZAG_STEP, ZIGZAG_AMPLITUDE = 14.0, 5.0
LABEL_POINT_SIZE = 9.5  # only before the application exists; see ``label_points``
FAMILY_SCALE = 1.8  # names and sector titles for the family: this much larger
TITLE_WRAP, FAMILY_TITLE_WRAP = 14, 18  # characters per line of a sector title


def system_points() -> float:
    """The system font's size in points (the researcher's desktop setting)."""
    size = QApplication.font().pointSizeF()
    return size if size > 0 else LABEL_POINT_SIZE


def label_points(family_mode: bool = False) -> float:
    return system_points() * (FAMILY_SCALE if family_mode else 1.0)


def tie_pen(closeness: str | None, faint: bool = False) -> QPen:
    style = tie_style(closeness)
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
    if tie_style(closeness).zigzag:
        for x, y in zigzag(a.x(), a.y(), b.x(), b.y(), ZIGZAG_STEP, ZIGZAG_AMPLITUDE)[1:]:
            path.lineTo(x, y)
    else:
        path.lineTo(b)
    return path


def sector_colour(index: int, alpha: int = 255) -> QColor:
    colour = QColor(look_colour(index))
    colour.setAlpha(alpha)
    return colour
