"""The people on the map as a list: for the keyboard and for screen readers.

Owns ``PeopleList``: one row per person on the map, read out in full ("Aunt, ring 1 of 3,
Family and household, 2 ties"), kept in step with the map's selection. From the list a
person is moved a ring in or out (Ctrl+Up / Ctrl+Down), to the next or previous sector
(Ctrl+Right / Ctrl+Left, keeping their place within the wedge) and tied to another person
(Ctrl+T), by keyboard alone. The list only asks; the page's document makes the change,
so each is one committed, undoable step like a drag.
"""

from __future__ import annotations

from PySide6.QtCore import Qt, Signal
from PySide6.QtGui import QAction, QKeySequence
from PySide6.QtWidgets import (
    QGridLayout,
    QGroupBox,
    QListWidget,
    QListWidgetItem,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from fieldwork.domain.map_geometry import MapSettings, Placement
from fieldwork.domain.network_codes import RELATIONSHIPS
from fieldwork.domain.network_map import NetworkMap, Person
from fieldwork.ui.network_map.document import MapDocument


def moved_sector(person: Person, settings: MapSettings, step: int) -> Placement:
    """The person's placement one sector on (``step`` 1: counter-clockwise, -1: clockwise),
    at the same share of the wedge as now, in the same ring."""
    assert person.placement is not None
    codes = settings.sector_codes
    start, end = settings.sector_span(person.sector)
    share = ((person.placement.angle - start) % 360.0) / (end - start)
    target = codes[(codes.index(person.sector) + step) % len(codes)]
    t_start, t_end = settings.sector_span(target)
    angle = (t_start + min(max(share, 0.05), 0.95) * (t_end - t_start)) % 360.0
    if settings.sector_at(angle) != target:
        angle = settings.middle_angle(target)
    return Placement(person.placement.ring, target, angle)


class PeopleList(QGroupBox):
    """Who is on the map, and keyboard moves for the one chosen."""

    person_chosen = Signal(str)  # the selection moved to this person (the map follows)
    tie_requested = Signal(str)  # tie this person to another (the page asks to whom)

    def __init__(self, document: MapDocument, parent: QWidget | None = None) -> None:
        super().__init__(self.tr("People on the map"), parent)
        self.document = document
        self.read_only = False
        box = QVBoxLayout(self)
        self.list = QListWidget()
        self.list.setObjectName("peopleOnMap")
        self.list.setAccessibleName(self.tr("People on the map"))
        self.list.setAccessibleDescription(self.tr(
            "Ctrl+Up or Ctrl+Down: a ring closer or further. Ctrl+Left or Ctrl+Right: the next "
            "sector. Ctrl+T: tie to another person. Return: change details. Delete: remove."))
        self.list.setWordWrap(True)
        self.list.setMinimumHeight(90)
        self.list.setMaximumHeight(170)
        box.addWidget(self.list)
        grid = QGridLayout()
        self.buttons: dict[str, QPushButton] = {}
        for n, (name, text, keys, slot) in enumerate((
                ("in", self.tr("Ring in"), "Ctrl+Up", lambda: self.move_ring(-1)),
                ("out", self.tr("Ring out"), "Ctrl+Down", lambda: self.move_ring(1)),
                ("previous", self.tr("Sector ◀"), "Ctrl+Left", lambda: self.move_sector(-1)),
                ("next", self.tr("Sector ▶"), "Ctrl+Right", lambda: self.move_sector(1)),
                ("tie", self.tr("Tie to…"), "Ctrl+T", self.ask_tie))):
            button = QPushButton(text)
            button.setToolTip(f"{text.replace('…', '')} ({QKeySequence(keys).toString()})")
            button.setAccessibleName(button.toolTip())
            button.clicked.connect(slot)
            action = QAction(self)  # the keys work while the list (or a button here) has focus
            action.setShortcut(QKeySequence(keys))
            action.setShortcutContext(Qt.ShortcutContext.WidgetWithChildrenShortcut)
            action.triggered.connect(slot)
            self.addAction(action)
            grid.addWidget(button, n // 2, n % 2)
            self.buttons[name] = button
        box.addLayout(grid)
        self.list.currentItemChanged.connect(self._current_changed)
        document.changed.connect(self.refresh)
        document.person_changed.connect(lambda _key: self.refresh())
        self.refresh()

    # -- what it shows -----------------------------------------------------------------------

    def describe(self, person: Person, network: NetworkMap) -> str:
        settings = network.settings
        assert person.placement is not None
        ties = len(network.ties_of(person.key))
        text = self.tr("{name}, ring {ring} of {rings}, {sector}").format(
            name=person.label, ring=person.placement.ring, rings=settings.rings,
            sector=self.tr(settings.sector(person.sector).label))
        if person.relationship in RELATIONSHIPS:
            text += f" ({self.tr(RELATIONSHIPS[person.relationship]).lower()})"
        if ties:
            text += ", " + (self.tr("1 tie") if ties == 1 else self.tr("{n} ties").format(n=ties))
        return text

    def refresh(self) -> None:
        network = self.document.network
        current = self.current_key()
        self.list.blockSignals(True)
        self.list.clear()
        people = sorted(network.people_on_map(), key=lambda p: (p.ring or 0, p.label.lower()))
        for person in people:
            text = self.describe(person, network)  # read out in full by a screen reader
            sector = self.tr(network.settings.sector(person.sector).label)
            shown = self.tr("{name} · ring {ring} · {sector}").format(
                name=person.label, ring=person.ring, sector=sector)
            item = QListWidgetItem(shown)
            item.setData(Qt.ItemDataRole.UserRole, person.key)
            item.setData(Qt.ItemDataRole.AccessibleTextRole, text)
            item.setToolTip(text)
            self.list.addItem(item)
            if person.key == current:
                self.list.setCurrentItem(item)
        self.list.blockSignals(False)
        self._enable()

    def _enable(self) -> None:
        chosen = self.current_key() is not None
        for name, button in self.buttons.items():
            others = len(self.document.network.people_on_map()) > 1
            button.setEnabled(chosen and not self.read_only and (name != "tie" or others))

    def set_read_only(self, read_only: bool) -> None:
        self.read_only = read_only
        self._enable()

    def current_key(self) -> str | None:
        item = self.list.currentItem()
        return None if item is None else item.data(Qt.ItemDataRole.UserRole)

    def choose(self, key: str | None) -> None:
        """Follow the map's selection (without telling the map again)."""
        self.list.blockSignals(True)
        for row in range(self.list.count()):
            if self.list.item(row).data(Qt.ItemDataRole.UserRole) == key:
                self.list.setCurrentRow(row)
                break
        else:
            self.list.setCurrentRow(-1)
        self.list.blockSignals(False)
        self._enable()

    def _current_changed(self, *_items: object) -> None:
        self._enable()
        key = self.current_key()
        if key is not None:
            self.person_chosen.emit(key)

    # -- keyboard moves ----------------------------------------------------------------------

    def _chosen(self) -> Person | None:
        key = self.current_key()
        if key is None or self.read_only or key not in self.document.network:
            return None
        person = self.document.network.person(key)
        return person if person.on_map else None

    def move_ring(self, step: int) -> bool:
        person = self._chosen()
        if person is None or person.placement is None:
            return False
        ring = person.placement.ring + step
        if not 1 <= ring <= self.document.network.settings.rings:
            return False
        return self.document.move_person(person.key, Placement(ring, person.sector, person.placement.angle))

    def move_sector(self, step: int) -> bool:
        person = self._chosen()
        if person is None or len(self.document.network.settings.sectors) < 2:
            return False
        placement = moved_sector(person, self.document.network.settings, step)
        return self.document.move_person(person.key, placement)

    def ask_tie(self) -> None:
        person = self._chosen()
        if person is not None:
            self.tie_requested.emit(person.key)
