"""Visit details: who is here today, in which language, with which interpreter.

Checked with the family at the start of a visit; every change is saved at once.
"""

from __future__ import annotations

from PySide6.QtWidgets import QLabel, QVBoxLayout, QWidget

from fieldwork.storage.study_store import StudyStore
from fieldwork.ui.interview.step_page import StepPage
from fieldwork.ui.interview_form import InterviewForm
from fieldwork.ui.save_status import SaveReporter
from fieldwork.ui.text_sizes import heading


class VisitDetailsPage(StepPage):
    def __init__(self, store: StudyStore, reporter: SaveReporter, interview_key: str,
                 parent: QWidget | None = None) -> None:
        super().__init__(store, reporter, interview_key, parent)
        layout = QVBoxLayout(self)
        layout.addWidget(heading(self.tr("Visit details"), 1.4))
        hint = QLabel(self.tr(
            "Check these with the family before you begin. Changes are saved as you make them."
        ))
        hint.setWordWrap(True)
        layout.addWidget(hint)
        self.form = InterviewForm(store.researchers())
        self.form.show_interview(store.interview(interview_key))
        self.form.changed.connect(self._save)
        layout.addWidget(self.form)
        layout.addStretch(1)

    def _save(self) -> None:
        if self.reporter.attempt(self.store.update_interview, self.interview_key, **self.form.details()):
            self.edited.emit()
