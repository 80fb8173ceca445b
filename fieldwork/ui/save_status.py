"""The status line's word on saving: 'Saved 14:02:31', or what was not saved and why.

The store is Qt-free and tells plain listeners; ``SaveStatus`` turns that into a Qt signal
and a label. Problems found before anything is written (a rule broken) are reported here
too, so the researcher always sees that an edit did not land.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import TypeVar

import shiboken6
from PySide6.QtCore import QObject, QSize, Signal
from PySide6.QtWidgets import QLabel, QWidget

from fieldwork.domain.errors import FieldworkError
from fieldwork.storage.connection import StudyFileUnreadable
from fieldwork.storage.study_store import SaveEvent, StudyLost, StudyStore

T = TypeVar("T")


class SaveReporter(QObject):
    """Carries the store's save events into Qt, and runs edits that may be refused."""

    saved = Signal(object)  # SaveEvent
    problem = Signal(str)
    # The study can no longer be saved to from this window (file replaced, moved, re-keyed).
    study_lost = Signal(str)

    def __init__(self, store: StudyStore, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self.store = store
        store.add_save_listener(self._heard)

    def _heard(self, event: SaveEvent) -> None:
        # A window dropped without closing leaves this listener behind its deleted Qt
        # object; it must let go rather than break the next edit, which has committed.
        if not shiboken6.isValid(self):
            self.store.remove_save_listener(self._heard)
            return
        if event.saved:
            self.saved.emit(event)
            return
        # Every failed write is said on the status line, whoever made it (a dialog that also
        # shows its own refusal, a page, a command of the window).
        self.problem.emit(f"{event.what}: {event.problem}")
        if event.study_lost:
            self.study_lost.emit(event.problem)

    def attempt(self, edit: Callable[..., T], *args: object, **kwargs: object) -> T | None:
        """Run one edit; if it is refused or fails, say so and return None."""
        try:
            return edit(*args, **kwargs)
        except FieldworkError as error:
            self.report_failure(error)
            return None

    def report_failure(self, error: BaseException) -> None:
        """Say that what the researcher just did was not saved (and why), on the status line."""
        self.problem.emit(str(error) if isinstance(error, FieldworkError) else self.tr(
            "something went wrong ({what}); what you typed is still on screen").format(
                what=type(error).__name__))
        if isinstance(error, (StudyLost, StudyFileUnreadable)):
            self.study_lost.emit(str(error))

    def detach(self) -> None:
        self.store.remove_save_listener(self._heard)


class SaveStatusLabel(QLabel):
    """Right end of the status bar: the time of the last save, or the last failure."""

    def __init__(self, reporter: SaveReporter, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("saveStatus")
        self.setText(self.tr("All changes are saved as you make them"))
        reporter.saved.connect(self._show_saved)
        reporter.problem.connect(self._show_problem)

    # A long 'Not saved: …' must not widen the window past a small laptop's screen: the
    # label asks for at most about 70 characters' room; the whole message is its tooltip.
    def sizeHint(self) -> QSize:  # noqa: N802
        hint = super().sizeHint()
        return QSize(min(hint.width(), self.fontMetrics().averageCharWidth() * 70), hint.height())

    def minimumSizeHint(self) -> QSize:  # noqa: N802
        hint = super().minimumSizeHint()
        return QSize(min(hint.width(), self.fontMetrics().averageCharWidth() * 24), hint.height())

    def _show_saved(self, event: SaveEvent) -> None:
        self.setStyleSheet("")
        self.setText(self.tr("Saved {time}").format(time=event.at.strftime("%H:%M:%S")))
        self.setToolTip(event.what)

    def _show_problem(self, message: str) -> None:
        self.setStyleSheet("color: #b00020; font-weight: bold;")
        self.setText(self.tr("Not saved: {message}").format(message=message))
        self.setToolTip(message)


def show_refusal(parent: QWidget, error: FieldworkError) -> None:
    """For edits made in a dialog: the refusal in a message box the researcher must read."""
    from PySide6.QtWidgets import QMessageBox

    QMessageBox.warning(parent, parent.tr("Not saved"), str(error))
