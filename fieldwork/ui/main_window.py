"""The main window: a thin shell that swaps pages (families, one family, one interview).

Pages do the work; the window keeps the title (family code and wave when an interview is
open), the actions (``actions``) and menus (``menus``), the save status line, and the covers
that hide everything at once: pause, and the lock after idle time or Ctrl+L.

It fits the screen (``window_geometry``): it opens inside the available area, remembers its
size, and its pages sit in a scroll area, so no page can make the window taller or wider
than the screen; the menus, Pause and Lock and the Saved line stay in sight.
"""

from __future__ import annotations

from PySide6.QtCore import QSettings, QTimer
from PySide6.QtGui import QCloseEvent, QShowEvent
from PySide6.QtWidgets import (
    QApplication,
    QFrame,
    QLabel,
    QMainWindow,
    QScrollArea,
    QStackedWidget,
    QVBoxLayout,
    QWidget,
)

from fieldwork.domain.resource_library import ResourceLibrary
from fieldwork.storage.study_resources import load_study_resources
from fieldwork.storage.study_store import StudyStore
from fieldwork.ui import study_tasks, window_geometry
from fieldwork.ui.actions import WindowActions
from fieldwork.ui.app_settings import LOCK_MINUTES_SETTING
from fieldwork.ui.family_list import FamilyListPage
from fieldwork.ui.family_page import FamilyPage
from fieldwork.ui.interview.workspace import InterviewWorkspace
from fieldwork.ui.lock_screen import DEFAULT_LOCK_MINUTES, IdleWatch, LockScreen
from fieldwork.ui.menus import WindowMenus
from fieldwork.ui.pause_screen import PauseScreen
from fieldwork.ui.save_status import SaveReporter, SaveStatusLabel
from fieldwork.ui.screen_cover import ScreenCover
from fieldwork.ui.wheel_guard import guard_wheel

APP_NAME = "fieldwork"


class MainWindow(QMainWindow):
    def __init__(self, store: StudyStore, demo: bool = False, owns_store: bool = False,
                 parent: QWidget | None = None, *, resources: ResourceLibrary | None = None) -> None:
        super().__init__(parent)
        guard_wheel(QApplication.instance())  # scrolling a page never changes an answer
        self.store = store
        # Consent forms, instruments and map prompts: read once when the study opens, passed down.
        self.resources = resources if resources is not None else load_study_resources(store)
        self.demo = demo
        # The window that owns the store closes it when it closes (the app's windows do;
        # tests hand in a store they close themselves).
        self.owns_store = owns_store
        self.skip_backup_on_close = demo
        self._closed = False
        self.reporter = SaveReporter(store, self)
        self.reporter.study_lost.connect(self._study_lost)
        self._lost = False
        self.reopened: MainWindow | None = None
        self.other_studies: list[MainWindow] = []  # opened from File → Open study…
        self.pages = QStackedWidget()
        self.pause_screen = PauseScreen()
        self.lock_screen = LockScreen(store)
        # A page taller or wider than the screen scrolls instead of growing the window; the
        # covers (pause, lock) are not in the scroll area: they always fit, centred.
        self.scroll = QScrollArea()
        self.scroll.setObjectName("pageScroll")
        self.scroll.setWidget(self.pages)
        self.scroll.setWidgetResizable(True)
        self.scroll.setFrameShape(QFrame.Shape.NoFrame)
        self.screens = QStackedWidget()
        for widget in (self.scroll, self.pause_screen, self.lock_screen):
            self.screens.addWidget(widget)
        holder = QWidget()
        column = QVBoxLayout(holder)
        column.setContentsMargins(0, 0, 0, 0)
        column.setSpacing(0)
        if demo:
            column.addWidget(self._demo_banner())
        column.addWidget(self.screens, 1)
        self.setCentralWidget(holder)
        self.family_list = FamilyListPage(store)
        self.family_list.family_chosen.connect(self.open_family)
        self.pages.addWidget(self.family_list)
        self.family_page: FamilyPage | None = None
        self.workspace: InterviewWorkspace | None = None

        self.save_status = SaveStatusLabel(self.reporter)
        self.statusBar().addPermanentWidget(self.save_status)
        self.menu_actions = WindowActions(self)
        self.menus = WindowMenus(self)
        bars = [self.menuBar(), self.statusBar(), self.menu_actions.toolbar]
        self.cover = ScreenCover(self, self.screens, self.scroll, [bar for bar in bars if bar is not None])
        self.pause_screen.resume_requested.connect(self.cover.uncover)
        self.lock_screen.unlocked.connect(self.cover.uncover)
        minutes = float(QSettings().value(LOCK_MINUTES_SETTING, DEFAULT_LOCK_MINUTES))
        self.idle = IdleWatch(minutes, self)
        self.idle.idle.connect(self.lock)
        if owns_store and not demo:
            self.backup_timer = study_tasks.start_daily_backups(self)
        self._fitted = False
        window_geometry.place_on_screen(self)
        self.show_families()

    def _demo_banner(self) -> QLabel:
        from fieldwork.demo import DEMO_PASSPHRASE

        banner = QLabel(self.tr(
            "Demo study: every family here is fictional. Changes are thrown away when you close. "
            "The lock's passphrase is <b>{passphrase}</b>."
        ).format(passphrase=DEMO_PASSPHRASE))
        banner.setObjectName("demoBanner")
        banner.setWordWrap(True)  # wraps on a narrow screen instead of widening the window
        banner.setStyleSheet("background: #fff3c4; color: #4a3b00; padding: 2px 8px;")
        return banner

    def showEvent(self, event: QShowEvent) -> None:  # noqa: N802
        super().showEvent(event)
        if not self._fitted:  # the window manager's frame is known once shown: fit again with it
            self._fitted = True
            QTimer.singleShot(0, self, lambda: window_geometry.fit_on_screen(self))

    # -- pages -----------------------------------------------------------------------------

    def _replace(self, old: QWidget | None, new: QWidget) -> None:
        if old is not None:
            self.pages.removeWidget(old)
            old.deleteLater()
        self.pages.addWidget(new)
        self.pages.setCurrentWidget(new)

    def show_families(self) -> None:
        self.family_list.refresh()
        self.pages.setCurrentWidget(self.family_list)
        self.setWindowTitle(f"{self.store.study().name} — {APP_NAME}")
        self.family_list.table.setFocus()

    def open_family(self, family_key: str) -> None:
        page = FamilyPage(self.store, self.reporter, family_key)
        page.back_requested.connect(self.show_families)
        page.interview_opened.connect(self.open_interview)
        page.family_changed.connect(self.family_list.refresh)
        page.family_erased.connect(self.show_families)
        self._replace(self.family_page, page)
        self.family_page = page
        self.setWindowTitle(f"{page.family_code} — {APP_NAME}")
        page.interviews.setFocus()

    def open_interview(self, interview_key: str) -> None:
        workspace = InterviewWorkspace(self.store, self.reporter, interview_key, resources=self.resources)
        workspace.back_requested.connect(self._back_to_family)
        workspace.status_changed.connect(self.family_list.refresh)
        self.menus.take_over_keys(workspace)
        old, self.workspace = self.workspace, workspace
        self._replace(old, workspace)
        self.setWindowTitle(f"{workspace.window_label} — {APP_NAME}")
        workspace.navigator.setFocus()

    def _back_to_family(self) -> None:
        if self.family_page is not None:
            self.family_page.refresh()
            self.pages.setCurrentWidget(self.family_page)
            self.setWindowTitle(f"{self.family_page.family_code} — {APP_NAME}")
            self.family_page.interviews.setFocus()

    def go_back(self) -> None:
        current = self.pages.currentWidget()
        if current is self.workspace:
            self._back_to_family()
        elif current is self.family_page:
            self.show_families()

    def new_family(self) -> None:
        self.show_families()
        self.family_list.add_family()

    def find_family(self) -> None:
        self.show_families()
        self.family_list.search.setFocus()
        self.family_list.search.selectAll()

    # -- covers ----------------------------------------------------------------------------

    def pause(self) -> None:
        self.cover.cover(self.pause_screen, self.pause_screen.resume)

    def lock(self) -> None:
        self.lock_screen.reset()
        self.cover.cover(self.lock_screen, self.lock_screen.passphrase)

    # -- study tasks: the menus call ``study_tasks`` and ``help_dialogs`` directly --------------

    def restore_from_backup(self) -> None:
        study_tasks.restore_from_backup(self)

    def replace_with(self, store: StudyStore, message: str | None = None) -> MainWindow:
        """Show ``store`` (e.g. the study restored from a backup) in a new window and close this
        one without a backup of the study it let go of; ``message`` goes on the new status bar."""
        replacement = MainWindow(store, demo=self.demo, owns_store=True)
        replacement.show()
        self.skip_backup_on_close = True
        self.close()
        if message:
            replacement.statusBar().showMessage(message, 15000)
        return replacement

    # -- a study this window can no longer save to ---------------------------------------------

    def _study_lost(self, problem: str) -> None:
        if self._lost:
            return
        self._lost = True
        self.skip_backup_on_close = True  # the file at the path is not the one open here
        self.setWindowTitle(self.tr("Not saved — {title}").format(title=self.windowTitle()))
        from fieldwork.ui.study_lost_dialog import ask_to_reopen

        if ask_to_reopen(self, problem):
            self.reopen_study()

    def reopen_study(self) -> None:
        """Unlock the study at this window's path again, in a new window beside this one."""
        from PySide6.QtWidgets import QDialog

        from fieldwork.ui.unlock_dialog import UnlockDialog

        dialog = UnlockDialog(self.store.path, self)
        if dialog.exec() != QDialog.DialogCode.Accepted or dialog.store is None:
            return
        self.reopened = MainWindow(dialog.store, owns_store=True)
        self.reopened.show()

    def closeEvent(self, event: QCloseEvent) -> None:  # noqa: N802
        if self._closed:  # a window may be asked to close twice; it lets go of the study once
            event.accept()
            return
        self._closed = True
        if self.owns_store:  # the app's own window; a window a test hands a store leaves settings alone
            window_geometry.remember_on_close(self)
        # Every edit is already committed; a clean close leaves a fresh backup behind.
        if self.owns_store and not self.skip_backup_on_close:
            study_tasks.backup_on_close(self)
        self.idle.stop()
        self.reporter.detach()
        if self.owns_store:
            self.store.close()
        event.accept()
