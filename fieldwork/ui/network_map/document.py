"""The map being edited: the stored map, its undo stack, and signals the scene follows.

Owns ``MapDocument``. The page and the scene ask it for actions (``add_person``,
``move_person``, ...); each is done once through ``StoredMap`` (checked, consent asked,
committed) and, only if that worked, pushed as an undo command. The ``apply_*`` methods
are what the commands call on undo and redo; they write too, and then tell the scene.
A refused or failed write is shown through the ``SaveReporter`` ('Not saved: ...').
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import replace
from typing import Any, TypeVar

from PySide6.QtCore import QObject, Signal
from PySide6.QtGui import QUndoCommand, QUndoStack

from fieldwork.domain.errors import FieldworkError
from fieldwork.domain.map_changes import MapChanges, compare_maps
from fieldwork.domain.map_geometry import Placement
from fieldwork.domain.network_map import NetworkMap, Person, RemovedPerson, Tie
from fieldwork.domain.network_metrics import MapMetrics, measure
from fieldwork.storage.map_store import MapJudgements, StoredMap, load_map
from fieldwork.ui.network_map.commands import (
    AddPersonCommand,
    AddTieCommand,
    ChangePersonCommand,
    ChangeTieCommand,
    RemovePersonCommand,
    RemoveTieCommand,
)
from fieldwork.ui.save_status import SaveReporter

T = TypeVar("T")


class MapDocument(QObject):
    """One interview's map as the page edits it."""

    person_changed = Signal(str)  # added, moved or changed (the scene adds or updates the item)
    person_removed = Signal(str)
    ties_changed = Signal()
    changed = Signal()  # anything: metrics and panels refresh

    def __init__(self, stored: StoredMap, reporter: SaveReporter, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self.stored, self.reporter = stored, reporter
        self.undo_stack = QUndoStack(self)
        judgements = stored.judgements()
        self.earlier: NetworkMap | None = (
            load_map(stored.store, judgements.carried_from) if judgements.carried_from else None)

    @property
    def network(self) -> NetworkMap:
        return self.stored.network

    def metrics(self) -> MapMetrics:
        return measure(self.network)

    def changes(self) -> MapChanges | None:
        return compare_maps(self.earlier, self.network) if self.earlier is not None else None

    def judgements(self) -> MapJudgements:
        return self.stored.judgements()

    def report_problem(self, message: str) -> None:
        self.reporter.problem.emit(message)

    def _try(self, action: Callable[..., T], *args: Any, **kwargs: Any) -> T | None:
        return self.reporter.attempt(action, *args, **kwargs)

    def _push(self, command: QUndoCommand) -> None:
        self.undo_stack.push(command)
        self.changed.emit()

    # -- actions the researcher takes ------------------------------------------------------

    def add_person(self, label: str, relationship: str, **details: Any) -> Person | None:
        person = self._try(self.stored.add_person, label, relationship, **details)
        if person is not None:
            self.person_changed.emit(person.key)
            self._push(AddPersonCommand(self, person))
        return person

    def change_person(self, after: Person, text: str) -> bool:
        before = self._try(self.stored.replace_person, after, text)
        if before is None:
            self.person_changed.emit(after.key)  # snap the item back to where it is stored
            return False
        if before == after:
            return True
        self.person_changed.emit(after.key)
        if before.on_map != after.on_map:
            self.ties_changed.emit()
        self._push(ChangePersonCommand(self, before, self.network.person(after.key), text))
        return True

    def move_person(self, key: str, placement: Placement) -> bool:
        person = self.network.person(key)
        if person.placement == placement:
            return True
        text = self.tr("Move {name} to ring {ring}").format(name=person.label, ring=placement.ring)
        return self.change_person(replace(person, ring=placement.ring, sector=placement.sector,
                                          angle=placement.angle), text)

    def update_person(self, key: str, **changes: Any) -> bool:
        person = self.network.person(key)
        return self.change_person(replace(person, **changes),
                                  self.tr("Change {name}").format(name=person.label))

    def put_off_map(self, key: str, reason: str, note: str = "") -> bool:
        person = self.network.person(key)
        return self.change_person(
            replace(person, ring=None, angle=None, off_map_reason=reason, off_map_note=note),
            self.tr("Keep {name} off the map").format(name=person.label))

    def put_on_map(self, key: str, placement: Placement) -> bool:
        person = self.network.person(key)
        return self.change_person(
            replace(person, ring=placement.ring, sector=placement.sector, angle=placement.angle,
                    off_map_reason=None, off_map_note=""),
            self.tr("Put {name} back on the map").format(name=person.label))

    def remove_person(self, key: str) -> bool:
        removed = self._try(self.stored.remove_person, key)
        if removed is None:
            return False
        self.person_removed.emit(key)
        self.ties_changed.emit()
        self._push(RemovePersonCommand(self, removed))
        return True

    def add_tie(self, a: str, b: str, closeness: str) -> Tie | None:
        tie = self._try(self.stored.add_tie, a, b, closeness)
        if tie is not None:
            self.ties_changed.emit()
            self._push(AddTieCommand(self, tie))
        return tie

    def change_tie(self, a: str, b: str, closeness: str) -> bool:
        before = self._try(self.stored.change_tie_closeness, a, b, closeness)
        if before is None:
            return False
        self.ties_changed.emit()
        self._push(ChangeTieCommand(self, before, self.network.tie(a, b)))
        return True

    def remove_tie(self, a: str, b: str) -> bool:
        tie = self._try(self.stored.remove_tie, a, b)
        if tie is None:
            return False
        self.ties_changed.emit()
        self._push(RemoveTieCommand(self, tie))
        return True

    def rate_support(self, level: str | None, note: str = "") -> bool:
        return self._judge(self.stored.rate_support, level, note)

    def confirm_change_summary(self, summary: str | None, proposed: str | None, note: str = "") -> bool:
        return self._judge(self.stored.confirm_change_summary, summary, proposed, note)

    def _judge(self, write: Callable[..., None], *args: Any) -> bool:
        try:
            write(*args)
        except FieldworkError as error:
            self.report_problem(str(error))
            return False
        finally:
            self.changed.emit()
        return True

    # -- what undo and redo call (they raise; the command reports) ----------------------------

    def apply_add(self, person: Person) -> None:
        self.stored.add_person_record(person)
        self.person_changed.emit(person.key)
        self.changed.emit()

    def apply_remove(self, key: str) -> RemovedPerson:
        removed = self.stored.remove_person(key)
        self.person_removed.emit(key)
        self.ties_changed.emit()
        self.changed.emit()
        return removed

    def apply_restore(self, removed: RemovedPerson) -> None:
        self.stored.restore_removed(removed)
        self.person_changed.emit(removed.person.key)
        self.ties_changed.emit()
        self.changed.emit()

    def apply_replace(self, person: Person) -> None:
        try:
            self.stored.replace_person(person)
        finally:
            self.person_changed.emit(person.key)
            self.ties_changed.emit()  # an off-map person's ties are hidden, an on-map one's shown
            self.changed.emit()

    def apply_add_tie(self, tie: Tie) -> None:
        self.stored.add_tie(tie.a, tie.b, tie.closeness)
        self.ties_changed.emit()
        self.changed.emit()

    def apply_tie_closeness(self, tie: Tie) -> None:
        self.stored.change_tie_closeness(tie.a, tie.b, tie.closeness)
        self.ties_changed.emit()
        self.changed.emit()

    def apply_remove_tie(self, tie: Tie) -> None:
        self.stored.remove_tie(tie.a, tie.b)
        self.ties_changed.emit()
        self.changed.emit()
