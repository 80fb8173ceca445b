"""A family's children's services case status at each wave, and its social workers as codes.

Two panels for the family's fieldwork window. Each first asks the consent gate: when the
family's latest consent does not allow it (no consent yet, records or the social worker's
interview refused, withdrawn, or a form that never asked), the panel says why in words and
its form is disabled; the list of what was recorded before stays visible.
"""

from __future__ import annotations

from PySide6.QtCore import QDate, Signal
from PySide6.QtWidgets import (
    QCheckBox,
    QDateEdit,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPushButton,
    QSpinBox,
    QTableWidgetItem,
    QVBoxLayout,
    QWidget,
)

from fieldwork.domain.case_status import (
    CASE_STATUS_LABELS,
    CASE_STATUS_SOURCE_LABELS,
    CaseStatus,
    SocialWorkerLink,
)
from fieldwork.domain.consent_components import Gate
from fieldwork.storage.case_status_store import (
    case_statuses_of,
    delete_case_status,
    record_case_status,
    remove_social_worker,
    save_social_worker,
    social_workers_of,
)
from fieldwork.storage.consent_store import REASON_TEXTS, family_permission
from fieldwork.storage.study_store import StudyStore
from fieldwork.ui.fieldwork.common import ProblemLine, coded_combo, record_table
from fieldwork.ui.save_status import SaveReporter

NOT_ALLOWED_STYLE = "background: #fff7e0; color: #5c3c00; padding: 8px 12px; border: 1px solid #f0c36d;"


class _GatedPanel(QWidget):
    """A panel whose form is open only while the family's consent allows ``gate``."""

    changed = Signal()
    gate: str = ""
    what: str = ""

    def __init__(self, store: StudyStore, reporter: SaveReporter, family_key: str,
                 parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.store, self.reporter, self.family_key = store, reporter, family_key
        self.layout_ = QVBoxLayout(self)
        self.consent_note = QLabel()
        self.consent_note.setObjectName("consentNote")
        self.consent_note.setWordWrap(True)
        self.consent_note.setStyleSheet(NOT_ALLOWED_STYLE)
        self.layout_.addWidget(self.consent_note)
        self.form_area = QWidget()
        self.problem = ProblemLine()

    def allowed(self) -> bool:
        """Check the consent gate now; show why not, and open or close the form."""
        permission, interview = family_permission(self.store, self.family_key, self.gate)
        if permission:
            self.consent_note.hide()
        else:
            if interview is None:
                reason, where = self.tr("the family has not given consent at any interview yet"), ""
            else:
                reason = self.tr(REASON_TEXTS[permission.reason])
                where = self.tr(" (the family's consent at wave {wave})").format(wave=interview.wave)
            self.consent_note.setText(self.tr("{what} cannot be recorded: {reason}{where}.").format(
                what=self.tr(self.what), reason=reason, where=where))
            self.consent_note.show()
        self.form_area.setEnabled(bool(permission))
        return bool(permission)


class CaseStatusPanel(_GatedPanel):
    gate = Gate.CASE_STATUS
    what = "Case status"

    def __init__(self, store: StudyStore, reporter: SaveReporter, family_key: str,
                 parent: QWidget | None = None) -> None:
        super().__init__(store, reporter, family_key, parent)
        intro = QLabel(self.tr("The family's children's services status at each wave, from the "
                               "consent to information from children's services records."))
        intro.setWordWrap(True)
        self.layout_.insertWidget(0, intro)
        self.table = record_table(self, ("Wave", "Status", "As of", "Source", "Note"))
        self.table.setMinimumHeight(self.fontMetrics().lineSpacing() * 6)
        self.layout_.addWidget(self.table, 1)
        form = QHBoxLayout(self.form_area)
        form.setContentsMargins(0, 0, 0, 0)
        self.wave = QSpinBox()
        self.wave.setRange(1, 9)
        self.wave.setPrefix(self.tr("Wave "))
        self.status = coded_combo(CASE_STATUS_LABELS)
        self.status.setAccessibleName(self.tr("Case status"))
        self.as_of = QDateEdit(QDate.currentDate())
        self.as_of.setCalendarPopup(True)
        self.as_of.setDisplayFormat("dd MMM yyyy")
        self.source = coded_combo(CASE_STATUS_SOURCE_LABELS)
        self.source.setAccessibleName(self.tr("Source"))
        self.note = QLineEdit()
        self.note.setPlaceholderText(self.tr("Note (optional)"))
        for widget in (self.wave, self.status, self.as_of, self.source):
            form.addWidget(widget)
        form.addWidget(self.note, 1)
        self.layout_.addWidget(self.form_area)
        buttons = QHBoxLayout()
        self.remove = QPushButton(self.tr("Remove"))
        self.remove.setToolTip(self.tr("Remove the selected status (recorded by mistake)"))
        self.remove.clicked.connect(self._remove_selected)
        self.record = QPushButton(self.tr("&Record status"))
        self.record.clicked.connect(self.record_status)
        buttons.addWidget(self.remove)
        buttons.addStretch(1)
        buttons.addWidget(self.record)
        self.layout_.addLayout(buttons)
        self.layout_.addWidget(self.problem)
        self._statuses: list[CaseStatus] = []
        self.refresh()

    def refresh(self) -> None:
        self._statuses = case_statuses_of(self.store, self.family_key)
        self.table.setRowCount(len(self._statuses))
        for row, s in enumerate(self._statuses):
            cells = (str(s.wave), self.tr(CASE_STATUS_LABELS[s.status]),
                     s.as_of.strftime("%d %b %Y") if s.as_of else "",
                     self.tr(CASE_STATUS_SOURCE_LABELS[s.source]), s.note)
            for column, text in enumerate(cells):
                self.table.setItem(row, column, QTableWidgetItem(text))
        self.record.setEnabled(self.allowed())

    def record_status(self) -> CaseStatus | None:
        saved = self.problem.save(self.reporter, record_case_status, self.store, CaseStatus(
            self.family_key, self.wave.value(), self.status.currentData(), self.source.currentData(),
            self.as_of.date().toPython(), self.note.text()))
        if saved is not None:
            self.note.clear()
            self.refresh()
            self.changed.emit()
        return saved

    def _remove_selected(self) -> None:
        rows = self.table.selectionModel().selectedRows()
        if rows and self.problem.run(self.reporter, delete_case_status, self.store,
                                     self._statuses[rows[0].row()].key):
            self.refresh()
            self.changed.emit()


class SocialWorkersPanel(_GatedPanel):
    gate = Gate.SOCIAL_WORKERS
    what = "Social workers"

    def __init__(self, store: StudyStore, reporter: SaveReporter, family_key: str,
                 parent: QWidget | None = None) -> None:
        super().__init__(store, reporter, family_key, parent)
        intro = QLabel(self.tr("The family's social workers by their study code (SW01, ...), never by "
                               "name, and whether each was interviewed about their work with this family."))
        intro.setWordWrap(True)
        self.layout_.insertWidget(0, intro)
        self.table = record_table(self, ("Code", "Role", "Interviewed", "On"))
        self.table.setMinimumHeight(self.fontMetrics().lineSpacing() * 5)
        self.layout_.addWidget(self.table, 1)
        form = QHBoxLayout(self.form_area)
        form.setContentsMargins(0, 0, 0, 0)
        self.code = QLineEdit()
        self.code.setPlaceholderText(self.tr("Code, e.g. SW01"))
        self.code.setAccessibleName(self.tr("Practitioner code"))
        self.code.setMaxLength(8)
        self.role = QLineEdit()
        self.role.setPlaceholderText(self.tr("Role (optional), e.g. allocated social worker"))
        self.interviewed = QCheckBox(self.tr("Interviewed about this family"))
        self.interviewed_on = QDateEdit(QDate.currentDate())
        self.interviewed_on.setCalendarPopup(True)
        self.interviewed_on.setDisplayFormat("dd MMM yyyy")
        self.interviewed_on.setEnabled(False)
        self.interviewed.toggled.connect(self.interviewed_on.setEnabled)
        form.addWidget(self.code)
        form.addWidget(self.role, 1)
        form.addWidget(self.interviewed)
        form.addWidget(self.interviewed_on)
        self.layout_.addWidget(self.form_area)
        buttons = QHBoxLayout()
        self.remove = QPushButton(self.tr("Remove"))
        self.remove.setToolTip(self.tr("Unlink the selected social worker (recorded by mistake)"))
        self.remove.clicked.connect(self._remove_selected)
        self.add = QPushButton(self.tr("&Link social worker"))
        self.add.clicked.connect(self.link)
        buttons.addWidget(self.remove)
        buttons.addStretch(1)
        buttons.addWidget(self.add)
        self.layout_.addLayout(buttons)
        self.layout_.addWidget(self.problem)
        self._links: list[SocialWorkerLink] = []
        self.refresh()

    def refresh(self) -> None:
        self._links = social_workers_of(self.store, self.family_key)
        self.table.setRowCount(len(self._links))
        for row, link in enumerate(self._links):
            cells = (link.practitioner_code, link.role, self.tr("Yes") if link.interviewed else self.tr("No"),
                     link.interviewed_on.strftime("%d %b %Y") if link.interviewed_on else "")
            for column, text in enumerate(cells):
                self.table.setItem(row, column, QTableWidgetItem(text))
        self.add.setEnabled(self.allowed())

    def link(self) -> SocialWorkerLink | None:
        interviewed = self.interviewed.isChecked()
        saved = self.problem.save(self.reporter, save_social_worker, self.store, SocialWorkerLink(
            self.family_key, self.code.text(), interviewed,
            self.interviewed_on.date().toPython() if interviewed else None, self.role.text()))
        if saved is not None:
            self.code.clear()
            self.role.clear()
            self.interviewed.setChecked(False)
            self.refresh()
            self.changed.emit()
        return saved

    def _remove_selected(self) -> None:
        rows = self.table.selectionModel().selectedRows()
        if rows and self.problem.run(self.reporter, remove_social_worker, self.store,
                                     self._links[rows[0].row()].key):
            self.refresh()
            self.changed.emit()
