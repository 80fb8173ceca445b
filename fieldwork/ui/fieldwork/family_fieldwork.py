"""'Recruitment and contact' for one family: its recruitment, attempts, appointments, contact
details, case status at each wave and social workers, each in a tab that scrolls, in a window
that fits a small laptop screen."""

from __future__ import annotations

from PySide6.QtCore import Signal
from PySide6.QtWidgets import QDialog, QDialogButtonBox, QTabWidget, QVBoxLayout, QWidget

from fieldwork.storage.study_store import StudyStore
from fieldwork.ui.fieldwork.appointments import AppointmentsPanel
from fieldwork.ui.fieldwork.case_status_panel import CaseStatusPanel, SocialWorkersPanel
from fieldwork.ui.fieldwork.common import fit_to_screen, scrolled
from fieldwork.ui.fieldwork.contact_attempts import ContactAttemptsPanel
from fieldwork.ui.fieldwork.contact_details import ContactDetailsPanel
from fieldwork.ui.fieldwork.recruitment_panel import RecruitmentPanel
from fieldwork.ui.save_status import SaveReporter


class FamilyFieldworkDialog(QDialog):
    changed = Signal()

    def __init__(self, store: StudyStore, reporter: SaveReporter, family_key: str, wave: int = 1,
                 parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setWindowTitle(self.tr("Recruitment and contact — {code}").format(
            code=store.family(family_key).code))
        layout = QVBoxLayout(self)
        self.tabs = QTabWidget()
        self.recruitment = RecruitmentPanel(store, reporter, family_key)
        self.attempts = ContactAttemptsPanel(store, reporter, family_key, wave)
        self.appointments = AppointmentsPanel(store, reporter, family_key)
        self.contacts = ContactDetailsPanel(store, reporter, family_key)
        self.case_status = CaseStatusPanel(store, reporter, family_key)
        self.social_workers = SocialWorkersPanel(store, reporter, family_key)
        for panel, title in ((self.recruitment, self.tr("Recruitment")),
                             (self.attempts, self.tr("Contact attempts")),
                             (self.appointments, self.tr("Appointments")),
                             (self.contacts, self.tr("Contact details")),
                             (self.case_status, self.tr("Case status")),
                             (self.social_workers, self.tr("Social workers"))):
            self.tabs.addTab(scrolled(panel), title)
        self.recruitment.saved.connect(self.changed)
        self.attempts.changed.connect(self.changed)
        self.appointments.changed.connect(self.changed)
        self.case_status.changed.connect(self.changed)
        self.social_workers.changed.connect(self.changed)
        layout.addWidget(self.tabs)
        close = QDialogButtonBox(QDialogButtonBox.StandardButton.Close)
        close.rejected.connect(self.reject)
        layout.addWidget(close)
        fit_to_screen(self, 860, 600)
