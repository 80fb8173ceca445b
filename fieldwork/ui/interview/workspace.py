"""The interview workspace: a step navigator on the left, the current step's page on the right.

Owns how the steps of one visit hang together. Every step is live: when a page says it
changed something other steps show (``interview_changed``, or the consent page's
``consent_changed``), the workspace re-checks what consent allows and asks every page to
read the study again (``refresh()``), so no step shows a stale state. Each step's state
follows its recorded work (``work_done()``) unless the researcher set it by hand with 'This
step is done'. Previous / Next move through the visit; ticking 'done' moves on. 'Finish
interview' completes the visit, 'Stop interview…' ends it with a reason. A completed,
stopped or withdrawn interview is read-only on every page (``set_read_only``) until it is
reopened for correction, with a reason.
"""

from __future__ import annotations

from PySide6.QtCore import Qt, Signal
from PySide6.QtGui import QKeySequence, QShortcut
from PySide6.QtWidgets import (
    QDialog,
    QFrame,
    QHBoxLayout,
    QLabel,
    QListWidget,
    QListWidgetItem,
    QMessageBox,
    QPushButton,
    QScrollArea,
    QSizePolicy,
    QStackedWidget,
    QVBoxLayout,
    QWidget,
)

from fieldwork.domain.casebook import (
    CORRECTABLE_STATUSES,
    INTERVIEW_STATUS_LABELS,
    STOP_REASON_LABELS,
    Interview,
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
from fieldwork.ui.interview.reopen_dialog import ReopenDialog
from fieldwork.ui.interview.step_moves import StepMoves
from fieldwork.ui.interview.step_page import StepPage
from fieldwork.ui.interview.steps import step_pages
from fieldwork.ui.interview.stop_dialog import StopInterviewDialog
from fieldwork.ui.save_status import SaveReporter
from fieldwork.ui.text_sizes import heading, scaled_font

OPEN_STATUSES = {InterviewStatus.PLANNED, InterviewStatus.IN_PROGRESS}


def _banner(object_name: str) -> QLabel:
    """A message across the workspace that wraps and never widens the window."""
    label = QLabel()
    label.setObjectName(object_name)
    label.setWordWrap(True)
    label.setSizePolicy(QSizePolicy.Policy.Ignored, QSizePolicy.Policy.Minimum)
    label.setStyleSheet("background: #fde8e8; color: #6b0000; padding: 4px 8px;")
    label.hide()
    return label


def _day(interview: Interview) -> str:
    when = interview.reopened_at
    return f"{when.day} {when:%B %Y}" if when else ""


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
        self.read_only = False
        self._refreshing = False

        layout = QVBoxLayout(self)
        layout.addLayout(self._top_bar())
        self.ended_early = _banner("endedEarly")
        self.reopened = _banner("reopenedBanner")
        self.reopened.setStyleSheet("background: #fff4d6; color: #4a3500; padding: 4px 8px;")
        layout.addWidget(self.ended_early)
        layout.addWidget(self.reopened)

        body = QHBoxLayout()
        self.navigator = QListWidget()
        self.navigator.setFont(scaled_font(1.15))
        self.navigator.setAccessibleName(self.tr("Steps of the interview"))
        self.navigator.setTextElideMode(Qt.TextElideMode.ElideRight)
        self.navigator.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        self.pages = QStackedWidget()
        self.steps: list[InterviewStep] = []
        self._pages: list[StepPage] = []
        self._blocked: list[QLabel] = []
        for definition in step_pages(self.resources):
            self._add_step(definition.step, definition.make_page(store, reporter, interview_key))
        self._fix_navigator_width()
        body.addWidget(self.navigator)
        right = QVBoxLayout()
        right.addWidget(self.pages, 1)
        self.moves = StepMoves(self)
        self.moves.move.connect(self._move)
        self.moves.done_set.connect(self._mark_done)
        self.previous, self.next, self.step_done = self.moves.previous, self.moves.next, self.moves.step_done
        right.addWidget(self.moves)
        body.addLayout(right, 1)
        layout.addLayout(body, 1)

        self.navigator.currentRowChanged.connect(self._show_step)
        for number in range(1, len(self.steps) + 1):
            shortcut = QShortcut(QKeySequence(f"Alt+{number}"), self)
            shortcut.activated.connect(lambda row=number - 1: self.navigator.setCurrentRow(row))
        self.refresh()
        self.navigator.setCurrentRow(0)

    # -- building ----------------------------------------------------------------------

    def _top_bar(self) -> QHBoxLayout:
        top = QHBoxLayout()
        self.back = QPushButton(self.tr("← Family {code}").format(code=self.family_code))
        self.back.setToolTip(self.tr("Back to the family (Alt+Left)"))
        self.back.clicked.connect(self.back_requested)
        self.title = heading("")
        self.title.setWordWrap(False)
        # A long status or translation is cut, never pushes the window wider.
        self.title.setSizePolicy(QSizePolicy.Policy.Ignored, QSizePolicy.Policy.Preferred)
        self.reopen = QPushButton(self.tr("&Reopen for correction…"))
        self.reopen.setToolTip(self.tr("Open this finished interview again to correct it; "
                                       "you will be asked why"))
        self.finish_correction = QPushButton(self.tr("Correction &finished"))
        self.finish = QPushButton(self.tr("&Finish interview"))
        self.stop = QPushButton(self.tr("S&top interview…"))
        self.reopen.clicked.connect(self._reopen)
        self.finish_correction.clicked.connect(self._finish_correction)
        self.finish.clicked.connect(self._finish)
        self.stop.clicked.connect(self._stop)
        top.addWidget(self.back)
        top.addWidget(self.title, 1)
        for button in (self.reopen, self.finish_correction, self.finish, self.stop):
            top.addWidget(button)
        return top

    def _add_step(self, step: InterviewStep, page: StepPage) -> None:
        page.edited.connect(lambda: self._edited(step))
        page.interview_changed.connect(self.refresh)
        consent_changed = getattr(page, "consent_changed", None)  # the consent page's older name
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
        # A page taller or wider than the screen scrolls inside the workspace; its size never
        # reaches the window (a stack is as large as its largest page).
        scroller = QScrollArea()
        scroller.setWidgetResizable(True)
        scroller.setFrameShape(QFrame.Shape.NoFrame)
        scroller.setWidget(holder)
        self.pages.addWidget(scroller)
        self._pages.append(page)
        self._blocked.append(blocked)
        self.steps.append(step)
        self.navigator.addItem(QListWidgetItem())

    def _fix_navigator_width(self) -> None:
        """Wide enough for every step and state in this language, and never any wider."""
        metrics = self.navigator.fontMetrics()
        texts = [self.tr(label) for label in STEP_LABELS.values()]
        texts += ["    " + self.tr(label) for label in (*STEP_STATE_LABELS.values(), "Needs consent first")]
        widest = max(metrics.horizontalAdvance(text) for text in texts)
        limit = metrics.horizontalAdvance("M") * 16  # a long translation elides past this
        self.navigator.setFixedWidth(min(widest, limit) + metrics.horizontalAdvance("MM"))

    # -- what the workspace shows --------------------------------------------------------

    @property
    def window_label(self) -> str:
        return self.tr("{code} · wave {wave}").format(code=self.family_code, wave=self.wave)

    def page(self, step: InterviewStep) -> StepPage:
        return self._pages[self.steps.index(step)]

    def _holder(self, row: int) -> QStackedWidget:
        """The step's page and, in front of it without consent, why it cannot be opened."""
        scroller = self.pages.widget(row)
        assert isinstance(scroller, QScrollArea)
        holder = scroller.widget()
        assert isinstance(holder, QStackedWidget)
        return holder

    def is_open(self, step: InterviewStep) -> bool:
        """True when the step's page is shown, False when consent blocks it."""
        return self._holder(self.steps.index(step)).currentIndex() == 0

    def _gate(self, row: int, step: InterviewStep, state: StepState) -> StepState:
        """Show the page or the reason it is closed; return the state to show."""
        holder = self._holder(row)
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
        """Everything again from the study: status, read-only, consent gates, every page."""
        if self._refreshing:  # a page's refresh announcing a change must not loop
            return
        self._refreshing = True
        try:
            interview = self.store.interview(self.interview_key)
            self._show_status(interview)
            self._apply_read_only(not interview.can_be_changed)
            for page in self._pages:
                page.refresh()
            self.refresh_states()
        finally:
            self._refreshing = False

    def _show_status(self, interview: Interview) -> None:
        self.title.setText(self.tr("{label} — {status}").format(
            label=self.window_label, status=self.tr(INTERVIEW_STATUS_LABELS[interview.status]),
        ))
        self.title.setToolTip(self.title.text())
        if interview.status is InterviewStatus.TERMINATED and interview.stop_reason:
            reason = self.tr(STOP_REASON_LABELS[interview.stop_reason])
            note = f" — {interview.stop_note}" if interview.stop_note else ""
            self.ended_early.setText(
                self.tr("Stopped early: {reason}{note}").format(reason=reason, note=note))
        self.ended_early.setVisible(interview.status is InterviewStatus.TERMINATED)
        if interview.reopened_at is not None:
            self.reopened.setText(self.tr("Reopened for correction on {date}: {reason}").format(
                date=_day(interview), reason=interview.reopen_reason))
        self.reopened.setVisible(interview.reopened_at is not None)
        is_open = interview.status in OPEN_STATUSES
        self.finish.setVisible(is_open)
        self.stop.setVisible(is_open)
        self.reopen.setVisible(interview.status in CORRECTABLE_STATUSES and not interview.correction_open)
        self.finish_correction.setVisible(interview.correction_open and interview.can_be_changed)

    def _apply_read_only(self, read_only: bool) -> None:
        self.read_only = read_only
        for page in self._pages:
            if page.read_only != read_only:
                page.set_read_only(read_only)

    def refresh_states(self) -> None:
        """Gate each step and show its state: the recorded work's, unless set by hand."""
        states = self.store.step_states(self.interview_key)
        by_hand = self.store.steps_set_by_hand(self.interview_key)
        for row, step in enumerate(self.steps):
            stored = states[step]
            shown = self._gate(row, step, stored)
            if self.is_open(step) and step not in by_hand:
                shown = self._follow_the_work(step, stored)
                states[step] = shown
            state_text = self.tr(STEP_STATE_LABELS[shown])
            if not self.is_open(step) and shown is not StepState.NOT_CONSENTED:
                state_text = self.tr("Needs consent first")
            item = self.navigator.item(row)
            item.setText(f"{self.tr(STEP_LABELS[step])}\n    {state_text}")
            item.setToolTip(self.tr("{step}: {state} (set by hand)").format(
                step=self.tr(STEP_LABELS[step]), state=state_text) if step in by_hand else "")
        self._sync_moves(states)

    def _follow_the_work(self, step: InterviewStep, stored: StepState) -> StepState:
        """The state the page's recorded work gives; saved, unless the interview is finished."""
        done = self.page(step).work_done()
        if done is None:
            return stored
        wanted = StepState.DONE if done else (
            StepState.IN_PROGRESS if stored is StepState.DONE else stored)
        if wanted is not stored and not self.read_only:
            self.reporter.attempt(self.store.set_step_state, self.interview_key, step, wanted)
        return wanted

    def _current_step(self) -> InterviewStep:
        return self.steps[max(0, self.navigator.currentRow())]

    def _sync_moves(self, states: dict[InterviewStep, StepState] | None = None) -> None:
        states = states or self.store.step_states(self.interview_key)
        row = max(0, self.navigator.currentRow())
        step = self.steps[row]
        before = self.tr(STEP_LABELS[self.steps[row - 1]]) if row > 0 else None
        after = self.tr(STEP_LABELS[self.steps[row + 1]]) if row < len(self.steps) - 1 else None
        self.moves.show_position(before, after, states[step] is StepState.DONE,
                                 self.is_open(step) and not self.read_only)

    def _show_step(self, row: int) -> None:
        if row >= 0:
            self.pages.setCurrentIndex(row)
            self.refresh_states()

    def _move(self, by: int) -> None:
        row = self.navigator.currentRow() + by
        if 0 <= row < len(self.steps):
            self.navigator.setCurrentRow(row)

    # -- the researcher's actions --------------------------------------------------------

    def _edited(self, step: InterviewStep) -> None:
        if self.read_only:
            return
        if self.store.step_states(self.interview_key)[step] is StepState.NOT_STARTED:
            self.reporter.attempt(self.store.set_step_state, self.interview_key, step, StepState.IN_PROGRESS)
        self.refresh_states()

    def _mark_done(self, done: bool) -> None:
        step = self._current_step()
        state = StepState.DONE if done else StepState.IN_PROGRESS
        # Set by hand only where it differs from the work: agreeing with it hands the step
        # back to the work.
        work = self.page(step).work_done()
        self.reporter.attempt(self.store.set_step_state, self.interview_key, step, state,
                              by_hand=work is None or work != done)
        self.refresh_states()
        if done:
            self._move(+1)

    def unfinished_steps(self) -> list[InterviewStep]:
        states = self.store.step_states(self.interview_key)
        return [s for s in self.steps if states[s] is not StepState.DONE]

    def finish_question(self) -> QMessageBox:
        """The Finish dialog: names the unfinished steps and then defaults to going back."""
        unfinished = self.unfinished_steps()
        question = self.tr("Mark this interview as completed? It cannot be changed afterwards "
                           "unless it is reopened for correction.")
        if unfinished:
            question += "\n\n" + self.tr("Not done yet: {steps}.").format(
                steps=", ".join(self.tr(STEP_LABELS[s]) for s in unfinished))
        box = QMessageBox(QMessageBox.Icon.Question, self.tr("Finish interview"), question,
                          QMessageBox.StandardButton.NoButton, self)
        box.finish_button = box.addButton(self.tr("&Finish interview"), QMessageBox.ButtonRole.AcceptRole)
        box.go_back = box.addButton(self.tr("&Go back"), QMessageBox.ButtonRole.RejectRole)
        box.setDefaultButton(box.go_back if unfinished else box.finish_button)
        box.setEscapeButton(box.go_back)
        return box

    def _finish(self) -> None:
        box = self.finish_question()
        box.exec()
        if box.clickedButton() is box.finish_button:
            self._change_status(InterviewStatus.COMPLETED)
        elif unfinished := self.unfinished_steps():
            self.navigator.setCurrentRow(self.steps.index(unfinished[0]))

    def _stop(self) -> None:
        dialog = StopInterviewDialog(self.store, self.interview_key, self)
        if dialog.exec() == QDialog.DialogCode.Accepted:
            self.refresh()
            self.status_changed.emit()

    def reopen_dialog(self) -> ReopenDialog:
        return ReopenDialog(self.store, self.reporter, self.interview_key, self)

    def _reopen(self) -> None:
        if self.reopen_dialog().exec() == QDialog.DialogCode.Accepted:
            self.refresh()
            self.status_changed.emit()

    def _finish_correction(self) -> None:
        if self.reporter.attempt(self.store.finish_correction, self.interview_key):
            self.refresh()
            self.status_changed.emit()

    def _change_status(self, status: InterviewStatus, reason: str | None = None, note: str = "") -> None:
        if self.reporter.attempt(self.store.change_status, self.interview_key, status, reason, note):
            self.refresh()
            self.status_changed.emit()
