"""'Reopen for correction…': why a finished interview is opened again. The reason is required.

The interview keeps the status it had on the day (completed or stopped); the study records
when and why it was reopened, and the audit log records that it was (see
``StudyStore.reopen_for_correction``).
"""

from __future__ import annotations

from PySide6.QtWidgets import (
    QDialog,
    QDialogButtonBox,
    QLabel,
    QPlainTextEdit,
    QVBoxLayout,
    QWidget,
)

from fieldwork.storage.study_store import StudyStore
from fieldwork.ui.save_status import SaveReporter


class ReopenDialog(QDialog):
    """Reopens the interview when accepted; Reopen stays greyed until a reason is typed."""

    def __init__(self, store: StudyStore, reporter: SaveReporter, interview_key: str,
                 parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.store, self.reporter, self.interview_key = store, reporter, interview_key
        self.setWindowTitle(self.tr("Reopen for correction"))
        layout = QVBoxLayout(self)
        explanation = QLabel(self.tr(
            "This interview is finished. Reopen it only to correct what was recorded. Its "
            "status stays as it was; the study and the export show that it was reopened, "
            "when and why."))
        explanation.setWordWrap(True)
        layout.addWidget(explanation)
        label = QLabel(self.tr("&Why is it reopened? (required)"))
        self.reason = QPlainTextEdit()
        self.reason.setTabChangesFocus(True)
        self.reason.setPlaceholderText(self.tr("e.g. item 15 was keyed as 4, the answer was 2"))
        label.setBuddy(self.reason)
        layout.addWidget(label)
        layout.addWidget(self.reason)
        self.buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Ok
                                        | QDialogButtonBox.StandardButton.Cancel)
        self.reopen = self.buttons.button(QDialogButtonBox.StandardButton.Ok)
        self.reopen.setText(self.tr("Reopen"))
        self.reopen.setEnabled(False)
        self.reason.textChanged.connect(
            lambda: self.reopen.setEnabled(bool(self.reason.toPlainText().strip())))
        self.buttons.accepted.connect(self._reopen)
        self.buttons.rejected.connect(self.reject)
        layout.addWidget(self.buttons)

    def _reopen(self) -> None:
        reason = self.reason.toPlainText()
        if self.reporter.attempt(self.store.reopen_for_correction, self.interview_key, reason):
            self.accept()
