"""Closing notes: the researcher's free text at the end of a visit, saved as it is typed.

The step's work is done once there is a note; a finished interview shows the note read-only
(it can still be selected, copied and scrolled).
"""

from __future__ import annotations

from PySide6.QtWidgets import QLabel, QPlainTextEdit, QVBoxLayout, QWidget

from fieldwork.storage.study_store import StudyStore
from fieldwork.ui.interview.step_page import StepPage
from fieldwork.ui.save_status import SaveReporter
from fieldwork.ui.text_sizes import heading


class ClosingNotesPage(StepPage):
    def __init__(self, store: StudyStore, reporter: SaveReporter, interview_key: str,
                 parent: QWidget | None = None) -> None:
        super().__init__(store, reporter, interview_key, parent)
        layout = QVBoxLayout(self)
        layout.addWidget(heading(self.tr("Closing notes"), 1.4))
        self.hint = QLabel()
        self.hint.setWordWrap(True)
        layout.addWidget(self.hint)
        self.notes = QPlainTextEdit(store.interview(interview_key).closing_notes)
        self.notes.setTabChangesFocus(True)
        self.notes.setAccessibleName(self.tr("Closing notes"))
        self.notes.textChanged.connect(self._save)
        layout.addWidget(self.notes, 1)
        self._show_hint()

    def _show_hint(self) -> None:
        self.hint.setText(self.tr("This interview is finished: the notes are shown as recorded.")
                          if self.read_only else self.tr(
            "How the visit went, anything to follow up, anything the analysts should know. "
            "Saved as you type."))

    def _save(self) -> None:
        if self.read_only:
            return
        text = self.notes.toPlainText()
        if self.reporter.attempt(self.store.update_interview, self.interview_key, closing_notes=text):
            self.edited.emit()

    def refresh(self) -> None:
        """The saved notes, if they differ from what is on screen (typing is not disturbed)."""
        saved = self.store.interview(self.interview_key).closing_notes
        if saved != self.notes.toPlainText():
            self.notes.blockSignals(True)
            self.notes.setPlainText(saved)
            self.notes.blockSignals(False)

    def work_done(self) -> bool:
        return bool(self.store.interview(self.interview_key).closing_notes.strip())

    def set_read_only(self, read_only: bool) -> None:
        self.read_only = read_only
        self.notes.setReadOnly(read_only)
        self._show_hint()
