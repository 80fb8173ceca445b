"""The map being edited: the stored map, its undo stack, and signals the scene follows.

Owns ``MapDocument``. The page and the scene ask it for actions (``add_person``,
``move_person``, ...); each is done once through ``StoredMap`` (checked, consent asked,
committed) and, only if that worked, pushed as an undo command. On undo and redo the
commands act on the stored map themselves and tell the document what changed
(``map_changed``), which it passes on to the scene as signals.
A refused or failed write is shown through the ``SaveReporter`` ('Not saved: ...').
"""

from __future__ import annotations

from collections.abc import Callable, Iterable
from dataclasses import replace
from typing import Any, TypeVar

from PySide6.QtCore import QObject, Signal
from PySide6.QtGui import QUndoCommand, QUndoStack

from fieldwork.domain.errors import FieldworkError
from fieldwork.domain.map_changes import MapChanges, compare_maps
from fieldwork.domain.map_geometry import Placement
from fieldwork.domain.network_map import NetworkMap, Person, Tie
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
            self._push(AddPersonCommand(self.stored, self, person,
                                        self.tr("Add {name}").format(name=person.label)))
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
        self._push(ChangePersonCommand(self.stored, self, before, self.network.person(after.key), text))
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
        self._push(RemovePersonCommand(self.stored, self, removed,
                                       self.tr("Remove {name}").format(name=removed.person.label)))
        return True

    def add_tie(self, a: str, b: str, closeness: str) -> Tie | None:
        tie = self._try(self.stored.add_tie, a, b, closeness)
        if tie is not None:
            self.ties_changed.emit()
            self._push(AddTieCommand(self.stored, self, tie, self.tr("Draw a tie")))
        return tie

    def change_tie(self, a: str, b: str, closeness: str) -> bool:
        before = self._try(self.stored.change_tie_closeness, a, b, closeness)
        if before is None:
            return False
        self.ties_changed.emit()
        self._push(ChangeTieCommand(self.stored, self, before, self.network.tie(a, b),
                                    self.tr("Change a tie")))
        return True

    def remove_tie(self, a: str, b: str) -> bool:
        tie = self._try(self.stored.remove_tie, a, b)
        if tie is None:
            return False
        self.ties_changed.emit()
        self._push(RemoveTieCommand(self.stored, self, tie, self.tr("Remove a tie")))
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

    # -- what the undo commands tell after they changed the stored map -------------------------

    def map_changed(self, people: Iterable[str] = (), removed: Iterable[str] = (),
                    ties: bool = False) -> None:
        """Pass a change to the stored map on to the scene and panels."""
        for key in removed:
            self.person_removed.emit(key)
        for key in people:
            self.person_changed.emit(key)
        if ties:
            self.ties_changed.emit()
        self.changed.emit()
