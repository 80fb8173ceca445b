"""The interview workspace: a step navigator on the left, the current step's page on the right.

Each step shows its state (not started / in progress / done / not consented). Editing a
page that had not been started marks it in progress; 'This step is done' marks it done.
'Finish interview' completes the visit; 'Stop interview…' ends it with a reason.
"""

from __future__ import annotations

from PySide6.QtCore import Qt, Signal
from PySide6.QtGui import QKeySequence, QShortcut
from PySide6.QtWidgets import (
    QCheckBox,
    QDialog,
    QHBoxLayout,
    QLabel,
    QListWidget,
    QListWidgetItem,
    QMessageBox,
    QPushButton,
    QStackedWidget,
    QVBoxLayout,
    QWidget,
)

from fieldwork.domain.casebook import (
    INTERVIEW_STATUS_LABELS,
    STOP_REASON_LABELS,
    InterviewStatus,
)
from fieldwork.domain.consent_gating import RecordingReason
from fieldwork.domain.interview_steps import (
    STEP_CONSENT_COMPONENT,
    STEP_LABELS,
    STEP_STATE_LABELS,
    InterviewStep,
    StepState,
)
from fieldwork.domain.resource_library import ResourceLibrary
from fieldwork.storage.consent_store import REASON_TEXTS, recording_permission
from fieldwork.storage.study_resources import load_study_resources
from fieldwork.storage.study_store import StudyStore
from fieldwork.ui.interview.step_page import StepPage
from fieldwork.ui.interview.steps import step_pages
from fieldwork.ui.interview.stop_dialog import StopInterviewDialog
from fieldwork.ui.save_status import SaveReporter
from fieldwork.ui.text_sizes import heading, scaled_font

OPEN_STATUSES = {InterviewStatus.PLANNED, InterviewStatus.IN_PROGRESS}


class InterviewWorkspace(QWidget):
    back_requested = Signal()
    status_changed = Signal()

    def __init__(self, store: StudyStore, reporter: SaveReporter, interview_key: str,
                 parent: QWidget | None = None, *, resources: ResourceLibrary | None = None) -> None:
        super().__init__(parent)
        self.store, self.reporter, self.interview_key = store, reporter, interview_key
        self.resources = resources if resources is not None else load_study_resources(store)
        interview = store.interview(interview_key)
        self.family_code = store.family(interview.family_key).code
        self.wave = interview.wave

        layout = QVBoxLayout(self)
        top = QHBoxLayout()
        self.back = QPushButton(self.tr("← Family {code}").format(code=self.family_code))
        self.back.setToolTip(self.tr("Back to the family (Alt+Left)"))
        self.back.clicked.connect(self.back_requested)
        self.title = heading("")
        self.finish = QPushButton(self.tr("&Finish interview"))
        self.stop = QPushButton(self.tr("S&top interview…"))
        self.finish.clicked.connect(self._finish)
        self.stop.clicked.connect(self._stop)
        top.addWidget(self.back)
        top.addWidget(self.title, 1)
        top.addWidget(self.finish)
        top.addWidget(self.stop)
        layout.addLayout(top)
        self.ended_early = QLabel()
        self.ended_early.setObjectName("endedEarly")
        self.ended_early.setWordWrap(True)
        self.ended_early.setStyleSheet("background: #fde8e8; color: #6b0000; padding: 4px 8px;")
        layout.addWidget(self.ended_early)

        body = QHBoxLayout()
        self.navigator = QListWidget()
        self.navigator.setFont(scaled_font(1.15))
        self.navigator.setAccessibleName(self.tr("Steps of the interview"))
        self.navigator.setMaximumWidth(self.fontMetrics().horizontalAdvance("M") * 24)
        self.pages = QStackedWidget()
        self.steps: list[InterviewStep] = []
        self._pages: list[StepPage] = []
        self._blocked: list[QLabel] = []
        for definition in step_pages(self.resources):
            page = definition.make_page(store, reporter, interview_key)
            page.edited.connect(lambda step=definition.step: self._edited(step))
            consent_changed = getattr(page, "consent_changed", None)
            if consent_changed is not None:
                consent_changed.connect(self.refresh)
            # Each step shows either its page or, without consent, why it cannot be opened.
            holder = QStackedWidget()
            blocked = QLabel()
            blocked.setObjectName("stepBlocked")
            blocked.setWordWrap(True)
            blocked.setAlignment(Qt.AlignmentFlag.AlignCenter)
            blocked.setFont(scaled_font(1.3))
            holder.addWidget(page)
            holder.addWidget(blocked)
            self.pages.addWidget(holder)
            self._pages.append(page)
            self._blocked.append(blocked)
            self.steps.append(definition.step)
            self.navigator.addItem(QListWidgetItem())
        body.addWidget(self.navigator)
        right = QVBoxLayout()
        right.addWidget(self.pages, 1)
        self.step_done = QCheckBox(self.tr("This step is &done"))
        self.step_done.toggled.connect(self._mark_done)
        right.addWidget(self.step_done, 0, Qt.AlignmentFlag.AlignRight)
        body.addLayout(right, 1)
        layout.addLayout(body, 1)

        self.navigator.currentRowChanged.connect(self._show_step)
        for number in range(1, len(self.steps) + 1):
            shortcut = QShortcut(QKeySequence(f"Alt+{number}"), self)
            shortcut.activated.connect(lambda row=number - 1: self.navigator.setCurrentRow(row))
        self.refresh()
        self.navigator.setCurrentRow(0)

    @property
    def window_label(self) -> str:
        return self.tr("{code} · wave {wave}").format(code=self.family_code, wave=self.wave)

    def page(self, step: InterviewStep) -> StepPage:
        return self._pages[self.steps.index(step)]

    def is_open(self, step: InterviewStep) -> bool:
        """True when the step's page is shown, False when consent blocks it."""
        holder = self.pages.widget(self.steps.index(step))
        assert isinstance(holder, QStackedWidget)
        return holder.currentIndex() == 0

    def _gate(self, row: int, step: InterviewStep, state: StepState) -> StepState:
        """Show the page or the reason it is closed; return the state to show."""
        holder = self.pages.widget(row)
        assert isinstance(holder, QStackedWidget)
        component = STEP_CONSENT_COMPONENT.get(step)
        permission = recording_permission(self.store, self.interview_key, component) if component else None
        if permission is None or permission.allowed:
            holder.setCurrentIndex(0)
            return state
        holder.setCurrentIndex(1)
        self._blocked[row].setText(self.tr(
            "{step} cannot be opened: {reason}."
        ).format(step=self.tr(STEP_LABELS[step]), reason=self.tr(REASON_TEXTS[permission.reason])))
        if permission.reason is RecordingReason.NO_CONSENT_RECORD:
            return state
        return StepState.NOT_CONSENTED

    def refresh(self) -> None:
        interview = self.store.interview(self.interview_key)
        states = self.store.step_states(self.interview_key)
        self.title.setText(self.tr("{label} — {status}").format(
            label=self.window_label, status=self.tr(INTERVIEW_STATUS_LABELS[interview.status]),
        ))
        for row, step in enumerate(self.steps):
            shown = self._gate(row, step, states[step])
            state_text = self.tr(STEP_STATE_LABELS[shown])
            if not self.is_open(step) and shown is not StepState.NOT_CONSENTED:
                state_text = self.tr("Needs consent first")
            self.navigator.item(row).setText(f"{self.tr(STEP_LABELS[step])}\n    {state_text}")
        if interview.status is InterviewStatus.TERMINATED and interview.stop_reason:
            reason = self.tr(STOP_REASON_LABELS[interview.stop_reason])
            note = f" — {interview.stop_note}" if interview.stop_note else ""
            self.ended_early.setText(self.tr("Stopped early: {reason}{note}").format(reason=reason, note=note))
        self.ended_early.setVisible(interview.status is InterviewStatus.TERMINATED)
        is_open = interview.status in OPEN_STATUSES
        self.finish.setEnabled(is_open)
        self.stop.setEnabled(is_open)
        self._sync_done_box(states)

    def _current_step(self) -> InterviewStep:
        return self.steps[max(0, self.navigator.currentRow())]

    def _sync_done_box(self, states: dict[InterviewStep, StepState] | None = None) -> None:
        states = states or self.store.step_states(self.interview_key)
        step = self._current_step()
        self.step_done.blockSignals(True)
        self.step_done.setChecked(states[step] is StepState.DONE)
        self.step_done.setEnabled(self.is_open(step))
        self.step_done.blockSignals(False)

    def _show_step(self, row: int) -> None:
        if row >= 0:
            self.pages.setCurrentIndex(row)
            self._sync_done_box()

    def _edited(self, step: InterviewStep) -> None:
        if self.store.step_states(self.interview_key)[step] is StepState.NOT_STARTED:
            self.reporter.attempt(self.store.set_step_state, self.interview_key, step, StepState.IN_PROGRESS)
            self.refresh()

    def _mark_done(self, done: bool) -> None:
        state = StepState.DONE if done else StepState.IN_PROGRESS
        self.reporter.attempt(self.store.set_step_state, self.interview_key, self._current_step(), state)
        self.refresh()

    def _finish(self) -> None:
        states = self.store.step_states(self.interview_key)
        unfinished = [self.tr(STEP_LABELS[s]) for s in self.steps if states[s] is not StepState.DONE]
        question = self.tr("Mark this interview as completed?")
        if unfinished:
            question += "\n\n" + self.tr("Not marked done: {steps}.").format(steps=", ".join(unfinished))
        answer = QMessageBox.question(self, self.tr("Finish interview"), question)
        if answer == QMessageBox.StandardButton.Yes:
            self._change_status(InterviewStatus.COMPLETED)

    def _stop(self) -> None:
        dialog = StopInterviewDialog(self.store, self.interview_key, self)
        if dialog.exec() == QDialog.DialogCode.Accepted:
            self.refresh()
            self.status_changed.emit()

    def _change_status(self, status: InterviewStatus, reason: str | None = None, note: str = "") -> None:
        if self.reporter.attempt(self.store.change_status, self.interview_key, status, reason, note):
            self.refresh()
            self.status_changed.emit()
