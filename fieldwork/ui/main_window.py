"""The main window: a thin shell that swaps pages (families, one family, one interview).

Pages do the work; the window keeps the title (family code and wave when an interview is
open), the menus and the save status line.
"""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtGui import QAction, QCloseEvent, QKeySequence
from PySide6.QtWidgets import QLabel, QMainWindow, QStackedWidget, QWidget

from fieldwork.storage.study_store import StudyStore
from fieldwork.ui.family_list import FamilyListPage
from fieldwork.ui.family_page import FamilyPage
from fieldwork.ui.interview.workspace import InterviewWorkspace
from fieldwork.ui.save_status import SaveReporter, SaveStatusLabel

APP_NAME = "fieldwork"


class MainWindow(QMainWindow):
    def __init__(self, store: StudyStore, demo: bool = False, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.store = store
        self.reporter = SaveReporter(store, self)
        self.pages = QStackedWidget()
        self.setCentralWidget(self.pages)
        self.family_list = FamilyListPage(store)
        self.family_list.family_chosen.connect(self.open_family)
        self.pages.addWidget(self.family_list)
        self.family_page: FamilyPage | None = None
        self.workspace: InterviewWorkspace | None = None

        self.save_status = SaveStatusLabel(self.reporter)
        self.statusBar().addPermanentWidget(self.save_status)
        if demo:
            banner = QLabel(self.tr(
                "Demo study: every family here is fictional. Changes are thrown away when you close."
            ))
            banner.setObjectName("demoBanner")
            banner.setStyleSheet("background: #fff3c4; color: #4a3b00; padding: 2px 8px;")
            self.statusBar().addWidget(banner)
        self._build_menus()
        self.resize(1100, 720)
        self.show_families()

    def _build_menus(self) -> None:
        study = self.menuBar().addMenu(self.tr("&Study"))
        self.new_family_action = self._action(self.tr("&New family…"), QKeySequence.StandardKey.New,
                                              self._new_family)
        self.find_action = self._action(self.tr("&Find family"), QKeySequence.StandardKey.Find,
                                        self._find_family)
        self.quit_action = self._action(self.tr("&Quit"), QKeySequence.StandardKey.Quit, self.close)
        study.addActions([self.new_family_action, self.find_action])
        study.addSeparator()
        study.addAction(self.quit_action)
        go = self.menuBar().addMenu(self.tr("&Go"))
        self.back_action = self._action(self.tr("&Back"), QKeySequence.StandardKey.Back, self.go_back)
        self.families_action = self._action(self.tr("All &families"), QKeySequence("Ctrl+Home"),
                                            self.show_families)
        go.addActions([self.back_action, self.families_action])

    def _action(self, text: str, keys: QKeySequence | QKeySequence.StandardKey, slot: object) -> QAction:
        action = QAction(text, self)
        action.setShortcut(keys)
        action.setShortcutContext(Qt.ShortcutContext.WindowShortcut)
        action.triggered.connect(slot)
        self.addAction(action)
        return action

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
        self._replace(self.family_page, page)
        self.family_page = page
        self.setWindowTitle(f"{page.family_code} — {APP_NAME}")
        page.interviews.setFocus()

    def open_interview(self, interview_key: str) -> None:
        workspace = InterviewWorkspace(self.store, self.reporter, interview_key)
        workspace.back_requested.connect(self._back_to_family)
        workspace.status_changed.connect(self.family_list.refresh)
        self._replace(self.workspace, workspace)
        self.workspace = workspace
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

    def _new_family(self) -> None:
        self.show_families()
        self.family_list.add_family()

    def _find_family(self) -> None:
        self.show_families()
        self.family_list.search.setFocus()
        self.family_list.search.selectAll()

    def closeEvent(self, event: QCloseEvent) -> None:  # noqa: N802
        # Every edit is already committed; closing only lets go of the file.
        self.reporter.detach()
        event.accept()
