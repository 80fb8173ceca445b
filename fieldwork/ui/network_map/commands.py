"""The map's undo commands: each redo and each undo is one committed write to the database.

As in Orange's canvas, a command acts on the model itself: the stored map (``StoredMap``,
which checks, asks the consent gate and commits). It then tells whoever follows the map
what changed through one ``MapListener.map_changed`` call (the document re-emits that as
the signals the scene and panels follow); the document keeps no per-command twins.

A command is pushed only after its action has been done and saved once (the document
does it first, so a refused action never reaches the stack); the first ``redo`` that
``QUndoStack.push`` calls is therefore skipped. If a later undo or redo cannot be saved
(consent withdrawn, disk full), the problem is shown and the command is made obsolete,
so the stack never claims a state the database does not have.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable
from typing import Protocol

from PySide6.QtGui import QUndoCommand

from fieldwork.domain.errors import FieldworkError
from fieldwork.domain.network_map import Person, RemovedPerson, Tie
from fieldwork.storage.map_store import StoredMap


class MapListener(Protocol):
    """What a command tells after it changed the map (the map document is one)."""

    def map_changed(self, people: Iterable[str] = (), removed: Iterable[str] = (),
                    ties: bool = False) -> None:
        """``people`` were added or changed, ``removed`` taken off, ``ties`` changed."""

    def report_problem(self, message: str) -> None:
        """Show that an undo or redo could not be saved."""


class MapCommand(QUndoCommand):
    """Base: runs a change on the stored map and reports (instead of raising) when it cannot be saved."""

    def __init__(self, stored: StoredMap, listener: MapListener, text: str) -> None:
        super().__init__(text)
        self.stored, self.listener = stored, listener
        self._done_already = True

    def _run(self, change: Callable[[], object]) -> None:
        try:
            change()
        except FieldworkError as error:
            self.listener.report_problem(str(error))
            self.setObsolete(True)

    def redo(self) -> None:
        if self._done_already:
            self._done_already = False
            return
        self._run(self.do)

    def undo(self) -> None:
        self._run(self.undo_change)

    def do(self) -> None:
        raise NotImplementedError

    def undo_change(self) -> None:
        raise NotImplementedError


class AddPersonCommand(MapCommand):
    def __init__(self, stored: StoredMap, listener: MapListener, person: Person, text: str) -> None:
        super().__init__(stored, listener, text)
        self.person = person

    def do(self) -> None:
        self.stored.add_person_record(self.person)
        self.listener.map_changed(people=[self.person.key])

    def undo_change(self) -> None:
        self.stored.remove_person(self.person.key)
        self.listener.map_changed(removed=[self.person.key], ties=True)


class ChangePersonCommand(MapCommand):
    """Any change to one person's record: a move, new details, off or back on the map."""

    def __init__(self, stored: StoredMap, listener: MapListener, before: Person, after: Person,
                 text: str) -> None:
        super().__init__(stored, listener, text)
        self.before, self.after = before, after

    def _put(self, person: Person) -> None:
        try:
            self.stored.replace_person(person)
        finally:
            # Also when refused: the item snaps back to where the person is stored. An
            # off-map person's ties are hidden, an on-map one's shown.
            self.listener.map_changed(people=[person.key], ties=True)

    def do(self) -> None:
        self._put(self.after)

    def undo_change(self) -> None:
        self._put(self.before)


class RemovePersonCommand(MapCommand):
    """Removing a person takes their ties with them, and an undo brings all back: one step."""

    def __init__(self, stored: StoredMap, listener: MapListener, removed: RemovedPerson, text: str) -> None:
        super().__init__(stored, listener, text)
        self.removed = removed

    def do(self) -> None:
        self.removed = self.stored.remove_person(self.removed.person.key)
        self.listener.map_changed(removed=[self.removed.person.key], ties=True)

    def undo_change(self) -> None:
        self.stored.restore_removed(self.removed)
        self.listener.map_changed(people=[self.removed.person.key], ties=True)


class AddTieCommand(MapCommand):
    def __init__(self, stored: StoredMap, listener: MapListener, tie: Tie, text: str) -> None:
        super().__init__(stored, listener, text)
        self.tie = tie

    def do(self) -> None:
        self.stored.add_tie(self.tie.a, self.tie.b, self.tie.closeness)
        self.listener.map_changed(ties=True)

    def undo_change(self) -> None:
        self.stored.remove_tie(self.tie.a, self.tie.b)
        self.listener.map_changed(ties=True)


class RemoveTieCommand(AddTieCommand):
    def do(self) -> None:
        super().undo_change()

    def undo_change(self) -> None:
        super().do()


class ChangeTieCommand(MapCommand):
    def __init__(self, stored: StoredMap, listener: MapListener, before: Tie, after: Tie, text: str) -> None:
        super().__init__(stored, listener, text)
        self.before, self.after = before, after

    def _set(self, tie: Tie) -> None:
        self.stored.change_tie_closeness(tie.a, tie.b, tie.closeness)
        self.listener.map_changed(ties=True)

    def do(self) -> None:
        self._set(self.after)

    def undo_change(self) -> None:
        self._set(self.before)
