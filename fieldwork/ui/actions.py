"""The main window's actions, in one place (Picard's action registry): words, shortcuts, tooltips.

The window gives the slots; this module gives their words and keys, and ``menus`` puts them
in the menu bar. Every action with a shortcut says it in its tooltip too, so a researcher
who hovers learns the key.
"""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtCore import QObject, Qt
from PySide6.QtGui import QAction, QKeySequence
from PySide6.QtWidgets import QHBoxLayout, QMainWindow, QSizePolicy, QToolBar, QToolButton, QWidget

from fieldwork.ui.shortcut_text import say_shortcut_in_tooltip

Keys = QKeySequence | QKeySequence.StandardKey | str


def make_action(window: QMainWindow, text: str, keys: Keys | None, slot: Callable[[], object],
                tip: str | None = None) -> QAction:
    action = QAction(text, window)
    if keys is not None:
        action.setShortcut(QKeySequence(keys) if isinstance(keys, str) else keys)
    action.setShortcutContext(Qt.ShortcutContext.WindowShortcut)
    action.triggered.connect(slot)
    say_shortcut_in_tooltip(action, tip)
    window.addAction(action)
    return action


class WindowActions(QObject):
    """Builds every action of the main window, and the Pause and Lock buttons (menus: ``menus``)."""

    def __init__(self, window) -> None:  # noqa: ANN001  (the MainWindow; typed loosely to avoid a cycle)
        super().__init__(window)
        from fieldwork.ui import help_dialogs, study_tasks  # on first use: they import Qt dialogs

        tr = self.tr
        w, t, h = window, study_tasks, help_dialogs
        # File
        self.new_study = make_action(w, tr("&New study…"), None, lambda: t.open_study(w, new=True))
        self.open_study = make_action(w, tr("&Open study…"), QKeySequence.StandardKey.Open,
                                      lambda: t.open_study(w, new=False))
        self.export = make_action(w, tr("&Export for analysts…"), "Ctrl+E", lambda: t.export_bundle(w))
        self.backup_now = make_action(w, tr("&Back up now"), None, lambda: t.backup_now(w))
        self.restore = make_action(w, tr("&Restore from backup…"), None, w.restore_from_backup)
        # Ctrl+Q, not the standard Quit key: some desktops (and the offscreen platform) have none.
        self.quit = make_action(w, tr("&Quit"), "Ctrl+Q", w.close)
        # Study
        self.new_family = make_action(w, tr("&New family…"), QKeySequence.StandardKey.New, w.new_family)
        self.find_family = make_action(w, tr("&Find family"), QKeySequence.StandardKey.Find, w.find_family)
        self.study_settings = make_action(w, tr("S&tudy settings…"), None, lambda: t.edit_study_settings(w))
        self.map_settings = make_action(w, tr("&Map settings…"), None, lambda: t.edit_map_settings(w))
        self.reliable_change = make_action(w, tr("SCORE-15 &reliable change…"), None,
                                           lambda: t.edit_reliable_change(w))
        from fieldwork.ui.fieldwork import (
            progress_view as fieldwork_view,  # Study → Fieldwork
        )

        self.fieldwork = make_action(w, tr("Field&work and follow-up…"), "Ctrl+Shift+W",
                                     lambda: fieldwork_view.show_fieldwork(w))
        self.clear_contacts = make_action(w, tr("&Clear contact details…"), None,
                                          lambda: fieldwork_view.clear_contact_details(
                                              w.store, w.reporter, w))
        self.change_passphrase = make_action(w, tr("Change &passphrase…"), None,
                                             lambda: t.change_passphrase(w))
        self.lock_after = make_action(w, tr("Lock &after…"), None, lambda: t.choose_lock_time(w))
        self.audit_log = make_action(w, tr("A&udit log…"), None, lambda: t.show_audit_log(w))
        self.merge_conflicts = make_action(w, tr("Merge &conflicts…"), None,
                                           lambda: t.show_merge_conflicts(w))
        from fieldwork.ui import laptop_copy_dialog as caseloads  # Study → laptop copies

        self.laptop_copy = make_action(w, tr("&Laptop copy of chosen families…"), None,
                                       lambda: caseloads.hand_out_laptop_copy(w))
        self.check_in = make_action(w, tr("Check &in a laptop copy…"), None,
                                    lambda: caseloads.check_in_laptop_copy(w))
        # Go
        self.back = make_action(w, tr("&Back"), QKeySequence.StandardKey.Back, w.go_back)
        self.families = make_action(w, tr("All &families"), "Ctrl+Home", w.show_families)
        self.pause = make_action(w, tr("&Pause (hide the screen)"), "F12", w.pause,
                                 tr("Hide everything at once"))
        self.lock = make_action(w, tr("&Lock"), "Ctrl+L", w.lock,
                                tr("Lock the study: the passphrase is needed to go on"))
        # Help
        self.user_guide = make_action(w, tr("&User guide"), QKeySequence.StandardKey.HelpContents,
                                      lambda: h.show_user_guide(w))
        self.shortcuts = make_action(w, tr("&Keyboard shortcuts"), "Ctrl+/",
                                     lambda: h.ShortcutsDialog(w).exec())
        self.about = make_action(w, tr("&About fieldwork"), None, lambda: h.show_about(w))

        # Pause and lock are always in sight, top right, whatever page is shown: beside the menus
        # (a 600-pixel-high screen needs a toolbar's row for the page), or in a toolbar of their
        # own where the menus live at the top of the desktop (macOS), away from the window.
        self.toolbar: QToolBar | None = None
        if w.menuBar().isNativeMenuBar():
            self.toolbar = QToolBar(tr("Pause and lock"))
            self.toolbar.setObjectName("protectionBar")
            self.toolbar.setMovable(False)
            spacer = QWidget()
            spacer.setSizePolicy(QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Preferred)
            self.toolbar.addWidget(spacer)
            self.toolbar.addAction(self.pause)
            self.toolbar.addAction(self.lock)
            w.addToolBar(self.toolbar)
            self.pause_button = self.toolbar.widgetForAction(self.pause)
            self.lock_button = self.toolbar.widgetForAction(self.lock)
        else:
            corner = QWidget()
            corner.setObjectName("protectionBar")
            row = QHBoxLayout(corner)
            row.setContentsMargins(0, 0, 4, 0)
            self.pause_button, self.lock_button = QToolButton(), QToolButton()
            for button, action in ((self.pause_button, self.pause), (self.lock_button, self.lock)):
                button.setDefaultAction(action)
                button.setAutoRaise(True)
                row.addWidget(button)
            w.menuBar().setCornerWidget(corner, Qt.Corner.TopRightCorner)
            self.corner = corner  # held: the menu bar does not take ownership from Python
