"""A family's contact attempts for one wave, a form to record the next, and the wave's outcome.

Recording an attempt is one edit: it shows in the list as soon as it is saved. The outcome
at the end of the wave's fieldwork (interviewed, or not and why) is set below the list.
"""

from __future__ import annotations

from PySide6.QtCore import QDate, Signal
from PySide6.QtWidgets import (
    QDateEdit,
    QFormLayout,
    QGroupBox,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPushButton,
    QSpinBox,
    QTableWidgetItem,
    QVBoxLayout,
    QWidget,
)

from fieldwork.domain.recruitment import (
    ATTEMPT_OUTCOME_LABELS,
    ATTRITION_REASON_LABELS,
    CONTACT_CHANNEL_LABELS,
    WAVE_OUTCOME_LABELS,
    ContactAttempt,
    FieldworkOutcome,
)
from fieldwork.storage.fieldwork_store import (
    attempts_of,
    clear_outcome,
    delete_attempt,
    outcomes_of,
    record_attempt,
    save_outcome,
)
from fieldwork.storage.study_store import StudyStore
from fieldwork.ui.fieldwork.common import ProblemLine, choose, coded_combo, record_table
from fieldwork.ui.save_status import SaveReporter

COLUMNS = ("Date", "Channel", "Outcome", "Note")


class ContactAttemptsPanel(QWidget):
    changed = Signal()

    def __init__(self, store: StudyStore, reporter: SaveReporter, family_key: str, wave: int = 1,
                 parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.store, self.reporter, self.family_key = store, reporter, family_key
        layout = QVBoxLayout(self)
        top = QHBoxLayout()
        self.wave = QSpinBox()
        self.wave.setRange(1, 9)
        self.wave.setValue(wave)
        self.wave.setPrefix(self.tr("Wave "))
        self.wave.valueChanged.connect(self.refresh)
        top.addWidget(self.wave)
        self.summary = QLabel()
        top.addWidget(self.summary, 1)
        layout.addLayout(top)
        self.table = record_table(self, COLUMNS)
        self.table.setMinimumHeight(self.fontMetrics().lineSpacing() * 6)
        layout.addWidget(self.table, 1)

        form = QHBoxLayout()
        self.attempted_on = QDateEdit(QDate.currentDate())
        self.attempted_on.setCalendarPopup(True)
        self.attempted_on.setDisplayFormat("dd MMM yyyy")
        self.channel = coded_combo(CONTACT_CHANNEL_LABELS)
        self.outcome = coded_combo(ATTEMPT_OUTCOME_LABELS)
        self.note = QLineEdit()
        self.note.setPlaceholderText(self.tr("Note (optional)"))
        self.record = QPushButton(self.tr("&Record attempt"))
        self.record.clicked.connect(self.record_attempt)
        self.remove = QPushButton(self.tr("Remove"))
        self.remove.setToolTip(self.tr("Remove the selected attempt (recorded by mistake)"))
        self.remove.clicked.connect(self._remove_selected)
        for widget in (self.attempted_on, self.channel, self.outcome):
            form.addWidget(widget)
        form.addWidget(self.note, 1)
        layout.addLayout(form)
        buttons = QHBoxLayout()
        buttons.addWidget(self.remove)
        buttons.addStretch(1)
        buttons.addWidget(self.record)
        layout.addLayout(buttons)

        end = QGroupBox(self.tr("End of this wave's fieldwork"))
        end_form = QFormLayout(end)
        self.wave_outcome = coded_combo(WAVE_OUTCOME_LABELS, self.tr("Still open"))
        self.reason = coded_combo(ATTRITION_REASON_LABELS, self.tr("—"))
        self.wave_outcome.currentIndexChanged.connect(self._sync_reason)
        save_end = QPushButton(self.tr("Save &outcome"))
        save_end.clicked.connect(self.save_wave_outcome)
        row = QHBoxLayout()
        row.addWidget(self.wave_outcome)
        row.addWidget(QLabel(self.tr("Reason")))
        row.addWidget(self.reason, 1)
        row.addWidget(save_end)
        end_form.addRow(self.tr("Outcome"), row)
        layout.addWidget(end)
        self.problem = ProblemLine()
        layout.addWidget(self.problem)
        self._attempts: list[ContactAttempt] = []
        self.refresh()

    def refresh(self) -> None:
        wave = self.wave.value()
        self._attempts = attempts_of(self.store, self.family_key, wave)
        self.table.setRowCount(len(self._attempts))
        for row, a in enumerate(self._attempts):
            cells = (a.attempted_on.strftime("%d %b %Y"), self.tr(CONTACT_CHANNEL_LABELS[a.channel]),
                     self.tr(ATTEMPT_OUTCOME_LABELS[a.outcome]), a.note)
            for column, text in enumerate(cells):
                self.table.setItem(row, column, QTableWidgetItem(text))
        self.summary.setText(self.tr("{n} attempt(s) at wave {wave}").format(
            n=len(self._attempts), wave=wave))
        outcome = outcomes_of(self.store, self.family_key).get(wave)
        choose(self.wave_outcome, outcome.outcome if outcome else None)
        choose(self.reason, outcome.reason if outcome else None)
        self._sync_reason()

    def _sync_reason(self) -> None:
        self.reason.setEnabled(self.wave_outcome.currentData() == "not_interviewed")

    def record_attempt(self) -> ContactAttempt | None:
        attempt = self.problem.save(
            self.reporter, record_attempt, self.store, self.family_key, self.wave.value(),
            self.attempted_on.date().toPython(), self.channel.currentData(), self.outcome.currentData(),
            self.note.text())
        if attempt is not None:
            self.note.clear()
            self.refresh()
            self.table.selectRow(self.table.rowCount() - 1)
            self.changed.emit()
        return attempt

    def _remove_selected(self) -> None:
        rows = self.table.selectionModel().selectedRows()
        if not rows:
            return
        attempt = self._attempts[rows[0].row()]
        if not self.problem.run(self.reporter, delete_attempt, self.store, attempt.key):
            return
        self.refresh()
        self.changed.emit()

    def save_wave_outcome(self) -> None:
        code, wave = self.wave_outcome.currentData(), self.wave.value()
        if code is None:
            ok = self.problem.run(self.reporter, clear_outcome, self.store, self.family_key, wave)
        else:
            ok = self.problem.run(self.reporter, save_outcome, self.store, FieldworkOutcome(
                self.family_key, wave, code, self.reason.currentData()))
        if ok:
            self.refresh()
            self.changed.emit()
