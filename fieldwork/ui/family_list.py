"""The study's families: a searchable, filterable table, and the dialog to add a family.

An empty study says where to begin (New family…), with the button beside it.
"""

from __future__ import annotations

from typing import Any

from PySide6.QtCore import (
    QAbstractTableModel,
    QModelIndex,
    QPersistentModelIndex,
    QSortFilterProxyModel,
    Qt,
    Signal,
)
from PySide6.QtGui import QKeySequence
from PySide6.QtWidgets import (
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QLineEdit,
    QPlainTextEdit,
    QPushButton,
    QTableView,
    QVBoxLayout,
    QWidget,
)

from fieldwork.domain.casebook import (
    CASE_TYPE_LABELS,
    INTERVIEW_STATUS_LABELS,
    FamilySummary,
    InterviewStatus,
)
from fieldwork.domain.errors import FieldworkError
from fieldwork.storage.study_store import StudyStore
from fieldwork.storage.withdrawal_store import erased_families
from fieldwork.ui.save_status import show_refusal
from fieldwork.ui.text_sizes import heading, scaled_font

NO_INTERVIEW = "none"
_Index = QModelIndex | QPersistentModelIndex


class FamilyTableModel(QAbstractTableModel):
    """One row per family: code, site, case type, waves interviewed, latest status."""

    COLUMNS = ("Family", "Site", "Case type", "Waves", "Latest interview")
    KEY_ROLE = Qt.ItemDataRole.UserRole
    STATUS_ROLE = Qt.ItemDataRole.UserRole + 1

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._rows: list[FamilySummary] = []

    def show_families(self, summaries: list[FamilySummary]) -> None:
        self.beginResetModel()
        self._rows = list(summaries)
        self.endResetModel()

    def rowCount(self, parent: _Index = QModelIndex()) -> int:  # noqa: B008, N802
        return 0 if parent.isValid() else len(self._rows)

    def columnCount(self, parent: _Index = QModelIndex()) -> int:  # noqa: B008, N802
        return 0 if parent.isValid() else len(self.COLUMNS)

    def headerData(self, section: int, orientation: Qt.Orientation,  # noqa: N802
                   role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if role == Qt.ItemDataRole.DisplayRole and orientation == Qt.Orientation.Horizontal:
            return self.tr(self.COLUMNS[section])
        return None

    def data(self, index: _Index, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if not index.isValid() or not 0 <= index.row() < len(self._rows):
            return None
        summary = self._rows[index.row()]
        if role == self.KEY_ROLE:
            return summary.family.key
        if role == self.STATUS_ROLE:
            return summary.latest_status.value if summary.latest_status else NO_INTERVIEW
        if role == Qt.ItemDataRole.DisplayRole:
            family = summary.family
            return (
                family.code,
                family.site,
                CASE_TYPE_LABELS[family.case_type],
                ", ".join(str(w) for w in summary.waves),
                summary.status_label,
            )[index.column()]
        return None

    def summary_at(self, row: int) -> FamilySummary:
        return self._rows[row]


class FamilyFilter(QSortFilterProxyModel):
    """Search by code, site or notes; filter by site and by the latest interview's status."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.text = ""
        self.site = ""
        self.status = ""

    def set_filters(self, text: str, site: str, status: str) -> None:
        self.beginFilterChange()
        self.text, self.site, self.status = text.strip().casefold(), site, status
        self.endFilterChange()

    def filterAcceptsRow(self, source_row: int, source_parent: _Index) -> bool:  # noqa: N802
        model = self.sourceModel()
        assert isinstance(model, FamilyTableModel)
        summary = model.summary_at(source_row)
        family = summary.family
        if self.site and family.site != self.site:
            return False
        status = summary.latest_status.value if summary.latest_status else NO_INTERVIEW
        if self.status and status != self.status:
            return False
        if self.text:
            haystack = " ".join((family.code, family.site, family.notes)).casefold()
            return self.text in haystack
        return True


class FamilyListPage(QWidget):
    """The first page after unlocking: find a family, or add one."""

    family_chosen = Signal(str)  # family key

    def __init__(self, store: StudyStore, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.store = store
        layout = QVBoxLayout(self)
        self.title = heading(store.study().name)
        layout.addWidget(self.title)

        bar = QHBoxLayout()
        self.search = QLineEdit()
        self.search.setPlaceholderText(self.tr("Search families by code, site or notes (Ctrl+F)"))
        self.search.setClearButtonEnabled(True)
        self.site_filter = QComboBox()
        self.status_filter = QComboBox()
        self.status_filter.addItem(self.tr("All statuses"), "")
        self.status_filter.addItem(self.tr("No interview yet"), NO_INTERVIEW)
        for status in InterviewStatus:
            self.status_filter.addItem(self.tr(INTERVIEW_STATUS_LABELS[status]), status.value)
        self.new_family_button = QPushButton(self.tr("&New family…"))
        bar.addWidget(self.search, 1)
        bar.addWidget(self.site_filter)
        bar.addWidget(self.status_filter)
        bar.addWidget(self.new_family_button)
        layout.addLayout(bar)

        self.model = FamilyTableModel(self)
        self.filter = FamilyFilter(self)
        self.filter.setSourceModel(self.model)
        self.table = QTableView()
        self.table.setModel(self.filter)
        self.table.setSortingEnabled(True)
        self.table.sortByColumn(0, Qt.SortOrder.AscendingOrder)
        self.table.setSelectionBehavior(QTableView.SelectionBehavior.SelectRows)
        self.table.setSelectionMode(QTableView.SelectionMode.SingleSelection)
        self.table.setEditTriggers(QTableView.EditTrigger.NoEditTriggers)
        self.table.verticalHeader().hide()
        self.table.horizontalHeader().setSectionResizeMode(QHeaderView.ResizeMode.Stretch)
        self.table.setAlternatingRowColors(True)
        layout.addWidget(self._first_run_hint())  # above the empty table, where the eye goes
        layout.addWidget(self.table, 1)
        self.erased = QLabel()
        self.erased.setObjectName("erasedFamilies")
        self.erased.setWordWrap(True)
        layout.addWidget(self.erased)

        self.search.textChanged.connect(self._filter)
        self.site_filter.currentIndexChanged.connect(self._filter)
        self.status_filter.currentIndexChanged.connect(self._filter)
        self.table.activated.connect(self._open)
        self.new_family_button.clicked.connect(self.add_family)
        self.refresh()

    def _first_run_hint(self) -> QWidget:
        """Where to begin, shown while the study has no family at all."""
        self.empty_hint = QWidget()
        self.empty_hint.setObjectName("firstRunHint")
        row = QHBoxLayout(self.empty_hint)
        keys = QKeySequence(QKeySequence.StandardKey.New).toString(QKeySequence.SequenceFormat.NativeText)
        self.empty_hint_text = QLabel(self.tr(
            "No families yet — New family… ({keys}) to add the first.").format(keys=keys))
        self.empty_hint_text.setWordWrap(True)
        self.empty_hint_text.setFont(scaled_font(1.2))
        self.empty_hint_button = QPushButton(self.tr("New family…"))
        self.empty_hint_button.clicked.connect(self.add_family)
        row.addWidget(self.empty_hint_text)
        row.addWidget(self.empty_hint_button)
        row.addStretch(1)
        return self.empty_hint

    def refresh(self) -> None:
        chosen_site = self.site_filter.currentData() or ""
        self.site_filter.blockSignals(True)
        self.site_filter.clear()
        self.site_filter.addItem(self.tr("All sites"), "")
        for site in self.store.study().sites:
            self.site_filter.addItem(site, site)
        self.site_filter.setCurrentIndex(max(0, self.site_filter.findData(chosen_site)))
        self.site_filter.blockSignals(False)
        self.model.show_families(self.store.family_summaries())
        self.empty_hint.setVisible(self.model.rowCount() == 0)
        erased = erased_families(self.store)
        self.erased.setText(self.tr(
            "Withdrawn and erased (only the withdrawal is kept): {families}"
        ).format(families=", ".join(f"{code} on {day}" for code, day in erased)))
        self.erased.setVisible(bool(erased))
        self._filter()
        if self.filter.rowCount() and not self.table.currentIndex().isValid():
            self.table.setCurrentIndex(self.filter.index(0, 0))

    def _filter(self) -> None:
        self.filter.set_filters(
            self.search.text(), self.site_filter.currentData() or "", self.status_filter.currentData() or ""
        )

    def _open(self, index: QModelIndex) -> None:
        self.family_chosen.emit(self.filter.data(index, FamilyTableModel.KEY_ROLE))

    def add_family(self) -> None:
        dialog = NewFamilyDialog(self.store, self)
        if dialog.exec() == QDialog.DialogCode.Accepted and dialog.family_key:
            self.refresh()
            self.family_chosen.emit(dialog.family_key)


class NewFamilyDialog(QDialog):
    """Code (the next free one offered), site, case type and notes of a new family."""

    def __init__(self, store: StudyStore, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.store = store
        self.family_key: str | None = None
        self.setWindowTitle(self.tr("New family"))
        form = QFormLayout(self)
        self.code = QLineEdit(store.next_family_code())
        self.site = QComboBox()
        self.site.setEditable(True)
        self.site.addItems(list(store.study().sites))
        self.site.setToolTip(self.tr("Pick a site, or type a new one to add it to the study"))
        self.case_type = QComboBox()
        for case_type, label in CASE_TYPE_LABELS.items():
            self.case_type.addItem(self.tr(label), case_type.value)
        self.notes = QPlainTextEdit()
        self.notes.setTabChangesFocus(True)
        form.addRow(self.tr("Family &code"), self.code)
        form.addRow(self.tr("&Site"), self.site)
        form.addRow(self.tr("Case &type"), self.case_type)
        form.addRow(self.tr("N&otes"), self.notes)
        buttons = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel
        )
        buttons.button(QDialogButtonBox.StandardButton.Ok).setText(self.tr("Add family"))
        buttons.accepted.connect(self._add)
        buttons.rejected.connect(self.reject)
        form.addRow(buttons)

    def _add(self) -> None:
        site = self.site.currentText().strip()
        try:
            if site and site not in self.store.study().sites:
                self.store.add_site(site)
            family = self.store.add_family(
                code=self.code.text(), site=site, case_type=self.case_type.currentData(),
                notes=self.notes.toPlainText(),
            )
        except FieldworkError as error:
            show_refusal(self, error)
            return
        self.family_key = family.key
        self.accept()
