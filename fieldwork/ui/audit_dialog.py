"""The audit log, shown to the researcher or data manager, and saved as CSV on request."""

from __future__ import annotations

import csv
from pathlib import Path

from PySide6.QtWidgets import (
    QDialog,
    QDialogButtonBox,
    QFileDialog,
    QHeaderView,
    QLabel,
    QPushButton,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
    QWidget,
)

from fieldwork.storage.audit import AuditEntry, audit_entries
from fieldwork.storage.study_store import StudyStore

ACTION_LABELS = {
    "unlock": "Unlocked", "failed_unlock": "Wrong passphrase", "create": "Study created",
    "edit": "Edited", "export": "Exported", "merge": "Merged",
    "laptop_copy": "Laptop copy made", "check_in": "Laptop copy checked in", "erase": "Erased after withdrawal",
    "restore": "Restored from backup", "backup": "Backed up", "passphrase": "Passphrase changed",
    "reopen": "Interview reopened for correction",
}


def write_audit_csv(entries: list[AuditEntry], names: dict[str, str], path: Path) -> None:
    with path.open("w", newline="", encoding="utf-8-sig") as handle:
        out = csv.writer(handle)
        out.writerow(["at", "researcher", "action", "record_keys"])
        for e in entries:
            out.writerow([e.at.isoformat(), names.get(e.researcher_key or "", ""), e.action,
                          " ".join(e.record_keys)])


class AuditDialog(QDialog):
    COLUMNS = ("When", "Researcher", "What", "Records")

    def __init__(self, store: StudyStore, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setWindowTitle(self.tr("Audit log"))
        self.resize(900, 520)
        self.entries = audit_entries(store.db)
        self.names = {r.key: r.name for r in store.researchers()}
        layout = QVBoxLayout(self)
        note = QLabel(self.tr(
            "Every unlock, change, export, backup and erasure, newest first. Only record keys "
            "and family codes are kept here, never what was written."
        ))
        note.setWordWrap(True)
        layout.addWidget(note)
        self.table = QTableWidget(len(self.entries), len(self.COLUMNS))
        self.table.setHorizontalHeaderLabels([self.tr(c) for c in self.COLUMNS])
        self.table.horizontalHeader().setSectionResizeMode(3, QHeaderView.ResizeMode.Stretch)
        self.table.verticalHeader().hide()
        self.table.setEditTriggers(QTableWidget.EditTrigger.NoEditTriggers)
        for row, entry in enumerate(self.entries):
            cells = (entry.at.strftime("%d %b %Y %H:%M:%S"), self.names.get(entry.researcher_key or "", ""),
                     self.tr(ACTION_LABELS.get(entry.action, entry.action)), " ".join(entry.record_keys))
            for column, text in enumerate(cells):
                self.table.setItem(row, column, QTableWidgetItem(text))
        self.table.resizeColumnsToContents()
        layout.addWidget(self.table, 1)
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close)
        self.save = QPushButton(self.tr("&Save as CSV…"))
        buttons.addButton(self.save, QDialogButtonBox.ButtonRole.ActionRole)
        self.save.clicked.connect(self._save)
        buttons.rejected.connect(self.reject)
        layout.addWidget(buttons)

    def _save(self) -> None:
        name, _filter = QFileDialog.getSaveFileName(self, self.tr("Save the audit log"), "audit-log.csv",
                                                    self.tr("CSV files (*.csv)"))
        if name:
            write_audit_csv(self.entries, self.names, Path(name))
