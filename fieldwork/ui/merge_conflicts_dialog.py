"""The merge conflicts of a team study, listed with both versions, for a researcher to choose.

A conflict is one record two copies of the study changed differently since they last
agreed (see ``fieldwork.storage.merge_conflicts``). The list shows, for each, the family,
the interview, what was changed, and both versions with when and by whom; the researcher
keeps the team's version or takes the other one. Either choice is saved at once as an
ordinary edit and the conflict leaves the list.
"""

from __future__ import annotations

from PySide6.QtWidgets import (
    QAbstractItemView,
    QDialog,
    QDialogButtonBox,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QPushButton,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
    QWidget,
)

from fieldwork.domain.errors import FieldworkError
from fieldwork.storage.merge_conflicts import (
    MergeConflict,
    conflicts,
    keep_team_value,
    take_other_value,
)
from fieldwork.storage.study_store import StudyStore


class MergeConflictsDialog(QDialog):
    COLUMNS = ("Family", "Interview", "What", "Team study keeps", "Other version")

    def __init__(self, store: StudyStore, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.store = store
        self.conflicts: list[MergeConflict] = []
        self.setWindowTitle(self.tr("Merge conflicts"))
        self.resize(1000, 480)
        layout = QVBoxLayout(self)
        note = QLabel(self.tr(
            "Each line is a record that two copies of this study changed differently. The "
            "team study keeps one version; the other is kept beside it until you choose. "
            "Your choice is saved at once."))
        note.setWordWrap(True)
        layout.addWidget(note)
        self.table = QTableWidget(0, len(self.COLUMNS))
        self.table.setHorizontalHeaderLabels([self.tr(c) for c in self.COLUMNS])
        header = self.table.horizontalHeader()
        for column in (3, 4):
            header.setSectionResizeMode(column, QHeaderView.ResizeMode.Stretch)
        self.table.verticalHeader().hide()
        self.table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.table.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.table.setWordWrap(True)
        self.table.itemSelectionChanged.connect(self._selection_changed)
        layout.addWidget(self.table)
        self.empty = QLabel(self.tr("No conflicts wait for a choice."))
        layout.addWidget(self.empty)
        self.problem = QLabel()
        self.problem.setObjectName("problem")
        self.problem.setWordWrap(True)
        self.problem.hide()
        layout.addWidget(self.problem)
        choices = QHBoxLayout()
        self.keep_button = QPushButton(self.tr("Keep the team study's version"))
        self.take_button = QPushButton(self.tr("Use the other version"))
        self.keep_button.clicked.connect(lambda: self._choose(keep_team_value))
        self.take_button.clicked.connect(lambda: self._choose(take_other_value))
        choices.addWidget(self.keep_button)
        choices.addWidget(self.take_button)
        choices.addStretch()
        layout.addLayout(choices)
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close)
        buttons.rejected.connect(self.reject)
        layout.addWidget(buttons)
        self.refresh()

    def refresh(self) -> None:
        self.conflicts = conflicts(self.store.db)
        self.table.setRowCount(len(self.conflicts))
        for row, conflict in enumerate(self.conflicts):
            cells = (
                conflict.family_code,
                conflict.interview_text,
                conflict.what,
                f"{conflict.team_text}\n{conflict.team_at}, {conflict.team_by}",
                f"{conflict.other_text}\n{conflict.other_at}, {conflict.other_by} "
                f"({self.tr('from')} {conflict.source})",
            )
            for column, text in enumerate(cells):
                self.table.setItem(row, column, QTableWidgetItem(text))
        self.table.resizeRowsToContents()
        self.empty.setVisible(not self.conflicts)
        self.table.setVisible(bool(self.conflicts))
        self._selection_changed()

    def selected(self) -> MergeConflict | None:
        rows = {index.row() for index in self.table.selectionModel().selectedRows()}
        return self.conflicts[min(rows)] if rows else None

    def _selection_changed(self) -> None:
        chosen = self.selected() is not None
        self.keep_button.setEnabled(chosen)
        self.take_button.setEnabled(chosen)

    def _choose(self, settle) -> None:  # noqa: ANN001  (keep_team_value or take_other_value)
        conflict = self.selected()
        if conflict is None:
            return
        try:
            settle(self.store, conflict.id)
        except FieldworkError as error:
            # Not saved: say so where the researcher is looking; the conflict stays listed.
            self.problem.setText(str(error))
            self.problem.show()
            return
        self.problem.hide()
        self.refresh()
