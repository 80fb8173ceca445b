"""A family's appointments: when, where, whether an interpreter is needed, booked or not.

The place may be the family's address: it is shown here only, never exported, and cleared
with the other contact details when the study's fieldwork ends.
"""

from __future__ import annotations

from PySide6.QtCore import QDateTime, Signal
from PySide6.QtWidgets import (
    QCheckBox,
    QDateTimeEdit,
    QFormLayout,
    QHBoxLayout,
    QLineEdit,
    QPushButton,
    QSpinBox,
    QTableWidgetItem,
    QVBoxLayout,
    QWidget,
)

from fieldwork.domain.recruitment import Appointment
from fieldwork.storage.fieldwork_store import appointments_of, delete_appointment, save_appointment
from fieldwork.storage.study_store import StudyStore
from fieldwork.ui.fieldwork.common import ProblemLine, record_table
from fieldwork.ui.save_status import SaveReporter

COLUMNS = ("Wave", "When", "Place", "Interpreter", "Booked")


class AppointmentsPanel(QWidget):
    changed = Signal()

    def __init__(self, store: StudyStore, reporter: SaveReporter, family_key: str,
                 parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.store, self.reporter, self.family_key = store, reporter, family_key
        layout = QVBoxLayout(self)
        self.table = record_table(self, COLUMNS)
        self.table.itemSelectionChanged.connect(self._show_selected)
        self.table.setMinimumHeight(self.fontMetrics().lineSpacing() * 5)
        layout.addWidget(self.table, 1)
        form = QFormLayout()
        self.wave = QSpinBox()
        self.wave.setRange(1, 9)
        self.starts_at = QDateTimeEdit(QDateTime.currentDateTime())
        self.starts_at.setCalendarPopup(True)
        self.starts_at.setDisplayFormat("dd MMM yyyy HH:mm")
        self.place = QLineEdit()
        self.place.setPlaceholderText(self.tr("Where (shown only here, never exported)"))
        self.interpreter = QCheckBox(self.tr("Interpreter needed, language:"))
        self.language = QLineEdit()
        self.interpreter.toggled.connect(self.language.setEnabled)
        self.language.setEnabled(False)
        interpreter = QHBoxLayout()
        interpreter.addWidget(self.interpreter)
        interpreter.addWidget(self.language, 1)
        self.booked = QCheckBox(self.tr("Booked (the family has confirmed)"))
        when = QHBoxLayout()
        when.addWidget(self.wave)
        when.addWidget(self.starts_at, 1)
        form.addRow(self.tr("Wave, date and time"), when)
        form.addRow(self.tr("&Place"), self.place)
        form.addRow(self.tr("Interpreter"), interpreter)
        form.addRow("", self.booked)
        layout.addLayout(form)
        self.problem = ProblemLine()
        layout.addWidget(self.problem)
        buttons = QHBoxLayout()
        self.remove = QPushButton(self.tr("Remove"))
        self.remove.clicked.connect(self._remove)
        self.new = QPushButton(self.tr("&New"))
        self.new.clicked.connect(self._new)
        self.save_button = QPushButton(self.tr("&Save appointment"))
        self.save_button.clicked.connect(self.save)
        buttons.addWidget(self.remove)
        buttons.addStretch(1)
        buttons.addWidget(self.new)
        buttons.addWidget(self.save_button)
        layout.addLayout(buttons)
        self._rows: list[Appointment] = []
        self._editing = ""
        self.refresh()

    def refresh(self) -> None:
        self._rows = appointments_of(self.store, self.family_key)
        self.table.blockSignals(True)
        self.table.setRowCount(len(self._rows))
        for row, a in enumerate(self._rows):
            cells = (str(a.wave), a.starts_at.strftime("%d %b %Y %H:%M"), a.place,
                     a.interpreter_language if a.interpreter_needed else self.tr("no"),
                     self.tr("yes") if a.booked else self.tr("not yet"))
            for column, text in enumerate(cells):
                self.table.setItem(row, column, QTableWidgetItem(text))
        self.table.blockSignals(False)

    def _show_selected(self) -> None:
        rows = self.table.selectionModel().selectedRows()
        if not rows:
            return
        a = self._rows[rows[0].row()]
        self._editing = a.key
        self.wave.setValue(a.wave)
        self.starts_at.setDateTime(QDateTime(a.starts_at))
        self.place.setText(a.place)
        self.interpreter.setChecked(a.interpreter_needed)
        self.language.setText(a.interpreter_language)
        self.booked.setChecked(a.booked)

    def _new(self) -> None:
        self._editing = ""
        self.table.clearSelection()
        self.place.clear()
        self.interpreter.setChecked(False)
        self.language.clear()
        self.booked.setChecked(False)

    def save(self) -> Appointment | None:
        saved = self.problem.save(self.reporter, save_appointment, self.store, Appointment(
            self._editing, self.family_key, self.wave.value(), self.starts_at.dateTime().toPython(),
            self.place.text(), self.interpreter.isChecked(), self.language.text(), self.booked.isChecked()))
        if saved is not None:
            self._editing = saved.key
            self.refresh()
            self.changed.emit()
        return saved

    def _remove(self) -> None:
        if self._editing and self.problem.run(self.reporter, delete_appointment, self.store, self._editing):
            self._new()
            self.refresh()
            self.changed.emit()
