"""The Fieldwork view: progress by stage per site and wave, who is due, and the follow-up list.

The figures come from ``progress_store.study_progress`` — the same as ``main.py progress``.
Also here: saving the recruitment flow diagram (``flow_figure``), and clearing every
contact detail when the study's fieldwork ends (confirmed by typing the study's name;
audited as an erasure).
"""

from __future__ import annotations

from datetime import date
from pathlib import Path

from PySide6.QtWidgets import (
    QDialog,
    QDialogButtonBox,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QLineEdit,
    QMessageBox,
    QPushButton,
    QTableWidget,
    QTableWidgetItem,
    QTabWidget,
    QVBoxLayout,
    QWidget,
)

from fieldwork.domain.fieldwork_progress import ALL_SITES, NO_SITE, STAGE_LABELS, STAGES, Progress
from fieldwork.storage.contact_details_store import clear_all_contact_details, contact_details_count
from fieldwork.storage.progress_store import study_progress
from fieldwork.storage.study_store import StudyStore
from fieldwork.ui.fieldwork.common import ProblemLine, fit_to_screen, scrolled
from fieldwork.ui.fieldwork.family_fieldwork import FamilyFieldworkDialog
from fieldwork.ui.fieldwork.follow_up import FollowUpPanel
from fieldwork.ui.save_status import SaveReporter
from fieldwork.ui.text_sizes import heading


def _percent(value: float | None) -> str:
    return "–" if value is None else f"{100 * value:.0f}%"


class ProgressView(QWidget):
    def __init__(self, store: StudyStore, today: date | None = None, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.store, self.today = store, today or date.today()
        layout = QVBoxLayout(self)
        self.table = QTableWidget(0, 0)
        self.table.verticalHeader().hide()
        self.table.setEditTriggers(QTableWidget.EditTrigger.NoEditTriggers)
        self.table.horizontalHeader().setSectionResizeMode(QHeaderView.ResizeMode.ResizeToContents)
        layout.addWidget(self.table, 5)
        self.erased = QLabel()
        self.erased.setWordWrap(True)
        layout.addWidget(self.erased)
        layout.addWidget(heading(self.tr("Due for wave 2 this week"), 1.15))
        self.due = QTableWidget(0, 4)
        self.due.setHorizontalHeaderLabels([self.tr(c) for c in ("Family", "Site", "Due", "Next step")])
        self.due.verticalHeader().hide()
        self.due.setEditTriggers(QTableWidget.EditTrigger.NoEditTriggers)
        self.due.horizontalHeader().setSectionResizeMode(QHeaderView.ResizeMode.ResizeToContents)
        self.due.horizontalHeader().setStretchLastSection(True)
        layout.addWidget(self.due, 2)  # the week's list is short; the table gets the room
        self.progress: Progress | None = None
        self.refresh()

    def refresh(self) -> None:
        self.progress = progress = study_progress(self.store, self.today)
        head = ["Wave", "Site", *(STAGE_LABELS[s] for s in STAGES), "Response", "Retention"]
        self.table.setColumnCount(len(head))
        self.table.setHorizontalHeaderLabels([self.tr(h) for h in head])
        self.table.setRowCount(len(progress.rows))
        for row, r in enumerate(progress.rows):
            retention = "" if r.wave == 1 else _percent(progress.retention.get((r.wave, r.site)))
            cells = [str(r.wave), r.site, *(str(r.counts[s]) for s in STAGES),
                     _percent(r.response_rate), retention]
            for column, text in enumerate(cells):
                item = QTableWidgetItem(text)
                if r.site == ALL_SITES:
                    font = item.font()
                    font.setBold(True)
                    item.setFont(font)
                self.table.setItem(row, column, item)
        notes = []
        if progress.erased_families:
            notes.append(self.tr("Erased after withdrawing: {n} (not in the counts).").format(
                n=progress.erased_families))
        if progress.overdue:
            notes.append(self.tr("Overdue for wave 2 (due before this week, still open): {n} — see "
                                 "the follow-up list.").format(n=progress.overdue))
        self.erased.setText(" ".join(notes))
        self.erased.setVisible(bool(notes))
        self.due.setRowCount(len(progress.due_this_week))
        for row, d in enumerate(progress.due_this_week):
            cells = (d.code, d.site or NO_SITE, f"{d.due_on:%d %b %Y}", self.tr(d.next_step))
            for column, text in enumerate(cells):
                self.due.setItem(row, column, QTableWidgetItem(text))


class FieldworkDialog(QDialog):
    """Study → Fieldwork: the progress table and the wave-2 follow-up list, in two tabs."""

    def __init__(self, store: StudyStore, reporter: SaveReporter, today: date | None = None,
                 parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.store, self.reporter = store, reporter
        self.setWindowTitle(self.tr("Fieldwork — {study}").format(study=store.study().name))
        layout = QVBoxLayout(self)
        self.tabs = QTabWidget()
        self.progress = ProgressView(store, today)
        self.follow_up = FollowUpPanel(store, reporter, today)
        self.follow_up.family_chosen.connect(self.open_family)
        self.tabs.addTab(scrolled(self.progress), self.tr("Progress"))
        self.tabs.addTab(scrolled(self.follow_up), self.tr("Wave-2 follow-up"))
        layout.addWidget(self.tabs)
        buttons = QHBoxLayout()
        self.clear_contacts = QPushButton(self.tr("Clear all contact details…"))
        self.clear_contacts.clicked.connect(lambda: clear_contact_details(self.store, self.reporter, self))
        buttons.addWidget(self.clear_contacts)
        self.save_flow = QPushButton(self.tr("Save &flow diagram…"))
        self.save_flow.setToolTip(self.tr("The recruitment flow (CONSORT-style) as PNG or PDF"))
        self.save_flow.clicked.connect(self.save_flow_diagram)
        buttons.addWidget(self.save_flow)
        buttons.addStretch(1)
        close = QDialogButtonBox(QDialogButtonBox.StandardButton.Close)
        close.rejected.connect(self.reject)
        buttons.addWidget(close)
        layout.addLayout(buttons)
        fit_to_screen(self, 1100, 640)

    def open_family(self, family_key: str) -> None:
        dialog = FamilyFieldworkDialog(self.store, self.reporter, family_key, wave=2, parent=self)
        dialog.tabs.setCurrentIndex(1)
        dialog.exec()
        self.refresh()

    def refresh(self) -> None:
        self.progress.refresh()
        self.follow_up.refresh()

    def save_flow_diagram(self) -> Path | None:
        from PySide6.QtWidgets import QFileDialog

        from fieldwork.domain.errors import FieldworkError
        from fieldwork.export.flow_figure import save_flow_figure

        name, _filter = QFileDialog.getSaveFileName(
            self, self.tr("Save the recruitment flow diagram"), "recruitment_flow.png",
            self.tr("PNG picture (*.png);;PDF document (*.pdf)"))
        if not name or self.progress.progress is None:
            return None
        try:
            return save_flow_figure(self.progress.progress, name, self.store.study().name)
        except (FieldworkError, OSError) as error:
            QMessageBox.warning(self, self.tr("Not saved"), str(error))
            return None


class ClearContactsDialog(QDialog):
    """Confirm the end-of-fieldwork clearing by typing the study's name."""

    def __init__(self, store: StudyStore, reporter: SaveReporter, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.store, self.reporter = store, reporter
        self.cleared: int | None = None
        self.setWindowTitle(self.tr("Clear all contact details"))
        layout = QVBoxLayout(self)
        name = store.study().name
        text = QLabel(self.tr(
            "This erases {n} phone numbers, addresses and appointment places of every family in "
            "this study, for good. Do it when the study's fieldwork has ended. Recruitment, "
            "contact attempts and outcomes are kept.\n\nType the study's name to go on:\n{name}"
        ).format(n=contact_details_count(store), name=name))
        text.setWordWrap(True)
        layout.addWidget(text)
        self.name = QLineEdit()
        layout.addWidget(self.name)
        self.problem = ProblemLine()
        layout.addWidget(self.problem)
        buttons = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel)
        self.ok = buttons.button(QDialogButtonBox.StandardButton.Ok)
        self.ok.setText(self.tr("Clear them all"))
        self.ok.setEnabled(False)
        self.name.textChanged.connect(lambda typed: self.ok.setEnabled(typed.strip() == name))
        buttons.accepted.connect(self._clear)
        buttons.rejected.connect(self.reject)
        layout.addWidget(buttons)
        fit_to_screen(self, 520, self.sizeHint().height())

    def _clear(self) -> None:
        cleared = self.problem.save(self.reporter, clear_all_contact_details, self.store)
        if cleared is not None:
            self.cleared = cleared
            self.accept()


def clear_contact_details(store: StudyStore, reporter: SaveReporter, parent: QWidget) -> int | None:
    """Ask, then clear; returns how many were cleared (None if not)."""
    dialog = ClearContactsDialog(store, reporter, parent)
    dialog.exec()
    return dialog.cleared


def show_fieldwork(window) -> None:  # noqa: ANN001 - the MainWindow (store, reporter)
    """Study → Fieldwork… (the menu's entry)."""
    FieldworkDialog(window.store, window.reporter, parent=window).exec()
