"""Closing notes: the researcher's free text at the end of a visit, saved as it is typed."""

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
        hint = QLabel(self.tr(
            "How the visit went, anything to follow up, anything the analysts should know. "
            "Saved as you type."
        ))
        hint.setWordWrap(True)
        layout.addWidget(hint)
        self.notes = QPlainTextEdit(store.interview(interview_key).closing_notes)
        self.notes.setTabChangesFocus(True)
        self.notes.setAccessibleName(self.tr("Closing notes"))
        self.notes.textChanged.connect(self._save)
        layout.addWidget(self.notes, 1)

    def _save(self) -> None:
        text = self.notes.toPlainText()
        if self.reporter.attempt(self.store.update_interview, self.interview_key, closing_notes=text):
            self.edited.emit()
