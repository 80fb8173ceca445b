"""The map's scene: a drawing that mirrors the document, and the gestures on it.

Owns ``MapScene`` (the backdrop of rings and sectors from ``backdrop``, the sector titles,
the centre, one ``PersonItem`` per on-map person with a line to the centre styled by
closeness, the ties between people, and at wave 2 the faint earlier placement);
``view.MapView`` shows it at any window size. Everything is placed from ring, sector and
angle; a drop or a click is turned back into them with ``map_geometry.placement_at``, so
pixels are never data. The scene never changes the model itself: it asks the document.

Names and sector titles keep their size in pixels (the system font) whatever the zoom, so
where they reach depends on the window: the view tells the scene its zoom and what it
shows (``set_label_scale``) and the scene places the titles, then the names with
``map_look.place_labels``, away from each other and from the titles. The ring prompts and
the legend are widgets beside the map (``key_panel``), at the system font size.
"""

from __future__ import annotations

import math

from PySide6.QtCore import QLineF, QPointF, QRectF, Qt, Signal
from PySide6.QtWidgets import (
    QGraphicsItem,
    QGraphicsLineItem,
    QGraphicsScene,
    QGraphicsSceneContextMenuEvent,
    QGraphicsSceneMouseEvent,
    QGraphicsView,
    QMenu,
    QWidget,
)

from fieldwork.domain.map_geometry import (
    Placement,
    from_scene,
    placement_at,
    point_for,
    to_scene,
)
from fieldwork.domain.map_look import LabelRequest, Rect, place_labels
from fieldwork.domain.network_codes import CLOSENESS
from fieldwork.ui.network_map.backdrop import SectorTitle, draw_backdrop
from fieldwork.ui.network_map.document import MapDocument
from fieldwork.ui.network_map.items import (
    CentreItem,
    GhostItem,
    LabelItem,
    LineItem,
    PersonItem,
    top_level,
)
from fieldwork.ui.network_map.style import (
    CENTRE_RADIUS,
    FAMILY_SCALE,
    FAMILY_TITLE_WRAP,
    OUTER_RADIUS,
    PERSON_RADIUS,
    TITLE_WRAP,
    label_points,
    sector_colour,
    system_points,
    tie_pen,
)
from fieldwork.ui.network_map.view import MapView

R = OUTER_RADIUS
CLICK_SLOP = 4.0  # scene units a press may wander and still be a click
LABEL_GAP_PIXELS = 3.0
SCENE_RECT = QRectF(-1.5 * R, -1.2 * R, 3.0 * R, 2.4 * R)  # the circle, and room for the titles


class MapScene(QGraphicsScene):
    """The drawing of one map. Emits what the researcher did; the page asks the document."""

    empty_clicked = Signal(object)  # Placement of the spot
    person_activated = Signal(str)  # double-click: edit this person
    person_action = Signal(str, str)  # person key, "edit" / "off_map" / "remove" (context menu)

    def __init__(self, document: MapDocument, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.document = document
        self.tie_mode = False
        self.read_only = False
        self.new_tie_closeness = "moderately_close"
        self.family_mode = False
        self.show_earlier = True
        self.people: dict[str, PersonItem] = {}
        self.centre_item: CentreItem | None = None
        self.titles: list[SectorTitle] = []
        self.ring_numbers: list[LabelItem] = []
        self.label_view: QGraphicsView | None = None  # whose zoom the names are placed for
        self.label_scale = 0.6  # view pixels per scene unit, until a view says
        self.label_area = QRectF(SCENE_RECT)  # what that view shows, in scene units
        self._between: list[LineItem] = []
        self._ghosts: list[GhostItem] = []
        self._band: QGraphicsLineItem | None = None
        self._tie_from: PersonItem | None = None
        self._press_at: QPointF | None = None
        self._building = False
        self.setItemIndexMethod(QGraphicsScene.ItemIndexMethod.NoIndex)  # items move; few of them
        self.setSceneRect(SCENE_RECT)
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

    def _colour(self, sector: str, alpha: int = 255):  # noqa: ANN202 - a QColor
        return sector_colour(self.document.network.settings.sector_codes.index(sector), alpha)

    # -- building ------------------------------------------------------------------------------

    def rebuild(self) -> None:
        self.clear()
        self.people.clear()
        self._between, self._ghosts = [], []
        self._band = None
        settings = self.document.network.settings
        self.ring_numbers = [i for i in draw_backdrop(self, settings) if isinstance(i, LabelItem)]
        factor = FAMILY_SCALE if self.family_mode else 1.0
        wrap = FAMILY_TITLE_WRAP if self.family_mode else TITLE_WRAP
        self.titles = [SectorTitle(settings.sector(code).label, settings.middle_angle(code),
                                   system_points() * factor, wrap) for code in settings.sector_codes]
        for title in self.titles:
            self.addItem(title)
        network = self.document.network
        self.centre_item = CentreItem(network.centre.label, label_points(self.family_mode) + 1)
        self.addItem(self.centre_item)
        self._building = True
        for person in network.people_on_map():
            self.show_person(person.key)
        self._building = False
        self.layout_labels()
        self.show_ties()
        self.show_earlier_wave()

    def set_label_scale(self, scale: float, view: QGraphicsView) -> None:
        """A view was fitted to a new size: place the names again if it is the view they are for.

        The titles and names may use all the view shows: a view wider (or taller) than the
        scene shows room beside the circle that the scene's own rectangle leaves out, and
        without it a long title was pushed in over the outer ring on a small screen."""
        if self.label_view is not None and view is not self.label_view:
            return
        shown = view.mapToScene(view.viewport().rect()).boundingRect().united(self.sceneRect())
        if scale > 0 and (abs(scale - self.label_scale) > 1e-3 * self.label_scale or shown != self.label_area):
            self.label_scale, self.label_area = scale, shown
            self.layout_labels()

    def layout_labels(self) -> None:
        """Titles first (kept inside what the view shows), then every name, clear of them and of each other."""
        scale = self.label_scale
        limits = self.label_area
        obstacles = []
        # One size for all of a map's titles: the largest at which each fits beside the ring.
        fits = [title.fitting(scale, limits) for title in self.titles]
        share = min((s for _, s in fits), default=1.0)
        for title, (text, _) in zip(self.titles, fits, strict=True):
            r = title.place_outside(scale, limits, text, share)
            obstacles.append(Rect(r.left(), r.top(), r.right(), r.bottom()))
        centre = CENTRE_RADIUS * 1.05
        if self.centre_item is not None:
            w, h = (v / scale for v in self.centre_item.label.size_in_pixels())
            half_w, half_h = max(centre, w / 2), max(centre, h / 2)
            obstacles.append(Rect(-half_w, -half_h, half_w, half_h))
        # The ring numbers, and the faint names of people gone since the earlier wave.
        for label in self.ring_numbers + [g.label for g in self._ghosts if isinstance(g, GhostItem)]:
            if label.scene() is self:
                w, h = (v / scale for v in label.size_in_pixels())
                x, y = label.scenePos().x() - w * label.align[0], label.scenePos().y() - h * label.align[1]
                obstacles.append(Rect(x, y, x + w, y + h))
        requests = []
        for key, item in self.people.items():
            w, h = item.label.size_in_pixels()
            requests.append(LabelRequest(key, item.pos().x(), item.pos().y(), w / scale, h / scale))
        bounds = Rect(limits.left(), limits.top(), limits.right(), limits.bottom())
        placed = place_labels(requests, gap=LABEL_GAP_PIXELS / scale, dot=PERSON_RADIUS + 2,
                              obstacles=obstacles, bounds=bounds, spacing=2.0 / scale)
        for key, spot in placed.items():
            item = self.people[key]
            x, y = item.pos().x(), item.pos().y()
            end = None
            if spot.leader:
                ex, ey = spot.leader_end(x, y)
                end = QPointF(ex - x, ey - y)
            item.set_label_place(QPointF(spot.rect.left - x, spot.rect.low - y), end)

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
        points = label_points(self.family_mode)
        if item is None:
            item = PersonItem(person, self._colour(person.sector))
            self.addItem(item)
            self.addItem(item.label)
            self.addItem(item.leader)
            self.people[key] = item
            assert self.centre_item is not None
            to_centre = LineItem(self.centre_item, item, person.closeness, to_centre=True)
            item.lines.append(to_centre)
            self.addItem(to_centre)
        item.setPos(self.point_of(person.placement))
        item.show_person(person, self._colour(person.sector), points)
        if self.family_mode:
            item.setToolTip("")  # the family's window shows names only
        for line in item.lines:
            if line.to_centre:
                line.set_closeness(person.closeness)
        item.setFlag(QGraphicsItem.GraphicsItemFlag.ItemIsMovable, not self.read_only)
        if not self._building:
            self.layout_labels()

    def forget_person(self, key: str) -> None:
        item = self.people.pop(key, None)
        if item is None:
            return
        for line in list(item.lines):
            other = line.a if line.b is item else line.b
            if isinstance(other, PersonItem) and line in other.lines:
                other.lines.remove(line)
            if line in self._between:
                self._between.remove(line)
            self.removeItem(line)
        self.removeItem(item.label)
        self.removeItem(item.leader)
        self.removeItem(item)
        self.layout_labels()

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
        if self._ghosts:
            self.layout_labels()

    def set_read_only(self, read_only: bool) -> None:
        """A finished interview: people cannot be dragged, tied, added or changed here."""
        self.read_only = read_only
        self.tie_mode = self.tie_mode and not read_only
        for item in self.people.values():
            item.setFlag(QGraphicsItem.GraphicsItemFlag.ItemIsMovable, not read_only)

    def set_family_mode(self, on: bool) -> None:
        self.family_mode = on
        self.rebuild()

    # -- gestures -----------------------------------------------------------------------------

    def person_pressed(self, item: PersonItem) -> None:
        """A drag may begin: views draw everything else from a snapshot until release, so
        each mouse move repaints only this person and their lines (fluid at 150 people)."""
        live: set[QGraphicsItem] = {item, item.label, item.leader}
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
        if self.read_only:
            return
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
        under = self.items(at)
        loose = top_level(under)
        return not any(isinstance(i, (PersonItem, CentreItem)) or i not in loose
                       or i.acceptedMouseButtons() != Qt.MouseButton.NoButton
                       for i in under)

    def contextMenuEvent(self, event: QGraphicsSceneContextMenuEvent) -> None:  # noqa: N802
        """Right-click (or long press) on a person or a tie: what can be done to it."""
        if self.read_only:
            return
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
        if math.hypot(at.x(), at.y()) <= R * 1.02 and not self.read_only:
            self.empty_clicked.emit(self.placement_of(at))
