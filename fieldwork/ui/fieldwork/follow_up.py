"""The wave-2 follow-up list: families whose wave 2 is open, when due, attempts, next step.

The study's setting (months after the wave-1 interview) is changed here. Opening a family
shows its contact attempts at wave 2, to record the next one.
"""

from __future__ import annotations

from datetime import date

from PySide6.QtCore import Signal
from PySide6.QtWidgets import (
    QHBoxLayout,
    QLabel,
    QPushButton,
    QSpinBox,
    QTableWidgetItem,
    QVBoxLayout,
    QWidget,
)

from fieldwork.domain.fieldwork_progress import NO_SITE, DueFamily, due_this_week
from fieldwork.domain.recruitment import ATTEMPT_OUTCOME_LABELS
from fieldwork.storage.progress_store import (
    families_due_for_wave_2,
    follow_up_months,
    save_follow_up_months,
)
from fieldwork.storage.study_store import StudyStore
from fieldwork.ui.fieldwork.common import ProblemLine, record_table
from fieldwork.ui.save_status import SaveReporter

COLUMNS = ("Family", "Site", "Wave 1", "Due", "Attempts", "Last attempt", "Next step")


class FollowUpPanel(QWidget):
    family_chosen = Signal(str)  # family key

    def __init__(self, store: StudyStore, reporter: SaveReporter, today: date | None = None,
                 parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.store, self.reporter, self.today = store, reporter, today or date.today()
        layout = QVBoxLayout(self)
        setting = QHBoxLayout()
        setting.addWidget(QLabel(self.tr("Families are due for wave 2")))
        self.months = QSpinBox()
        self.months.setRange(1, 60)
        self.months.setSuffix(self.tr(" months"))
        self.months.setValue(follow_up_months(store))
        setting.addWidget(self.months)
        setting.addWidget(QLabel(self.tr("after their wave-1 interview.")))
        save = QPushButton(self.tr("Save setting"))
        save.clicked.connect(self._save_months)
        setting.addWidget(save)
        setting.addStretch(1)
        layout.addLayout(setting)
        self.problem = ProblemLine()
        layout.addWidget(self.problem)
        self.summary = QLabel()
        self.summary.setWordWrap(True)
        layout.addWidget(self.summary)
        self.table = record_table(self, COLUMNS)
        self.table.itemActivated.connect(lambda _item: self._open_selected())
        layout.addWidget(self.table, 1)
        buttons = QHBoxLayout()
        buttons.addStretch(1)
        self.open = QPushButton(self.tr("&Contact attempts…"))
        self.open.clicked.connect(self._open_selected)
        buttons.addWidget(self.open)
        layout.addLayout(buttons)
        self.due: list[DueFamily] = []
        self.refresh()

    def refresh(self) -> None:
        self.due = families_due_for_wave_2(self.store, self.today)
        this_week = {d.family_key for d in due_this_week(self.due, self.today)}
        self.summary.setText(self.tr("{n} families with wave 2 open; {w} due this week.")
                             .format(n=len(self.due), w=len(this_week)))
        self.table.setRowCount(len(self.due))
        for row, d in enumerate(self.due):
            last = "" if d.last_attempt is None else \
                f"{d.last_attempt[0]:%d %b %Y}: {self.tr(ATTEMPT_OUTCOME_LABELS[d.last_attempt[1]])}"
            due = f"{d.due_on:%d %b %Y}" + (self.tr(" (this week)") if d.family_key in this_week else
                                            self.tr(" (overdue)") if d.due_on < self.today else "")
            cells = (d.code, d.site or NO_SITE, f"{d.interviewed_on:%d %b %Y}", due, str(d.attempts),
                     last, self.tr(d.next_step))
            for column, text in enumerate(cells):
                self.table.setItem(row, column, QTableWidgetItem(text))
        self.open.setEnabled(bool(self.due))
        if self.due:
            self.table.selectRow(0)

    def _save_months(self) -> None:
        if self.problem.run(self.reporter, save_follow_up_months, self.store, self.months.value()):
            self.refresh()

    def _open_selected(self) -> None:
        rows = self.table.selectionModel().selectedRows()
        if rows:
            self.family_chosen.emit(self.due[rows[0].row()].family_key)
