"""The menu bar: File, Study, Go, Help, made from the window's actions (``actions``).

Go also holds the interview's steps (Alt+1 … Alt+N, in the order of the step list) and
Previous / Next step. The menu owns those keys: when an interview opens, a page's own
shortcut on the same key is switched off, so a key is never bound twice (Qt then fires
neither).
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from PySide6.QtCore import QObject
from PySide6.QtGui import QAction, QKeySequence, QShortcut
from PySide6.QtWidgets import QWidget

from fieldwork.domain.interview_steps import STEP_LABELS, InterviewStep
from fieldwork.ui.actions import make_action
from fieldwork.ui.interview.steps import step_pages
from fieldwork.ui.shortcut_text import say_shortcut_in_tooltip

if TYPE_CHECKING:
    from fieldwork.ui.interview.workspace import InterviewWorkspace
    from fieldwork.ui.main_window import MainWindow

PREVIOUS_STEP_KEYS = "Ctrl+PgUp"
NEXT_STEP_KEYS = "Ctrl+PgDown"


class WindowMenus(QObject):
    """Fills the window's menu bar; keeps the Go menu's step actions in step with the page shown."""

    def __init__(self, window: MainWindow) -> None:
        super().__init__(window)
        self.window = window
        tr, a = self.tr, window.menu_actions
        bar = window.menuBar()

        self.file = bar.addMenu(tr("&File"))
        self.file.addActions([a.new_study, a.open_study])
        self.file.addSeparator()
        self.file.addActions([a.export, a.backup_now, a.restore])
        self.file.addSeparator()
        self.file.addAction(a.quit)

        self.study = bar.addMenu(tr("&Study"))
        self.study.addActions([a.new_family, a.find_family])
        self.study.addSeparator()
        self.study.addActions([a.fieldwork, a.study_settings, a.map_settings, a.reliable_change,
                               a.merge_conflicts, a.clear_contacts, a.audit_log])
        self.study.addSeparator()
        self.study.addActions([a.laptop_copy, a.check_in])
        self.study.addSeparator()
        self.study.addActions([a.change_passphrase, a.lock_after, a.lock])

        self.go = bar.addMenu(tr("&Go"))
        self.go.addActions([a.back, a.families])
        self.go.addSeparator()
        self.step_actions: list[QAction] = []
        for number, definition in enumerate(step_pages(window.resources), start=1):
            action = make_action(window, tr(STEP_LABELS[definition.step]), f"Alt+{number}",
                                 lambda _checked=False, row=number - 1: self.go_to_step(row))
            action.setData(definition.step.value)
            self.step_actions.append(action)
        self.go.addActions(self.step_actions)
        self.previous_step = make_action(window, tr("&Previous step"), PREVIOUS_STEP_KEYS,
                                         lambda: self.go_by(-1))
        self.next_step = make_action(window, tr("&Next step"), NEXT_STEP_KEYS, lambda: self.go_by(1))
        self.go.addActions([self.previous_step, self.next_step])
        self.go.addSeparator()
        self.go.addAction(a.pause)

        self.help = bar.addMenu(tr("&Help"))
        self.help.addActions([a.user_guide, a.shortcuts])
        self.help.addSeparator()
        self.help.addAction(a.about)

        window.pages.currentChanged.connect(lambda _index: self.page_shown())
        self.page_shown()

    # -- the interview's steps -------------------------------------------------------------

    def _workspace(self) -> InterviewWorkspace | None:
        workspace = self.window.workspace
        return workspace if workspace is not None and self.window.pages.currentWidget() is workspace else None

    def page_shown(self) -> None:
        """Step actions work only while an interview is shown; each is named as its step."""
        workspace = self._workspace()
        steps: list[InterviewStep] = workspace.steps if workspace is not None else []
        for row, action in enumerate(self.step_actions):
            action.setEnabled(row < len(steps))
            if row < len(steps):
                action.setText(self.tr(STEP_LABELS[steps[row]]))
                say_shortcut_in_tooltip(action)
        self.previous_step.setEnabled(workspace is not None)
        self.next_step.setEnabled(workspace is not None)

    def go_to_step(self, row: int) -> None:
        workspace = self._workspace()
        if workspace is not None and 0 <= row < len(workspace.steps):
            workspace.navigator.setCurrentRow(row)

    def go_by(self, offset: int) -> None:
        workspace = self._workspace()
        if workspace is not None:
            self.go_to_step(max(0, workspace.navigator.currentRow()) + offset)

    def take_over_keys(self, page: QWidget) -> None:
        """Switch off a page's own shortcuts on keys a window action already has."""
        owned = {action.shortcut() for action in self.window.actions() if not action.shortcut().isEmpty()}
        for shortcut in page.findChildren(QShortcut):
            if QKeySequence(shortcut.key()) in owned:
                shortcut.setEnabled(False)
