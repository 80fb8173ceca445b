"""The map's scene: a drawing that mirrors the document, and the gestures on it.

Owns ``MapScene`` (rings, sector wedges and labels, ring prompts, legend, the centre,
one ``PersonItem`` per on-map person with a line to the centre styled by closeness, the
ties between people, and at wave 2 the faint earlier placement); ``view.MapView`` shows
it at any window size. Everything is placed from ring, sector and angle; a drop
or a click is turned back into them with ``map_geometry.placement_at``, so pixels are
never data. The scene never changes the model itself: it asks the document.
"""

from __future__ import annotations

import math

from PySide6.QtCore import QLineF, QPointF, QRectF, Qt, Signal
from PySide6.QtGui import QBrush, QColor, QFont, QPainterPath, QPen
from PySide6.QtWidgets import (
    QGraphicsEllipseItem,
    QGraphicsItem,
    QGraphicsLineItem,
    QGraphicsPathItem,
    QGraphicsScene,
    QGraphicsSceneContextMenuEvent,
    QGraphicsSceneMouseEvent,
    QGraphicsTextItem,
    QMenu,
    QWidget,
)

from fieldwork.domain.map_geometry import (
    CENTRE_DISC_RADIUS,
    CONVOY_RING_PROMPTS,
    Placement,
    from_scene,
    placement_at,
    point_for,
    ring_band,
    sector_boundary_angles,
    to_scene,
)
from fieldwork.domain.network_codes import CLOSENESS
from fieldwork.export.map_picture import label_levels
from fieldwork.ui.network_map.document import MapDocument
from fieldwork.ui.network_map.items import (
    CentreItem,
    GhostItem,
    LabelItem,
    LineItem,
    PersonItem,
)
from fieldwork.ui.network_map.style import (
    FAMILY_LABEL_POINT_SIZE,
    FAMILY_TEXT_UNITS,
    LABEL_POINT_SIZE,
    OUTER_RADIUS,
    TEXT_UNITS,
    sector_colour,
    tie_path,
    tie_pen,
)
from fieldwork.ui.network_map.view import MapView

R = OUTER_RADIUS
CLICK_SLOP = 4.0  # scene units a press may wander and still be a click


class MapScene(QGraphicsScene):
    """The drawing of one map. Emits what the researcher did; the page asks the document."""

    empty_clicked = Signal(object)  # Placement of the spot
    person_activated = Signal(str)  # double-click: edit this person
    person_action = Signal(str, str)  # person key, "edit" / "off_map" / "remove" (context menu)

    def __init__(self, document: MapDocument, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.document = document
        self.tie_mode = False
        self.new_tie_closeness = "moderately_close"
        self.family_mode = False
        self.show_earlier = True
        self.people: dict[str, PersonItem] = {}
        self.centre_item: CentreItem | None = None
        self._static: list[QGraphicsItem] = []
        self._between: list[LineItem] = []
        self._ghosts: list[QGraphicsItem] = []
        self._band: QGraphicsLineItem | None = None
        self._tie_from: PersonItem | None = None
        self._press_at: QPointF | None = None
        self._building = False
        self.setItemIndexMethod(QGraphicsScene.ItemIndexMethod.NoIndex)  # items move; few of them
        document.person_changed.connect(self.show_person)
        document.person_removed.connect(self.forget_person)
        document.ties_changed.connect(self.show_ties)
        document.changed.connect(self.show_earlier_wave)
        self.rebuild()

    # -- geometry ---------------------------------------------------------------------------

    def point_of(self, placement: Placement) -> QPointF:
        return QPointF(*to_scene(*point_for(placement, self.document.network.settings), (0.0, 0.0), R))

    def placement_of(self, point: QPointF) -> Placement:
        x, y = from_scene(point.x(), point.y(), (0.0, 0.0), R)
        return placement_at(x, y, self.document.network.settings)

    def _colour(self, sector: str, alpha: int = 255) -> QColor:
        return sector_colour(self.document.network.settings.sector_codes.index(sector), alpha)

    # -- building ------------------------------------------------------------------------------

    def rebuild(self) -> None:
        # Nearly square, so the map fills a laptop's view; prompts and legend sit in the
        # top corners. The family sees the prompts in a column beside the map instead.
        if self.family_mode:
            self.setSceneRect(QRectF(-2.15 * R, -1.26 * R, 3.75 * R, 2.52 * R))
        else:
            self.setSceneRect(QRectF(-1.4 * R, -1.22 * R, 2.8 * R, 2.44 * R))
        self.clear()
        self.people.clear()
        self._between, self._ghosts, self._static = [], [], []
        self._band = None
        self._draw_background()
        network = self.document.network
        self.centre_item = CentreItem(
            network.centre.label, FAMILY_LABEL_POINT_SIZE if self.family_mode else LABEL_POINT_SIZE + 1)
        self.addItem(self.centre_item)
        self._building = True
        for person in network.people_on_map():
            self.show_person(person.key)
        self._building = False
        self._stagger_labels()
        self.show_ties()
        self.show_earlier_wave()

    def _add_static(self, item: QGraphicsItem) -> QGraphicsItem:
        item.setAcceptedMouseButtons(Qt.MouseButton.NoButton)
        item.setZValue(item.zValue() - 100)
        self.addItem(item)
        self._static.append(item)
        return item

    def _draw_background(self) -> None:
        settings = self.document.network.settings
        disc = QRectF(-R, -R, 2 * R, 2 * R)
        for code in settings.sector_codes:
            start, end = settings.sector_span(code)
            wedge = QPainterPath(QPointF(0, 0))
            wedge.arcTo(disc, start, end - start)
            wedge.closeSubpath()
            item = QGraphicsPathItem(wedge)
            item.setBrush(QBrush(self._colour(code, 70)))
            item.setPen(QPen(Qt.PenStyle.NoPen))
            self._add_static(item)
            self._sector_label(settings.sector(code).label, settings.middle_angle(code))
        ring_pen = QPen(QColor("#7b8794"), 1.5)
        for ring in range(1, settings.rings + 1):
            _inner, outer = ring_band(ring, settings)
            circle = QGraphicsEllipseItem(-outer * R, -outer * R, 2 * outer * R, 2 * outer * R)
            circle.setPen(ring_pen)
            self._add_static(circle)
            number = LabelItem(str(ring))
            number.setBrush(QColor("#52606d"))
            a = math.radians(232)
            number.place((outer - 0.03) * R * math.cos(a), -(outer - 0.03) * R * math.sin(a), 0, 0)
            self._add_static(number)
        c = CENTRE_DISC_RADIUS * R
        disc_line = QGraphicsEllipseItem(-c, -c, 2 * c, 2 * c)
        disc_line.setPen(QPen(QColor("#9aa5b1"), 1, Qt.PenStyle.DotLine))
        self._add_static(disc_line)
        for angle in sector_boundary_angles(settings):
            a = math.radians(angle)
            line = QGraphicsLineItem(QLineF(c * math.cos(a), -c * math.sin(a), R * math.cos(a), -R * math.sin(a)))
            line.setPen(QPen(QColor("#9aa5b1"), 1))
            self._add_static(line)
        self._draw_prompts_and_legend()

    def _sector_label(self, text: str, angle: float) -> None:
        """A sector's name just outside the outer ring, wrapped to fit beside the circle."""
        a = math.radians(angle)
        ux, uy = math.cos(a), -math.sin(a)
        width = 0.9 * R if abs(uy) > 0.7 else (0.5 if self.family_mode else 0.36) * R
        size = (FAMILY_TEXT_UNITS if self.family_mode else TEXT_UNITS) + 1
        item = self._text_box(f"<div align='center' style='color:#3e4c59'><b>{text}</b></div>",
                              0, 0, width, size)
        h = item.boundingRect().height()
        reach = R + 0.5 * abs(width * ux) + 0.5 * abs(h * uy) + 0.02 * R
        item.setPos(reach * ux - width / 2, reach * uy - h / 2)

    def _text_box(self, html: str, x: float, y: float, width: float, size: float) -> QGraphicsTextItem:
        """Wrapped text that scales with the map (``size`` in scene units)."""
        item = QGraphicsTextItem()
        font = QFont(item.font())
        font.setPixelSize(round(size))
        item.setFont(font)
        item.setHtml(html)
        item.setTextWidth(width)
        item.setPos(x, y)
        self._add_static(item)
        return item

    def _draw_prompts_and_legend(self) -> None:
        settings = self.document.network.settings
        english = list(CONVOY_RING_PROMPTS)
        size = FAMILY_TEXT_UNITS if self.family_mode else TEXT_UNITS
        rows = []
        for n, text in enumerate(settings.ring_prompts or (), start=1):
            extra = ""
            if n <= len(english) and text and text != english[n - 1]:
                extra = f"<br/><i>{english[n - 1]}</i>"
            rows.append(f"<p style='margin-top:4px'><b>{n}</b>&nbsp; {text}{extra}</p>")
        title = f"<b>{self.tr('The rings')}</b>" + "".join(rows)
        if self.family_mode:
            self._text_box(title, -2.08 * R, -1.0 * R, 0.85 * R, size)
            return
        self._text_box(title, -1.39 * R, -1.21 * R, 0.56 * R, size)
        self._text_box(f"<b>{self.tr('Kind of tie')}</b>", 0.9 * R, -1.21 * R, 0.5 * R, size)
        y = -1.08 * R
        for code, label in CLOSENESS.items():
            line = QGraphicsPathItem(tie_path(QPointF(0.9 * R, y), QPointF(1.02 * R, y), code))
            line.setPen(tie_pen(code))
            self._add_static(line)
            self._text_box(self.tr(label), 1.03 * R, y - 0.05 * R, 0.36 * R, size)
            y += 0.1 * R
        notes = self.tr("Thick outline: the respondent. Second circle: lives in the household.")
        if self.document.earlier is not None:
            notes += " " + self.tr("Dashed grey: where people were at the earlier wave.")
        self._text_box(f"<span style='color:#52606d'>{notes}</span>", 0.9 * R, 0.92 * R, 0.5 * R, size - 2)

    # -- mirroring the document ---------------------------------------------------------------

    def show_person(self, key: str) -> None:
        network = self.document.network
        if key not in network:
            return
        person = network.person(key)
        item = self.people.get(key)
        if not person.on_map:
            if item is not None:
                self.forget_person(key)
            return
        assert person.placement is not None
        points = FAMILY_LABEL_POINT_SIZE if self.family_mode else LABEL_POINT_SIZE
        if item is None:
            item = PersonItem(person, self._colour(person.sector))
            self.addItem(item)
            self.people[key] = item
            assert self.centre_item is not None
            to_centre = LineItem(self.centre_item, item, person.closeness, to_centre=True)
            item.lines.append(to_centre)
            self.addItem(to_centre)
        item.setPos(self.point_of(person.placement))
        item.show_person(person, self._colour(person.sector), points)
        for line in item.lines:
            if line.to_centre:
                line.set_closeness(person.closeness)
        if not self._building:
            self._stagger_labels()

    def _stagger_labels(self) -> None:
        """Neighbours in a ring whose labels would collide get them a line further out."""
        width, lift = (0.55, 44.0) if self.family_mode else (0.33, 24.0)
        for key, level in label_levels(self.document.network, width).items():
            item = self.people.get(key)
            if item is not None and item.label_lift != level * lift:
                item.label_lift = level * lift
                item.place_label()

    def forget_person(self, key: str) -> None:
        item = self.people.pop(key, None)
        if item is None:
            return
        self._stagger_labels()
        for line in list(item.lines):
            other = line.a if line.b is item else line.b
            if isinstance(other, PersonItem) and line in other.lines:
                other.lines.remove(line)
            if line in self._between:
                self._between.remove(line)
            self.removeItem(line)
        self.removeItem(item)

    def show_ties(self) -> None:
        for line in self._between:
            for end in (line.a, line.b):
                if isinstance(end, PersonItem) and line in end.lines:
                    end.lines.remove(line)
            self.removeItem(line)
        self._between = []
        for tie in self.document.network.ties():
            a, b = self.people.get(tie.a), self.people.get(tie.b)
            if a is None or b is None:
                continue  # a tie with someone off the map is kept, not drawn
            line = LineItem(a, b, tie.closeness)
            a.lines.append(line)
            b.lines.append(line)
            self.addItem(line)
            self._between.append(line)

    def show_earlier_wave(self) -> None:
        for ghost in self._ghosts:
            self.removeItem(ghost)
        self._ghosts = []
        earlier = self.document.earlier
        if earlier is None or not self.show_earlier or self.family_mode:
            return
        network = self.document.network
        for person in earlier.people_on_map():
            assert person.placement is not None
            if person.key in network and network.person(person.key).placement == person.placement:
                continue  # still where they were: no ghost, no clutter
            at = QPointF(*to_scene(*point_for(person.placement, earlier.settings), (0.0, 0.0), R))
            ghost = GhostItem(person.label, at)
            self.addItem(ghost)
            self._ghosts.append(ghost)

    def set_family_mode(self, on: bool) -> None:
        self.family_mode = on
        self.rebuild()

    # -- gestures -----------------------------------------------------------------------------

    def person_pressed(self, item: PersonItem) -> None:
        """A drag may begin: views draw everything else from a snapshot until release, so
        each mouse move repaints only this person and their lines (fluid at 150 people)."""
        live: set[QGraphicsItem] = {item}
        for line in item.lines:
            live.update((line, line.a, line.b))
        for view in self.views():
            if isinstance(view, MapView):
                view.freeze_all_but(live)

    def person_released(self, item: PersonItem, moved: bool) -> None:
        """Let go: ring, sector and angle come from the drop point (if it moved at all)."""
        for view in self.views():
            if isinstance(view, MapView):
                view.unfreeze()
        if moved:
            self.document.move_person(item.key, self.placement_of(item.pos()))

    def start_tie(self, item: PersonItem, at: QPointF) -> None:
        self._tie_from = item
        self._band = QGraphicsLineItem(QLineF(item.pos(), at))
        pen = tie_pen(self.new_tie_closeness)
        pen.setStyle(Qt.PenStyle.DashLine)
        self._band.setPen(pen)
        self._band.setZValue(50)
        self.addItem(self._band)

    def drag_tie(self, at: QPointF) -> None:
        if self._band is not None and self._tie_from is not None:
            self._band.setLine(QLineF(self._tie_from.pos(), at))

    def finish_tie(self, at: QPointF) -> None:
        start, self._tie_from = self._tie_from, None
        if self._band is not None:
            self.removeItem(self._band)
            self._band = None
        target = next((i for i in self.items(at) if isinstance(i, PersonItem)), None)
        if start is not None and target is not None and target is not start:
            self.document.add_tie(start.key, target.key, self.new_tie_closeness)

    def _is_empty(self, at: QPointF) -> bool:
        return not any(isinstance(i, (PersonItem, CentreItem)) or i.parentItem() is not None
                       or i.acceptedMouseButtons() != Qt.MouseButton.NoButton
                       for i in self.items(at))

    def contextMenuEvent(self, event: QGraphicsSceneContextMenuEvent) -> None:  # noqa: N802
        """Right-click (or long press) on a person or a tie: what can be done to it."""
        under = self.items(event.scenePos())
        person = next((i for i in under if isinstance(i, PersonItem)), None)
        line = next((i for i in under if isinstance(i, LineItem) and not i.to_centre), None)
        menu = QMenu()
        if person is not None:
            for action, text in (("edit", self.tr("Change details…")),
                                 ("off_map", self.tr("Keep off the map…")),
                                 ("remove", self.tr("Remove, with their ties"))):
                menu.addAction(text, lambda a=action: self.person_action.emit(person.key, a))
        elif line is not None and isinstance(line.a, PersonItem) and isinstance(line.b, PersonItem):
            a, b = line.a.key, line.b.key
            for code, label in CLOSENESS.items():
                if code != line.closeness:
                    menu.addAction(self.tr("Make it: {kind}").format(kind=self.tr(label)),
                                   lambda c=code: self.document.change_tie(a, b, c))
            menu.addSeparator()
            menu.addAction(self.tr("Remove this tie"), lambda: self.document.remove_tie(a, b))
        else:
            return
        menu.exec(event.screenPos())

    def mousePressEvent(self, event: QGraphicsSceneMouseEvent) -> None:  # noqa: N802
        at = event.scenePos()
        self._press_at = at if event.button() == Qt.MouseButton.LeftButton and self._is_empty(at) else None
        super().mousePressEvent(event)

    def mouseReleaseEvent(self, event: QGraphicsSceneMouseEvent) -> None:  # noqa: N802
        super().mouseReleaseEvent(event)
        press, self._press_at = self._press_at, None
        at = event.scenePos()
        if press is None or QLineF(press, at).length() > CLICK_SLOP:
            return
        if math.hypot(at.x(), at.y()) <= R * 1.02:
            self.empty_clicked.emit(self.placement_of(at))
