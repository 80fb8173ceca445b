"""'Stop interview': why the visit ended early and, for a safeguarding concern, what was done."""

from __future__ import annotations

from datetime import datetime

from PySide6.QtCore import QDateTime
from PySide6.QtWidgets import (
    QCheckBox,
    QComboBox,
    QDateTimeEdit,
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QGroupBox,
    QLabel,
    QLineEdit,
    QPlainTextEdit,
    QWidget,
)

from fieldwork.domain.casebook import STOP_REASON_LABELS, SafeguardingReport, StopReason
from fieldwork.domain.errors import FieldworkError
from fieldwork.storage.study_store import StudyStore
from fieldwork.storage.visit_events import stop_interview
from fieldwork.ui.save_status import show_refusal


class StopInterviewDialog(QDialog):
    """Stops the interview when accepted; what was collected is kept as partial."""

    def __init__(self, store: StudyStore, interview_key: str, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.store, self.interview_key = store, interview_key
        self.setWindowTitle(self.tr("Stop the interview"))
        form = QFormLayout(self)
        explanation = QLabel(self.tr(
            "The interview ends here. What was recorded so far is kept as a partial interview."
        ))
        explanation.setWordWrap(True)
        form.addRow(explanation)
        self.reason = QComboBox()
        for reason, label in STOP_REASON_LABELS.items():
            self.reason.addItem(self.tr(label), reason.value)
        self.note = QPlainTextEdit()
        self.note.setTabChangesFocus(True)
        self.note.setPlaceholderText(self.tr("What happened (no details of a safeguarding concern here)"))
        form.addRow(self.tr("&Reason"), self.reason)
        form.addRow(self.tr("&Note"), self.note)

        self.safeguarding = QGroupBox(self.tr("Safeguarding procedure"))
        inner = QFormLayout(self.safeguarding)
        self.procedure_followed = QCheckBox(self.tr("I have followed the study's safeguarding procedure"))
        self.who_was_told = QLineEdit()
        self.who_was_told.setPlaceholderText(self.tr("e.g. duty social worker, study lead"))
        self.told_at = QDateTimeEdit(QDateTime.currentDateTime())
        self.told_at.setCalendarPopup(True)
        self.told_at.setDisplayFormat("d MMMM yyyy HH:mm")
        inner.addRow(self.procedure_followed)
        inner.addRow(self.tr("&Who was told"), self.who_was_told)
        inner.addRow(self.tr("W&hen"), self.told_at)
        form.addRow(self.safeguarding)
        self.reason.currentIndexChanged.connect(self._sync)
        self.procedure_followed.toggled.connect(self._sync)
        self._sync()

        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel)
        buttons.button(QDialogButtonBox.StandardButton.Ok).setText(self.tr("Stop interview"))
        buttons.accepted.connect(self._stop)
        buttons.rejected.connect(self.reject)
        form.addRow(buttons)

    def _is_safeguarding(self) -> bool:
        return self.reason.currentData() == StopReason.SAFEGUARDING_CONCERN.value

    def _sync(self) -> None:
        self.safeguarding.setVisible(self._is_safeguarding())
        followed = self.procedure_followed.isChecked()
        self.who_was_told.setEnabled(followed)
        self.told_at.setEnabled(followed)
        self.adjustSize()

    def safeguarding_report(self) -> SafeguardingReport | None:
        if not self._is_safeguarding():
            return None
        followed = self.procedure_followed.isChecked()
        told_at: datetime | None = None
        if followed:
            told_at = self.told_at.dateTime().toPython().astimezone()
        return SafeguardingReport(
            procedure_followed=followed,
            who_was_told=self.who_was_told.text() if followed else "",
            told_at=told_at,
        )

    def _stop(self) -> None:
        try:
            stop_interview(
                self.store, self.interview_key, self.reason.currentData(),
                self.note.toPlainText(), self.safeguarding_report(),
            )
        except FieldworkError as error:
            show_refusal(self, error)
            return
        self.accept()
