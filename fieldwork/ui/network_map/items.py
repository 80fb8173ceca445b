"""The graphics items of the map: a person, the centre, a line between two of them, a ghost.

A ``PersonItem`` keeps the lines that end on it and moves them when it moves (it sets
``ItemSendsGeometryChanges``, so ``itemChange`` fires). It remembers where a drag began
and tells the scene on release only if it moved: one drag, one move, one undo step. With
the scene in tie mode (or Shift held) a drag from a person draws a tie instead. What an
item asks of its scene is the ``MapGestures`` protocol, so the items never import the scene
(which imports them).
"""

from __future__ import annotations

import math
import textwrap
from typing import Any, Protocol, cast

from PySide6.QtCore import QPointF, QRectF, Qt, SignalInstance
from PySide6.QtGui import (
    QBrush,
    QColor,
    QFont,
    QPainter,
    QPainterPath,
    QPainterPathStroker,
    QPen,
)
from PySide6.QtWidgets import (
    QApplication,
    QGraphicsEllipseItem,
    QGraphicsItem,
    QGraphicsLineItem,
    QGraphicsPathItem,
    QGraphicsSceneMouseEvent,
    QGraphicsSimpleTextItem,
    QStyleOptionGraphicsItem,
    QWidget,
)

from fieldwork.domain.network_map import Person
from fieldwork.ui.network_map.style import (
    CENTRE_RADIUS,
    LABEL_POINT_SIZE,
    PERSON_RADIUS,
    system_points,
    tie_path,
    tie_pen,
)

PERSON_Z, LINE_Z, GHOST_Z, LEADER_Z, LABEL_Z = 10.0, 5.0, 3.0, 15.0, 20.0


def top_level(items: list[QGraphicsItem]) -> list[QGraphicsItem]:
    """The items of ``items`` that have no parent item.

    Never ask an item the scene handed back for its ``parentItem()`` or ``topLevelItem()``:
    in PySide6 6.11 that hands the C++ item to a fresh Python wrapper, and the item is
    deleted with the wrapper (the rings and wedges vanished one by one under the mouse).
    ``childItems()`` is safe, so the children are found from their parents.
    """
    children = {child for item in items for child in item.childItems()}
    return [item for item in items if item not in children]


def wrapped(text: str, width: int = 16) -> str:
    """A long label on at most two lines, so it does not run off the map."""
    lines = textwrap.wrap(text, width) or [""]
    if len(lines) > 2:
        lines = [lines[0], textwrap.shorten(" ".join(lines[1:]), width, placeholder="…")]
    return "\n".join(lines)


class LabelItem(QGraphicsSimpleTextItem):
    """A label that stays the same size on screen whatever the zoom, with a soft backing.

    Its size is in view pixels (it ignores the view's scaling); ``align`` says which point
    of the label sits at its position: (0, 0) the top left, (0.5, 0.5) the middle.
    """

    PAD_X, PAD_Y = 3.0, 1.0

    def __init__(self, text: str, parent: QGraphicsItem | None = None) -> None:
        super().__init__(text, parent)
        self.setFlag(QGraphicsItem.GraphicsItemFlag.ItemIgnoresTransformations)
        self.setAcceptedMouseButtons(Qt.MouseButton.NoButton)
        self.align = (0.5, 0.0)

    def set_size(self, points: float, bold: bool = False) -> None:
        font = QFont(QApplication.font())
        font.setPointSizeF(points)
        font.setBold(bold)
        self.setFont(font)

    def place(self, x: float, y: float, ux: float, uy: float) -> None:
        """Put the label at (x, y), on the side the unit vector (ux, uy) points to (y down)."""
        self.setPos(x, y)
        self.align = (0.0 if ux > 0.2 else 1.0 if ux < -0.2 else 0.5,
                      0.0 if uy > 0.35 else 1.0 if uy < -0.35 else 0.5)
        self.update()

    def set_top_left(self, x: float, y: float) -> None:
        self.prepareGeometryChange()
        self.align = (0.0, 0.0)
        self.setPos(x, y)

    def size_in_pixels(self) -> tuple[float, float]:
        r = self.boundingRect()
        return r.width(), r.height()

    def boundingRect(self) -> QRectF:  # noqa: N802
        r = super().boundingRect()
        w, h = r.width() + 2 * self.PAD_X, r.height() + 2 * self.PAD_Y
        return QRectF(-w * self.align[0], -h * self.align[1], w, h)

    def paint(self, painter: QPainter, option: QStyleOptionGraphicsItem,
              widget: QWidget | None = None) -> None:
        r = self.boundingRect()
        painter.setPen(Qt.PenStyle.NoPen)
        painter.setBrush(QColor(255, 255, 255, 200))
        painter.drawRoundedRect(r, 3, 3)
        painter.setPen(self.brush().color())
        painter.setFont(self.font())
        painter.drawText(r, Qt.AlignmentFlag.AlignCenter, self.text())


class LineItem(QGraphicsPathItem):
    """A tie drawn between two items (the centre or people); redrawn when either moves."""

    def __init__(self, a: QGraphicsItem, b: QGraphicsItem, closeness: str | None,
                 to_centre: bool = False) -> None:
        super().__init__()
        self.a, self.b, self.to_centre = a, b, to_centre
        self.setZValue(LINE_Z - (1 if to_centre else 0))
        self.setAcceptedMouseButtons(Qt.MouseButton.NoButton)
        self.set_closeness(closeness)

    def set_closeness(self, closeness: str | None) -> None:
        self.closeness = closeness
        self.setPen(tie_pen(closeness, faint=self.to_centre))
        self.adjust()

    def adjust(self) -> None:
        # setPath calls prepareGeometryChange, so the old line is cleared from the view.
        self.setPath(tie_path(self.a.pos(), self.b.pos(), self.closeness))

    def shape(self) -> QPainterPath:
        """Wider than the line itself, so a finger or a touchpad can hit it."""
        stroker = QPainterPathStroker()
        stroker.setWidth(12.0)
        return stroker.createStroke(self.path())


class CentreItem(QGraphicsEllipseItem):
    """The person in the middle: the respondent, or the child in focus."""

    def __init__(self, label: str, points: float = LABEL_POINT_SIZE + 1) -> None:
        r = CENTRE_RADIUS
        super().__init__(-r, -r, 2 * r, 2 * r)
        self.setBrush(QBrush(QColor("#fff8e1")))
        self.setPen(QPen(QColor("#1f2933"), 2.5))
        self.setZValue(PERSON_Z)
        self.lines: list[LineItem] = []
        self.label = LabelItem(wrapped(label, 12), self)
        self.label.set_size(points, bold=True)
        self.label.place(0, 0, 0, 0)


class MapGestures(Protocol):
    """What a person item tells the scene it sits in (the map scene is one)."""

    tie_mode: bool
    person_activated: SignalInstance  # double-click: edit this person (emits the person's key)

    def person_pressed(self, item: PersonItem) -> None: ...
    def person_released(self, item: PersonItem, moved: bool) -> None: ...
    def start_tie(self, item: PersonItem, at: QPointF) -> None: ...
    def drag_tie(self, at: QPointF) -> None: ...
    def finish_tie(self, at: QPointF) -> None: ...


class PersonItem(QGraphicsEllipseItem):
    """One person on the map. Drag to move between rings and sectors; Shift-drag to draw a tie."""

    def __init__(self, person: Person, colour: QColor) -> None:
        r = PERSON_RADIUS
        super().__init__(-r, -r, 2 * r, 2 * r)
        self.key = person.key
        self.lines: list[LineItem] = []
        self.household = False
        self._press: QPointF | None = None
        self._tying = False
        self.setFlags(QGraphicsItem.GraphicsItemFlag.ItemIsMovable
                      | QGraphicsItem.GraphicsItemFlag.ItemIsSelectable
                      | QGraphicsItem.GraphicsItemFlag.ItemIsFocusable
                      | QGraphicsItem.GraphicsItemFlag.ItemSendsGeometryChanges)
        self.setCursor(Qt.CursorShape.OpenHandCursor)
        self.setZValue(PERSON_Z)
        # The name and its leader line are items of their own, above every dot and line,
        # so one person's dot never hides another's name; they follow the person.
        self.label = LabelItem("")
        self.label.setZValue(LABEL_Z)
        self.leader = QGraphicsLineItem()
        self.leader.setPen(QPen(QColor("#52606d"), 1.0))
        self.leader.setAcceptedMouseButtons(Qt.MouseButton.NoButton)
        self.leader.setZValue(LEADER_Z)
        self.leader.setVisible(False)
        self.label_offset = QPointF(PERSON_RADIUS, PERSON_RADIUS)  # label's top left from the dot
        self.leader_end: QPointF | None = None  # from the dot, when the label sits away
        self.show_person(person, colour)

    def show_person(self, person: Person, colour: QColor, label_points: float = LABEL_POINT_SIZE) -> None:
        self.setBrush(QBrush(colour))
        self.setPen(QPen(QColor("#1f2933"), 3.0 if person.is_respondent else 1.2))
        self.household = person.lives_in_household
        self.label.setText(wrapped(person.label))
        self.label.set_size(label_points)
        self.setToolTip(f"{person.label}\n{person.relationship_text}".strip())
        self.setData(0, person.label)
        self.place_label()
        self.update()

    def set_label_place(self, offset: QPointF, leader_end: QPointF | None) -> None:
        """Where the label goes (its top left, from the dot) and, if away, where its line ends."""
        self.label_offset, self.leader_end = offset, leader_end
        self.place_label()

    def place_label(self) -> None:
        at = self.pos()
        self.label.set_top_left(at.x() + self.label_offset.x(), at.y() + self.label_offset.y())
        end = self.leader_end
        self.leader.setVisible(end is not None)
        if end is not None:
            length = math.hypot(end.x(), end.y()) or 1.0
            start = QPointF(end.x() / length * PERSON_RADIUS, end.y() / length * PERSON_RADIUS)
            self.leader.setLine(at.x() + start.x(), at.y() + start.y(), at.x() + end.x(), at.y() + end.y())

    def boundingRect(self) -> QRectF:  # noqa: N802
        return super().boundingRect().adjusted(-5, -5, 5, 5)

    def paint(self, painter: QPainter, option: QStyleOptionGraphicsItem,
              widget: QWidget | None = None) -> None:
        super().paint(painter, option, widget)
        if self.household:  # a second ring round people who live in the household
            painter.setBrush(Qt.BrushStyle.NoBrush)
            painter.setPen(QPen(QColor("#1f2933"), 1.0))
            r = PERSON_RADIUS + 4
            painter.drawEllipse(QRectF(-r, -r, 2 * r, 2 * r))

    def map_scene(self) -> MapGestures:
        scene = self.scene()
        assert scene is not None
        return cast(MapGestures, scene)

    def itemChange(self, change: QGraphicsItem.GraphicsItemChange, value: Any) -> Any:  # noqa: N802
        if change == QGraphicsItem.GraphicsItemChange.ItemPositionHasChanged:
            for line in self.lines:
                line.adjust()
            self.place_label()
        return super().itemChange(change, value)

    def mousePressEvent(self, event: QGraphicsSceneMouseEvent) -> None:  # noqa: N802
        scene = self.map_scene()
        if event.button() == Qt.MouseButton.LeftButton and (
                scene.tie_mode or event.modifiers() & Qt.KeyboardModifier.ShiftModifier):
            self._tying = True
            scene.start_tie(self, event.scenePos())
            event.accept()
            return
        self._press = QPointF(self.pos())
        self.setCursor(Qt.CursorShape.ClosedHandCursor)
        super().mousePressEvent(event)
        scene.person_pressed(self)

    def mouseMoveEvent(self, event: QGraphicsSceneMouseEvent) -> None:  # noqa: N802
        if self._tying:
            self.map_scene().drag_tie(event.scenePos())
            return
        super().mouseMoveEvent(event)

    def mouseReleaseEvent(self, event: QGraphicsSceneMouseEvent) -> None:  # noqa: N802
        if self._tying:
            self._tying = False
            self.map_scene().finish_tie(event.scenePos())
            return
        super().mouseReleaseEvent(event)
        self.setCursor(Qt.CursorShape.OpenHandCursor)
        press, self._press = self._press, None
        if press is not None:
            self.map_scene().person_released(self, moved=press != self.pos())

    def mouseDoubleClickEvent(self, event: QGraphicsSceneMouseEvent) -> None:  # noqa: N802
        self.map_scene().person_activated.emit(self.key)


class GhostItem(QGraphicsEllipseItem):
    """Where someone was at the earlier wave: a faint dashed circle and a faint name."""

    def __init__(self, label: str, at: QPointF) -> None:
        r = PERSON_RADIUS
        super().__init__(-r, -r, 2 * r, 2 * r)
        self.setPos(at)
        self.setBrush(QBrush(QColor(170, 170, 170, 60)))
        pen = QPen(QColor(120, 120, 120, 150), 1.2, Qt.PenStyle.DashLine)
        self.setPen(pen)
        self.setZValue(GHOST_Z)
        self.setAcceptedMouseButtons(Qt.MouseButton.NoButton)
        self.label = LabelItem(label, self)
        self.label.set_size(max(system_points() - 1.5, 7.0))
        self.label.setBrush(QColor(110, 110, 110))
        self.label.place(0, PERSON_RADIUS + 2, 0, 1)
