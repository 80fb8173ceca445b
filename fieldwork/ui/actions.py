"""The main window's actions and menus, in one place (Picard's action registry).

The window gives the slots; this module gives their words, shortcuts and menus.
"""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtCore import QObject, Qt
from PySide6.QtGui import QAction, QKeySequence
from PySide6.QtWidgets import QMainWindow, QSizePolicy, QToolBar, QWidget

Keys = QKeySequence | QKeySequence.StandardKey | str


def make_action(window: QMainWindow, text: str, keys: Keys | None, slot: Callable[[], object]) -> QAction:
    action = QAction(text, window)
    if keys is not None:
        action.setShortcut(QKeySequence(keys) if isinstance(keys, str) else keys)
    action.setShortcutContext(Qt.ShortcutContext.WindowShortcut)
    action.triggered.connect(slot)
    window.addAction(action)
    return action


class WindowActions(QObject):
    """Builds every action of the main window and its menus and toolbar."""

    def __init__(self, window) -> None:  # noqa: ANN001  (the MainWindow; typed loosely to avoid a cycle)
        super().__init__(window)
        tr = self.tr
        w = window
        self.new_family = make_action(w, tr("&New family…"), QKeySequence.StandardKey.New, w.new_family)
        self.find_family = make_action(w, tr("&Find family"), QKeySequence.StandardKey.Find, w.find_family)
        self.export = make_action(w, tr("&Export for analysts…"), "Ctrl+E", w.export_bundle)
        self.map_settings = make_action(w, tr("&Map settings…"), None, w.edit_map_settings)
        self.reliable_change = make_action(w, tr("SCORE-15 &reliable change…"), None,
                                           w.edit_reliable_change)
        from fieldwork.ui.fieldwork import (
            progress_view as fieldwork_view,  # Study → Fieldwork
        )

        self.fieldwork = make_action(w, tr("Field&work and follow-up…"), "Ctrl+Shift+W",
                                     lambda: fieldwork_view.show_fieldwork(w))
        self.clear_contacts = make_action(w, tr("&Clear contact details…"), None,
                                          lambda: fieldwork_view.clear_contact_details(
                                              w.store, w.reporter, w))
        self.backup_now = make_action(w, tr("&Back up now"), None, w.backup_now)
        self.restore = make_action(w, tr("&Restore from backup…"), None, w.restore_from_backup)
        self.change_passphrase = make_action(w, tr("Change &passphrase…"), None, w.change_passphrase)
        self.lock_after = make_action(w, tr("Lock &after…"), None, w.choose_lock_time)
        self.audit_log = make_action(w, tr("A&udit log…"), None, w.show_audit_log)
        self.merge_conflicts = make_action(w, tr("Merge &conflicts…"), None, w.show_merge_conflicts)
        self.quit = make_action(w, tr("&Quit"), QKeySequence.StandardKey.Quit, w.close)
        self.back = make_action(w, tr("&Back"), QKeySequence.StandardKey.Back, w.go_back)
        self.families = make_action(w, tr("All &families"), "Ctrl+Home", w.show_families)
        self.pause = make_action(w, tr("&Pause (hide the screen)"), "F12", w.pause)
        self.pause.setToolTip(tr("Hide everything at once (F12)"))
        self.lock = make_action(w, tr("&Lock"), "Ctrl+L", w.lock)
        self.lock.setToolTip(tr("Lock the study: the passphrase is needed to go on (Ctrl+L)"))

        study = w.menuBar().addMenu(tr("&Study"))
        study.addActions([self.new_family, self.find_family])
        study.addSeparator()
        study.addActions([self.fieldwork, self.map_settings, self.reliable_change, self.export,
                          self.merge_conflicts, self.backup_now, self.restore])
        study.addAction(self.clear_contacts)
        study.addSeparator()
        study.addActions([self.change_passphrase, self.lock_after, self.lock, self.audit_log])
        study.addSeparator()
        study.addAction(self.quit)
        go = w.menuBar().addMenu(tr("&Go"))
        go.addActions([self.back, self.families, self.pause])

        # Pause and lock are always in sight, top right, whatever page is shown.
        self.toolbar = QToolBar(tr("Pause and lock"))
        self.toolbar.setObjectName("protectionBar")
        self.toolbar.setMovable(False)
        spacer = QWidget()
        spacer.setSizePolicy(QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Preferred)
        self.toolbar.addWidget(spacer)
        self.toolbar.addAction(self.pause)
        self.toolbar.addAction(self.lock)
        w.addToolBar(self.toolbar)
