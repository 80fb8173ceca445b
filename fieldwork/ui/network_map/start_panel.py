"""Before there is a map: who is at the centre, or start from the earlier wave's map.

Owns ``StartPanel``. It asks for the centre person's name or label and role, and offers
to carry the family's earlier map forward (the same people) when there is one. It says at
once when consent does not allow a map, and asks again each time it is shown, because
consent can be given after the page was built. It only collects; the page starts the map.
"""

from __future__ import annotations

from PySide6.QtCore import Signal
from PySide6.QtGui import QShowEvent
from PySide6.QtWidgets import QComboBox, QHBoxLayout, QLabel, QLineEdit, QPushButton, QVBoxLayout, QWidget

from fieldwork.domain.consent import ConsentComponent
from fieldwork.domain.errors import FieldworkError
from fieldwork.domain.network_codes import CENTRE_ROLES
from fieldwork.storage.consent_store import require_consent
from fieldwork.storage.map_store import earlier_map_interview
from fieldwork.storage.study_store import StudyStore


class StartPanel(QWidget):
    start_requested = Signal(str, str)  # centre label, centre role
    carry_requested = Signal()

    def __init__(self, store: StudyStore, interview_key: str, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.store, self.interview_key = store, interview_key
        self.read_only = False
        box = QVBoxLayout(self)
        hint = QLabel(self.tr(
            "Who is at the centre of the map? The respondent, or the child the family is "
            "talking about. Then place the people in their life on the rings around them."))
        hint.setWordWrap(True)
        box.addWidget(hint)
        row = QHBoxLayout()
        self.centre_label = QLineEdit()
        self.centre_label.setPlaceholderText(self.tr("Name or label of the centre person"))
        self.centre_role = QComboBox()
        for code, label in CENTRE_ROLES.items():
            self.centre_role.addItem(self.tr(label), code)
        self.start_button = QPushButton(self.tr("&Start the map"))
        self.start_button.clicked.connect(self._start_clicked)
        self.centre_label.returnPressed.connect(self._start_clicked)
        row.addWidget(self.centre_label, 2)
        row.addWidget(self.centre_role, 1)
        row.addWidget(self.start_button)
        box.addLayout(row)
        self.carry_button = QPushButton(self.tr("Start from the earlier wave's map (the same people)"))
        self.carry_button.clicked.connect(self.carry_requested)
        box.addWidget(self.carry_button)
        self.consent_note = QLabel()
        self.consent_note.setObjectName("mapConsentNote")
        self.consent_note.setWordWrap(True)
        self.consent_note.setStyleSheet("color: #6b0000;")
        box.addWidget(self.consent_note)
        box.addStretch(1)
        self.refresh()

    def _start_clicked(self) -> None:
        if self.start_button.isEnabled():
            self.start_requested.emit(self.centre_label.text(), self.centre_role.currentData())

    def refresh(self) -> None:
        """Say at once if the map may not be recorded, and whether an earlier map exists."""
        try:
            require_consent(self.store, self.interview_key, ConsentComponent.NETWORK_MAP)
            refusal = ""
        except FieldworkError as error:
            refusal = str(error)
        if self.read_only:
            refusal = refusal or self.tr("This interview is finished: no map was drawn.")
        self.consent_note.setText(refusal)
        self.consent_note.setVisible(bool(refusal))
        for widget in (self.start_button, self.carry_button, self.centre_label, self.centre_role):
            widget.setEnabled(not refusal)
        self.carry_button.setVisible(earlier_map_interview(self.store, self.interview_key) is not None)

    def set_read_only(self, read_only: bool) -> None:
        self.read_only = read_only
        self.refresh()

    def showEvent(self, event: QShowEvent) -> None:  # noqa: N802
        self.refresh()
        super().showEvent(event)
