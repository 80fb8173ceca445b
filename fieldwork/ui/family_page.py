"""One family: its details (saved as they are changed) and its interviews, wave by wave.

The case notes are hidden until the researcher asks for them ('Show case notes'): the
page may be on screen in the family's home. Starting an interview dates the visit today
(``interview_start``); a new interview can be planned for later or started at once.
"""

from __future__ import annotations

from PySide6.QtCore import QCoreApplication, QDate, Qt, Signal
from PySide6.QtWidgets import (
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QPlainTextEdit,
    QPushButton,
    QSpinBox,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
    QWidget,
)

from fieldwork.domain.casebook import (
    CASE_TYPE_LABELS,
    INTERVIEW_MODE_LABELS,
    INTERVIEW_STATUS_LABELS,
    RESPONDENT_ROLE_LABELS,
    Interview,
    InterviewStatus,
    language_label,
)
from fieldwork.domain.errors import FieldworkError
from fieldwork.storage.study_store import StudyStore
from fieldwork.storage.withdrawal_store import withdrawal_summary
from fieldwork.ui.interview_form import InterviewForm
from fieldwork.ui.interview_start import start_interview
from fieldwork.ui.save_status import SaveReporter, show_refusal
from fieldwork.ui.text_sizes import heading, scaled_font
from fieldwork.ui.withdrawal_dialog import WithdrawalDialog

SHOW_NOTES = QCoreApplication.translate("FamilyPage", "Show case n&otes")
HIDE_NOTES = QCoreApplication.translate("FamilyPage", "Hide case n&otes")
INTERVIEW_COLUMNS = ("Wave", "Date", "Mode", "Language", "Interpreter", "Respondent", "Status")


class FamilyPage(QWidget):
    """Details of one family; 'Start' or 'Resume' opens an interview's workspace."""

    back_requested = Signal()
    interview_opened = Signal(str)  # interview key
    family_changed = Signal()
    family_erased = Signal()

    def __init__(self, store: StudyStore, reporter: SaveReporter, family_key: str,
                 parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.store, self.reporter, self.family_key = store, reporter, family_key
        family = store.family(family_key)
        layout = QVBoxLayout(self)
        top = QHBoxLayout()
        self.back = QPushButton(self.tr("← All families"))
        self.back.setToolTip(self.tr("Back to the family list (Alt+Left)"))
        self.back.clicked.connect(self.back_requested)
        top.addWidget(self.back)
        top.addStretch(1)
        layout.addLayout(top)
        layout.addWidget(heading(self.tr("Family {code}").format(code=family.code)))

        form = QFormLayout()
        self.site = QComboBox()
        self.site.addItem("", "")
        for site in store.study().sites:
            self.site.addItem(site, site)
        self.site.setCurrentIndex(max(0, self.site.findData(family.site)))
        self.case_type = QComboBox()
        for case_type, label in CASE_TYPE_LABELS.items():
            self.case_type.addItem(self.tr(label), case_type.value)
        self.case_type.setCurrentIndex(self.case_type.findData(family.case_type.value))
        self.notes = QPlainTextEdit(family.notes)
        self.notes.setTabChangesFocus(True)
        self.notes.setAccessibleName(self.tr("Case notes"))
        # Ordinary type, never large: notes are read by the researcher, not across the room.
        self.notes.setFont(scaled_font(0.95))
        self.notes.setMaximumHeight(self.notes.fontMetrics().lineSpacing() * 5 + 12)
        self.notes.hide()
        self.show_notes = QPushButton(SHOW_NOTES)
        self.show_notes.setCheckable(True)
        self.show_notes.setToolTip(self.tr("The notes are hidden while the family may see the screen"))
        self.show_notes.toggled.connect(self._show_notes)
        notes_column = QVBoxLayout()
        notes_column.setContentsMargins(0, 0, 0, 0)
        notes_column.addWidget(self.show_notes, 0, Qt.AlignmentFlag.AlignLeft)
        notes_column.addWidget(self.notes)
        form.addRow(self.tr("&Site"), self.site)
        form.addRow(self.tr("Case &type"), self.case_type)
        form.addRow(self.tr("Case notes"), notes_column)
        layout.addLayout(form)
        self.withdrawals = QLabel()
        self.withdrawals.setObjectName("withdrawals")
        self.withdrawals.setWordWrap(True)
        self.withdrawals.setStyleSheet("background: #fff0e0; color: #5a2d00; padding: 4px 8px;")
        layout.addWidget(self.withdrawals)
        self.site.currentIndexChanged.connect(self._save_details)
        self.case_type.currentIndexChanged.connect(self._save_details)
        self.notes.textChanged.connect(self._save_details)

        layout.addWidget(heading(self.tr("Interviews"), 1.25))
        self.interviews = QTableWidget(0, len(INTERVIEW_COLUMNS))
        self.interviews.setHorizontalHeaderLabels([self.tr(c) for c in INTERVIEW_COLUMNS])
        self.interviews.horizontalHeader().setSectionResizeMode(QHeaderView.ResizeMode.Stretch)
        self.interviews.verticalHeader().hide()
        self.interviews.setEditTriggers(QTableWidget.EditTrigger.NoEditTriggers)
        self.interviews.setSelectionBehavior(QTableWidget.SelectionBehavior.SelectRows)
        self.interviews.setSelectionMode(QTableWidget.SelectionMode.SingleSelection)
        self.interviews.itemSelectionChanged.connect(self._sync_buttons)
        self.interviews.itemActivated.connect(lambda _item: self._open_selected())
        layout.addWidget(self.interviews, 1)

        buttons = QHBoxLayout()
        self.withdraw = QPushButton(self.tr("&Withdraw consent…"))
        self.withdraw.clicked.connect(self._withdraw)
        buttons.addWidget(self.withdraw)
        self.fieldwork = QPushButton(self.tr("Recruitment and &contact…"))
        self.fieldwork.clicked.connect(self.show_fieldwork)
        buttons.addWidget(self.fieldwork)
        self.new_interview = QPushButton(self.tr("New &interview…"))
        self.open_interview = QPushButton(self.tr("&Start interview"))
        self.open_interview.setDefault(True)
        self.new_interview.clicked.connect(self.add_interview)
        self.open_interview.clicked.connect(self._open_selected)
        buttons.addStretch(1)
        buttons.addWidget(self.new_interview)
        buttons.addWidget(self.open_interview)
        layout.addLayout(buttons)
        self._rows: list[Interview] = []
        self.refresh()

    def _show_notes(self, shown: bool) -> None:
        self.notes.setVisible(shown)
        self.show_notes.setText(HIDE_NOTES if shown else SHOW_NOTES)
        if shown:
            self.notes.setFocus()

    @property
    def family_code(self) -> str:
        return self.store.family(self.family_key).code

    def refresh(self) -> None:
        lines = withdrawal_summary(self.store, self.family_key)
        self.withdrawals.setText("\n".join(self.tr(line) for line in lines))
        self.withdrawals.setVisible(bool(lines))
        self._rows = self.store.interviews_of(self.family_key)
        self.interviews.setRowCount(len(self._rows))
        for row, interview in enumerate(self._rows):
            interpreter = interview.interpreter if interview.interpreter_present else self.tr("none")
            cells = (
                self.tr("wave {n}").format(n=interview.wave),
                interview.interview_date.strftime("%d %b %Y") if interview.interview_date else "",
                self.tr(INTERVIEW_MODE_LABELS[interview.mode]),
                language_label(interview.language),
                interpreter,
                self.tr(RESPONDENT_ROLE_LABELS[interview.respondent_role]),
                self.tr(INTERVIEW_STATUS_LABELS[interview.status]),
            )
            for column, text in enumerate(cells):
                self.interviews.setItem(row, column, QTableWidgetItem(text))
        if self._rows:
            self.interviews.selectRow(len(self._rows) - 1)
        self._sync_buttons()

    def selected_interview(self) -> Interview | None:
        rows = self.interviews.selectionModel().selectedRows()
        return self._rows[rows[0].row()] if rows else None

    def _sync_buttons(self) -> None:
        interview = self.selected_interview()
        self.open_interview.setEnabled(interview is not None)
        if interview is None or interview.status is InterviewStatus.PLANNED:
            self.open_interview.setText(self.tr("&Start interview"))
        elif interview.status is InterviewStatus.IN_PROGRESS:
            self.open_interview.setText(self.tr("&Resume interview"))
        else:
            self.open_interview.setText(self.tr("&Open interview"))

    def _open_selected(self) -> None:
        interview = self.selected_interview()
        if interview is not None:
            self.open_or_start(interview.key)

    def open_or_start(self, interview_key: str) -> None:
        """Open an interview; a planned one is started first, dated today."""
        if self.store.interview(interview_key).status is InterviewStatus.PLANNED:
            if not start_interview(self.store, self.reporter, interview_key, self):
                self.refresh()
                return
            self.family_changed.emit()
        self.interview_opened.emit(interview_key)

    def _save_details(self) -> None:
        saved = self.reporter.attempt(
            self.store.update_family, self.family_key, site=self.site.currentData() or "",
            case_type=self.case_type.currentData(), notes=self.notes.toPlainText(),
        )
        if saved is not None:  # not saved: what was typed stays on screen, the list as it was
            self.family_changed.emit()

    def show_fieldwork(self) -> None:
        from fieldwork.ui.fieldwork.family_fieldwork import FamilyFieldworkDialog

        FamilyFieldworkDialog(self.store, self.reporter, self.family_key, parent=self).exec()

    def _withdraw(self) -> None:
        dialog = WithdrawalDialog(self.store, self.family_key, self)
        if dialog.exec() != QDialog.DialogCode.Accepted:
            return
        if dialog.erased_whole_family:
            self.family_erased.emit()
            return
        self.refresh()
        self.family_changed.emit()

    def add_interview(self) -> None:
        """Plan an interview, or start it at once ('Start now': one step, dated today)."""
        dialog = NewInterviewDialog(self.store, self.family_key, self)
        if dialog.exec() != QDialog.DialogCode.Accepted or dialog.interview is None:
            return
        self.refresh()
        self.family_changed.emit()
        if dialog.start_now:
            self.open_or_start(dialog.interview.key)


class NewInterviewDialog(QDialog):
    """Plan an interview: its wave (the next one offered) and the visit's details."""

    def __init__(self, store: StudyStore, family_key: str, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.store, self.family_key = store, family_key
        self.interview: Interview | None = None
        self.start_now = False
        self.setWindowTitle(self.tr("New interview for {code}").format(code=store.family(family_key).code))
        layout = QVBoxLayout(self)
        wave_row = QFormLayout()
        self.wave = QSpinBox()
        self.wave.setRange(1, 9)
        self.wave.setValue(min(9, store.next_wave(family_key)))
        wave_row.addRow(self.tr("&Wave"), self.wave)
        layout.addLayout(wave_row)
        previous = store.interviews_of(family_key)
        self.form = InterviewForm(store.researchers())
        if previous:
            # A later wave is usually in the same language, with the same interpreter.
            self.form.show_interview(previous[-1])
            self.form.interview_date.setDate(QDate.currentDate())
        layout.addWidget(self.form)
        note = QLabel(self.tr("'Start now' begins the visit today; 'Plan for later' keeps it "
                              "planned until you start it."))
        note.setWordWrap(True)
        layout.addWidget(note)
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Cancel)
        self.plan = buttons.addButton(self.tr("&Plan for later"), QDialogButtonBox.ButtonRole.AcceptRole)
        self.start = buttons.addButton(self.tr("&Start now"), QDialogButtonBox.ButtonRole.AcceptRole)
        self.plan.clicked.connect(self._add)
        self.start.clicked.connect(self._start_now)
        buttons.rejected.connect(self.reject)
        layout.addWidget(buttons)
        # Enter starts the visit. Made default once the box is in the dialog: before that
        # the dialog does not know the button, and Enter did nothing.
        self.start.setDefault(True)

    def _start_now(self) -> None:
        """Add the interview; the family page starts it (dating it today) once this closes."""
        self.start_now = True
        self._add()
        if self.interview is None:
            self.start_now = False

    def _add(self) -> None:
        try:
            self.interview = self.store.add_interview(
                self.family_key, wave=self.wave.value(), **self.form.details()
            )
        except FieldworkError as error:
            show_refusal(self, error)
            return
        self.accept()
