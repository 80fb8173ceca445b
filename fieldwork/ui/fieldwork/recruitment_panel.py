"""A family's recruitment: how it came, when and by whom it was approached, what it said.

Saved when the researcher presses Save (one edit); a refusal (a date in the future, an
outcome without a date) is shown under the form and nothing is lost from the screen.
"""

from __future__ import annotations

from PySide6.QtCore import QDate, Signal
from PySide6.QtWidgets import (
    QCheckBox,
    QComboBox,
    QDateEdit,
    QFormLayout,
    QHBoxLayout,
    QLabel,
    QPlainTextEdit,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from fieldwork.domain.recruitment import (
    RECRUITMENT_OUTCOME_LABELS,
    RECRUITMENT_ROUTE_LABELS,
    Recruitment,
)
from fieldwork.storage.fieldwork_store import recruitment_of, save_recruitment
from fieldwork.storage.study_store import StudyStore
from fieldwork.ui.fieldwork.common import ProblemLine, choose, coded_combo, qdate
from fieldwork.ui.save_status import SaveReporter

CONSENT_CHOICES = {"": "Not asked yet", "yes": "Yes", "no": "No"}


class RecruitmentPanel(QWidget):
    saved = Signal()

    def __init__(self, store: StudyStore, reporter: SaveReporter, family_key: str,
                 parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.store, self.reporter, self.family_key = store, reporter, family_key
        layout = QVBoxLayout(self)
        family = store.family(family_key)
        layout.addWidget(QLabel(self.tr("Site: {site}").format(site=family.site or self.tr("none chosen"))))
        form = QFormLayout()
        self.route = coded_combo(RECRUITMENT_ROUTE_LABELS, self.tr("Not recorded"))
        self.approached = QCheckBox(self.tr("Approached on"))
        self.approached_on = QDateEdit(QDate.currentDate())
        self.approached_on.setCalendarPopup(True)
        self.approached_on.setDisplayFormat("dd MMM yyyy")
        self.approached.toggled.connect(self.approached_on.setEnabled)
        when = QHBoxLayout()
        when.addWidget(self.approached)
        when.addWidget(self.approached_on, 1)
        self.approached_by = QComboBox()
        self.approached_by.addItem(self.tr("Not recorded"), None)
        for researcher in store.researchers():
            self.approached_by.addItem(researcher.name, researcher.key)
        self.outcome = coded_combo(RECRUITMENT_OUTCOME_LABELS, self.tr("Not known yet"))
        self.consent = QComboBox()
        for code, label in CONSENT_CHOICES.items():
            self.consent.addItem(self.tr(label), code)
        self.note = QPlainTextEdit()
        self.note.setTabChangesFocus(True)
        self.note.setMaximumHeight(self.fontMetrics().lineSpacing() * 4)
        form.addRow(self.tr("How the family &came"), self.route)
        form.addRow(self.tr("When"), when)
        form.addRow(self.tr("Approached &by"), self.approached_by)
        form.addRow(self.tr("&Outcome"), self.outcome)
        form.addRow(self.tr("Agreed to be &contacted"), self.consent)
        form.addRow(self.tr("&Note"), self.note)
        layout.addLayout(form)
        self.problem = ProblemLine()
        layout.addWidget(self.problem)
        buttons = QHBoxLayout()
        buttons.addStretch(1)
        self.save_button = QPushButton(self.tr("&Save recruitment"))
        self.save_button.clicked.connect(self.save)
        buttons.addWidget(self.save_button)
        layout.addLayout(buttons)
        layout.addStretch(1)
        self.show_recruitment(recruitment_of(store, family_key))

    def show_recruitment(self, r: Recruitment) -> None:
        choose(self.route, r.route)
        self.approached.setChecked(r.approached_on is not None)
        self.approached_on.setEnabled(r.approached_on is not None)
        if r.approached_on:
            self.approached_on.setDate(qdate(r.approached_on))
        self.approached_by.setCurrentIndex(max(0, self.approached_by.findData(r.approached_by)))
        choose(self.outcome, r.outcome)
        self.consent.setCurrentIndex(self.consent.findData(
            "" if r.consent_to_contact is None else "yes" if r.consent_to_contact else "no"))
        self.note.setPlainText(r.note)

    def recruitment(self) -> Recruitment:
        consent = self.consent.currentData()
        return Recruitment(
            family_key=self.family_key, route=self.route.currentData(),
            approached_on=self.approached_on.date().toPython() if self.approached.isChecked() else None,
            approached_by=self.approached_by.currentData(), outcome=self.outcome.currentData(),
            consent_to_contact=None if consent == "" else consent == "yes",
            note=self.note.toPlainText(),
        )

    def save(self) -> bool:
        if self.problem.save(self.reporter, save_recruitment, self.store, self.recruitment()) is None:
            return False
        self.saved.emit()
        return True
