"""The map's undo commands: each redo and each undo is one committed write to the database.

A command is pushed only after its action has been done and saved once (the document
does it first, so a refused action never reaches the stack); the first ``redo`` that
``QUndoStack.push`` calls is therefore skipped. If a later undo or redo cannot be saved
(consent withdrawn, disk full), the problem is shown and the command is made obsolete,
so the stack never claims a state the database does not have.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import TYPE_CHECKING

from PySide6.QtGui import QUndoCommand

from fieldwork.domain.errors import FieldworkError
from fieldwork.domain.network_map import Person, RemovedPerson, Tie

if TYPE_CHECKING:
    from fieldwork.ui.network_map.document import MapDocument


class MapCommand(QUndoCommand):
    """Base: runs a document change and reports (instead of raising) when it cannot be saved."""

    def __init__(self, document: MapDocument, text: str) -> None:
        super().__init__(text)
        self.document = document
        self._done_already = True

    def _run(self, change: Callable[[], object]) -> None:
        try:
            change()
        except FieldworkError as error:
            self.document.report_problem(str(error))
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
    def __init__(self, document: MapDocument, person: Person) -> None:
        super().__init__(document, document.tr("Add {name}").format(name=person.label))
        self.person = person

    def do(self) -> None:
        self.document.apply_add(self.person)

    def undo_change(self) -> None:
        self.document.apply_remove(self.person.key)


class ChangePersonCommand(MapCommand):
    """Any change to one person's record: a move, new details, off or back on the map."""

    def __init__(self, document: MapDocument, before: Person, after: Person, text: str) -> None:
        super().__init__(document, text)
        self.before, self.after = before, after

    def do(self) -> None:
        self.document.apply_replace(self.after)

    def undo_change(self) -> None:
        self.document.apply_replace(self.before)


class RemovePersonCommand(MapCommand):
    """Removing a person takes their ties with them, and an undo brings all back: one step."""

    def __init__(self, document: MapDocument, removed: RemovedPerson) -> None:
        super().__init__(document, document.tr("Remove {name}").format(name=removed.person.label))
        self.removed = removed

    def do(self) -> None:
        self.removed = self.document.apply_remove(self.removed.person.key)

    def undo_change(self) -> None:
        self.document.apply_restore(self.removed)


class AddTieCommand(MapCommand):
    def __init__(self, document: MapDocument, tie: Tie) -> None:
        super().__init__(document, document.tr("Draw a tie"))
        self.tie = tie

    def do(self) -> None:
        self.document.apply_add_tie(self.tie)

    def undo_change(self) -> None:
        self.document.apply_remove_tie(self.tie)


class RemoveTieCommand(MapCommand):
    def __init__(self, document: MapDocument, tie: Tie) -> None:
        super().__init__(document, document.tr("Remove a tie"))
        self.tie = tie

    def do(self) -> None:
        self.document.apply_remove_tie(self.tie)

    def undo_change(self) -> None:
        self.document.apply_add_tie(self.tie)


class ChangeTieCommand(MapCommand):
    def __init__(self, document: MapDocument, before: Tie, after: Tie) -> None:
        super().__init__(document, document.tr("Change a tie"))
        self.before, self.after = before, after

    def do(self) -> None:
        self.document.apply_tie_closeness(self.after)

    def undo_change(self) -> None:
        self.document.apply_tie_closeness(self.before)
