"""A family's phone numbers and addresses: the only screen that shows them.

They are kept in the encrypted study, never exported, erased with the family on
withdrawal, and cleared for every family when the study's fieldwork ends (Study menu).
"""

from __future__ import annotations

from PySide6.QtWidgets import (
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPushButton,
    QTableWidgetItem,
    QVBoxLayout,
    QWidget,
)

from fieldwork.domain.recruitment import CONTACT_KIND_LABELS, ContactDetail
from fieldwork.storage.contact_details_store import (
    contact_details_of,
    remove_contact_detail,
    save_contact_detail,
)
from fieldwork.storage.study_store import StudyStore
from fieldwork.ui.fieldwork.common import ProblemLine, coded_combo, record_table
from fieldwork.ui.save_status import SaveReporter

COLUMNS = ("Kind", "Number or address", "Whose")


class ContactDetailsPanel(QWidget):
    def __init__(self, store: StudyStore, reporter: SaveReporter, family_key: str,
                 parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.store, self.reporter, self.family_key = store, reporter, family_key
        layout = QVBoxLayout(self)
        warning = QLabel(self.tr("Kept only in this encrypted study: never exported, erased if the "
                                 "family withdraws, cleared when the study's fieldwork ends."))
        warning.setWordWrap(True)
        warning.setStyleSheet("background: #eef4ff; color: #10305a; padding: 4px 8px;")
        layout.addWidget(warning)
        self.table = record_table(self, COLUMNS)
        self.table.setMinimumHeight(self.fontMetrics().lineSpacing() * 5)
        layout.addWidget(self.table, 1)
        form = QHBoxLayout()
        self.kind = coded_combo(CONTACT_KIND_LABELS)
        self.value = QLineEdit()
        self.value.setPlaceholderText(self.tr("07700 900000 or the address"))
        self.whose = QLineEdit()
        self.whose.setPlaceholderText(self.tr("Whose (e.g. mother)"))
        form.addWidget(self.kind)
        form.addWidget(self.value, 2)
        form.addWidget(self.whose, 1)
        layout.addLayout(form)
        self.problem = ProblemLine()
        layout.addWidget(self.problem)
        buttons = QHBoxLayout()
        self.remove = QPushButton(self.tr("Remove"))
        self.remove.clicked.connect(self._remove)
        self.add = QPushButton(self.tr("&Add"))
        self.add.clicked.connect(self.add_detail)
        buttons.addWidget(self.remove)
        buttons.addStretch(1)
        buttons.addWidget(self.add)
        layout.addLayout(buttons)
        self._rows: list[ContactDetail] = []
        self.refresh()

    def refresh(self) -> None:
        self._rows = contact_details_of(self.store, self.family_key)
        self.table.setRowCount(len(self._rows))
        for row, d in enumerate(self._rows):
            for column, text in enumerate((self.tr(CONTACT_KIND_LABELS[d.kind]), d.value, d.whose)):
                self.table.setItem(row, column, QTableWidgetItem(text))

    def add_detail(self) -> None:
        saved = self.problem.save(self.reporter, save_contact_detail, self.store, ContactDetail(
            "", self.family_key, self.kind.currentData(), self.value.text(), self.whose.text()))
        if saved is not None:
            self.value.clear()
            self.whose.clear()
            self.refresh()

    def _remove(self) -> None:
        rows = self.table.selectionModel().selectedRows()
        if rows and self.problem.run(self.reporter, remove_contact_detail, self.store,
                                     self._rows[rows[0].row()].key):
            self.refresh()
