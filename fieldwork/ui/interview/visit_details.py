"""Visit details: who is here today, in which language, with which interpreter.

Checked with the family at the start of a visit; every change is saved at once. A change of
date, mode, language, interpreter or researcher changes what other steps show (the consent
form, the telephone script, the wording), so the page announces it (``interview_changed``).
"""

from __future__ import annotations

from typing import Any

from PySide6.QtWidgets import (
    QAbstractSpinBox,
    QCheckBox,
    QComboBox,
    QLabel,
    QLineEdit,
    QVBoxLayout,
    QWidget,
)

from fieldwork.domain.casebook import Interview
from fieldwork.storage.study_store import StudyStore
from fieldwork.ui.interview.step_page import StepPage
from fieldwork.ui.interview_form import InterviewForm
from fieldwork.ui.save_status import SaveReporter
from fieldwork.ui.text_sizes import heading

# The details other steps depend on; a change of any of them refreshes the whole interview.
SHARED_DETAILS = ("interview_date", "mode", "language", "interpreter_present", "interpreter",
                  "researcher_key")


def _shared(interview: Interview) -> tuple[Any, ...]:
    return tuple(getattr(interview, name) for name in SHARED_DETAILS)


class VisitDetailsPage(StepPage):
    def __init__(self, store: StudyStore, reporter: SaveReporter, interview_key: str,
                 parent: QWidget | None = None) -> None:
        super().__init__(store, reporter, interview_key, parent)
        layout = QVBoxLayout(self)
        layout.addWidget(heading(self.tr("Visit details"), 1.4))
        self.hint = QLabel(self.tr(
            "Check these with the family before you begin. Changes are saved as you make them."
        ))
        self.hint.setWordWrap(True)
        layout.addWidget(self.hint)
        self.form = InterviewForm(store.researchers())
        self.form.show_interview(store.interview(interview_key))
        self.form.changed.connect(self._save)
        layout.addWidget(self.form)
        layout.addStretch(1)

    def _save(self) -> None:
        if self.read_only:
            return
        before = _shared(self.store.interview(self.interview_key))
        saved = self.reporter.attempt(self.store.update_interview, self.interview_key, **self.form.details())
        if saved:
            self.edited.emit()
            if _shared(saved) != before:
                self.interview_changed.emit()

    def refresh(self) -> None:
        """Show the saved details again if they differ from the form (never while they agree,
        so typing is not disturbed)."""
        interview = self.store.interview(self.interview_key)
        shown = self.form.details()
        saved = {name: getattr(interview, name) for name in shown}
        saved["mode"], saved["respondent_role"] = interview.mode.value, interview.respondent_role.value
        if shown != saved:
            self.form.show_interview(interview)
            self._lock_fields()

    def work_done(self) -> bool:
        """Done once the date and the researcher are saved (and the interpreter named, if any)."""
        interview = self.store.interview(self.interview_key)
        return bool(interview.interview_date and interview.researcher_key
                    and (not interview.interpreter_present or interview.interpreter.strip()))

    def set_read_only(self, read_only: bool) -> None:
        """Every field still readable (text can be selected); nothing can be changed."""
        self.read_only = read_only
        self.hint.setText(self.tr("This interview is finished: the details are shown as recorded.")
                          if read_only else self.tr("Check these with the family before you begin. "
                                                    "Changes are saved as you make them."))
        self._lock_fields()

    def _lock_fields(self) -> None:
        for field in self.form.findChildren(QWidget):
            if isinstance(field, (QLineEdit, QAbstractSpinBox)) and not isinstance(
                    field.parent(), QComboBox):
                field.setReadOnly(self.read_only)
            elif isinstance(field, (QComboBox, QCheckBox)):
                field.setEnabled(not self.read_only)
        if not self.read_only:
            self.form.interpreter.setEnabled(self.form.interpreter_present.isChecked())
