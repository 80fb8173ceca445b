"""The fields that describe one interview visit, shared by 'New interview' and 'Visit details'.

Date, mode (in person / telephone), the interview language, whether an interpreter is
present and who, the respondent, others present and the researcher.
"""

from __future__ import annotations

from datetime import date
from typing import Any

from PySide6.QtCore import QDate, Signal
from PySide6.QtWidgets import (
    QCheckBox,
    QComboBox,
    QDateEdit,
    QFormLayout,
    QLineEdit,
    QWidget,
)

from fieldwork.domain.casebook import (
    COMMON_LANGUAGES,
    INTERVIEW_MODE_LABELS,
    RESPONDENT_ROLE_LABELS,
    Interview,
    Researcher,
)


class InterviewForm(QWidget):
    """Emits ``changed`` whenever the researcher changes a field."""

    changed = Signal()

    def __init__(self, researchers: list[Researcher], parent: QWidget | None = None) -> None:
        super().__init__(parent)
        form = QFormLayout(self)
        self.interview_date = QDateEdit(QDate.currentDate())
        self.interview_date.setCalendarPopup(True)
        self.interview_date.setDisplayFormat("d MMMM yyyy")
        self.mode = QComboBox()
        for mode, label in INTERVIEW_MODE_LABELS.items():
            self.mode.addItem(self.tr(label), mode.value)
        self.language = QComboBox()
        self.language.setEditable(True)
        self.language.setToolTip(self.tr("Pick a language, or type its code, e.g. 'ps' for Pashto"))
        for code, name in COMMON_LANGUAGES.items():
            self.language.addItem(f"{name} ({code})", code)
        self.interpreter_present = QCheckBox(self.tr("An interpreter is present"))
        self.interpreter = QLineEdit()
        self.interpreter.setPlaceholderText(self.tr("interpreter's name or ID"))
        self.respondent_role = QComboBox()
        for role, label in RESPONDENT_ROLE_LABELS.items():
            self.respondent_role.addItem(self.tr(label), role.value)
        self.others_present = QLineEdit()
        self.others_present.setPlaceholderText(self.tr("e.g. grandmother, a child asleep"))
        self.researcher = QComboBox()
        for researcher in researchers:
            self.researcher.addItem(researcher.name, researcher.key)

        form.addRow(self.tr("&Date"), self.interview_date)
        form.addRow(self.tr("&Mode"), self.mode)
        form.addRow(self.tr("Interview &language"), self.language)
        form.addRow("", self.interpreter_present)
        form.addRow(self.tr("&Interpreter"), self.interpreter)
        form.addRow(self.tr("&Respondent"), self.respondent_role)
        form.addRow(self.tr("&Others present"), self.others_present)
        form.addRow(self.tr("R&esearcher"), self.researcher)
        self._sync_interpreter()

        self.interview_date.dateChanged.connect(self.changed)
        for combo in (self.mode, self.respondent_role, self.researcher):
            combo.currentIndexChanged.connect(self.changed)
        self.language.currentTextChanged.connect(self.changed)
        self.interpreter_present.toggled.connect(self._sync_interpreter)
        self.interpreter_present.toggled.connect(self.changed)
        self.interpreter.textChanged.connect(self.changed)
        self.others_present.textChanged.connect(self.changed)

    def _sync_interpreter(self) -> None:
        self.interpreter.setEnabled(self.interpreter_present.isChecked())

    def language_code(self) -> str:
        text = self.language.currentText().strip()
        index = self.language.findText(text)
        if index >= 0:
            return str(self.language.itemData(index))
        return text

    def details(self) -> dict[str, Any]:
        """The fields as keyword arguments for the store."""
        chosen = self.interview_date.date()
        present = self.interpreter_present.isChecked()
        return {
            "interview_date": date(chosen.year(), chosen.month(), chosen.day()),
            "mode": self.mode.currentData(),
            "language": self.language_code(),
            "interpreter_present": present,
            "interpreter": self.interpreter.text().strip() if present else "",
            "respondent_role": self.respondent_role.currentData(),
            "others_present": self.others_present.text(),
            "researcher_key": self.researcher.currentData(),
        }

    def show_interview(self, interview: Interview) -> None:
        """Fill the fields from a saved interview without announcing changes."""
        self.blockSignals(True)
        for child in self.findChildren(QWidget):
            child.blockSignals(True)
        if interview.interview_date:
            when = interview.interview_date
            self.interview_date.setDate(QDate(when.year, when.month, when.day))
        self.mode.setCurrentIndex(self.mode.findData(interview.mode.value))
        index = self.language.findData(interview.language)
        if index >= 0:
            self.language.setCurrentIndex(index)
        else:
            self.language.setEditText(interview.language)
        self.interpreter_present.setChecked(interview.interpreter_present)
        self.interpreter.setText(interview.interpreter)
        self.respondent_role.setCurrentIndex(self.respondent_role.findData(interview.respondent_role.value))
        self.others_present.setText(interview.others_present)
        if interview.researcher_key:
            self.researcher.setCurrentIndex(max(0, self.researcher.findData(interview.researcher_key)))
        self._sync_interpreter()
        for child in self.findChildren(QWidget):
            child.blockSignals(False)
        self.blockSignals(False)
