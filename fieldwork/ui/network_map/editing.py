"""What the researcher does to the people on the map, from the page: add, change, remove,
keep off the map, put back, tie by keyboard.

Owns ``PeopleEditing``, the part of ``NetworkMapPage`` that turns a click, a key or a menu
choice into a question (the ``ask_*`` methods open the small dialogs; tests replace them)
and then into one action of the document. Every action does nothing on a finished
interview (``read_only``).
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from PySide6.QtWidgets import QDialog, QWidget

from fieldwork.domain.map_geometry import Placement
from fieldwork.domain.network_map import Person
from fieldwork.ui.network_map.dialogs import OffMapDialog, PersonDialog, TieDialog

if TYPE_CHECKING:
    from fieldwork.ui.network_map.document import MapDocument
    from fieldwork.ui.network_map.scene import MapScene
    from fieldwork.ui.save_status import SaveReporter

OffMapAnswer = tuple[str, str, str, str]  # label, relationship, reason, note


class PeopleEditing:
    """Mixed into the page (a ``QWidget``), which provides the document, the scene and the
    reporter; a plain mixin, so the page keeps ``StepPage``'s signals."""

    document: MapDocument | None
    scene: MapScene | None
    reporter: SaveReporter
    read_only: bool

    def as_widget(self) -> QWidget:
        assert isinstance(self, QWidget)
        return self

    def selected_key(self) -> str | None:
        if self.scene is None:
            return None
        keys = [k for k, item in self.scene.people.items() if item.isSelected()]
        return keys[0] if keys else None

    # -- dialogs (tests replace these) -------------------------------------------------------

    def ask_new_person(self, placement: Placement | None) -> tuple[dict[str, Any], Placement] | None:
        assert self.document is not None
        dialog = PersonDialog(self.document.network.settings, placement=placement,
                              centre=self.document.network.centre, parent=self.as_widget())
        if dialog.exec() != QDialog.DialogCode.Accepted:
            return None
        return dialog.details(), dialog.placement()

    def ask_details(self, person: Person) -> dict[str, Any] | None:
        assert self.document is not None
        dialog = PersonDialog(self.document.network.settings, person=person,
                              centre=self.document.network.centre, parent=self.as_widget())
        return dialog.details() if dialog.exec() == QDialog.DialogCode.Accepted else None

    def ask_off_map(self, name: str, ask_name: bool) -> OffMapAnswer | None:
        dialog = OffMapDialog(name, self.as_widget(), ask_name=ask_name)
        if dialog.exec() != QDialog.DialogCode.Accepted:
            return None
        return (dialog.label.text(), dialog.relationship.currentData(),
                dialog.reason.currentData(), dialog.note.text())

    def ask_tie(self, person: Person, others: dict[str, str]) -> tuple[str, str] | None:
        """Whom to tie ``person`` to, and the kind of tie: (other key, closeness)."""
        assert self.scene is not None
        dialog = TieDialog(person.label, others, self.scene.new_tie_closeness, self.as_widget())
        if dialog.exec() != QDialog.DialogCode.Accepted or dialog.other.currentData() is None:
            return None
        return dialog.other.currentData(), dialog.kind.currentData()

    # -- actions ---------------------------------------------------------------------------------

    def add_person_at(self, placement: Placement | None) -> None:
        if self.document is None or self.read_only:
            return
        answer = self.ask_new_person(placement)
        if answer is not None:
            details, at = answer
            label, relationship = details.pop("label"), details.pop("relationship")
            self.document.add_person(label, relationship, ring=at.ring, sector=at.sector,
                                     angle=at.angle, **details)

    def add_person_from_keyboard(self) -> None:
        self.add_person_at(None)

    def edit_person(self, key: str) -> None:
        if self.document is None or self.read_only:
            return
        changes = self.ask_details(self.document.network.person(key))
        if changes is not None:
            self.document.update_person(key, **changes)

    def _person_action(self, key: str, action: str) -> None:
        if self.scene is None or self.read_only:
            return
        for k, item in self.scene.people.items():
            item.setSelected(k == key)
        {"edit": self.edit_selected, "off_map": self.keep_selected_off,
         "remove": self.remove_selected}[action]()

    def edit_selected(self) -> None:
        key = self.selected_key()
        if key is not None:
            self.edit_person(key)

    def remove_selected(self) -> None:
        key = self.selected_key()
        if key is not None and self.document is not None and not self.read_only:
            self.document.remove_person(key)

    def keep_selected_off(self) -> None:
        if self.read_only:
            return
        key = self.selected_key()
        if key is None or self.document is None:
            self.reporter.problem.emit(self.as_widget().tr("Select a person on the map first."))
            return
        answer = self.ask_off_map(self.document.network.person(key).label, ask_name=False)
        if answer is not None:
            _label, _relationship, reason, note = answer
            self.document.put_off_map(key, reason, note)

    def name_someone_off(self) -> None:
        if self.document is None or self.read_only:
            return
        answer = self.ask_off_map("", ask_name=True)
        if answer is not None:
            label, relationship, reason, note = answer
            self.document.add_person(label, relationship, off_map_reason=reason, off_map_note=note)

    def put_back_on_map(self, key: str) -> None:
        if self.document is None or self.read_only:
            return
        network = self.document.network
        sector = network.person(key).sector
        self.document.put_on_map(key, Placement(network.settings.rings, sector,
                                                network.settings.middle_angle(sector)))

    def tie_from_keyboard(self, key: str) -> None:
        """Tie the person chosen in the people list to another, by keyboard."""
        if self.document is None or self.read_only:
            return
        network = self.document.network
        others = {p.key: p.label for p in sorted(network.people_on_map(), key=lambda p: p.label.lower())
                  if p.key != key}
        answer = self.ask_tie(network.person(key), others) if others else None
        if answer is not None:
            other, closeness = answer
            if any({t.a, t.b} == {key, other} for t in network.ties_of(key)):
                self.document.change_tie(key, other, closeness)
            else:
                self.document.add_tie(key, other, closeness)

