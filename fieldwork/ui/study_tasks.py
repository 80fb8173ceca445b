"""Study-wide tasks started from the menu: export, backups, restore, passphrase change.

Each takes the main window (typed, as Anki's operations take ``mw: AnkiQt``), asks what it
needs, runs the storage function and says plainly what happened. A failure is always shown;
nothing here fails silently. The main window is imported for its type only: the window
calls these, never the other way round at run time.
"""

from __future__ import annotations

from datetime import datetime, timedelta
from pathlib import Path
from typing import TYPE_CHECKING

from PySide6.QtCore import QTimer
from PySide6.QtWidgets import (
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QInputDialog,
    QLineEdit,
    QMessageBox,
    QWidget,
)

from fieldwork.domain.errors import FieldworkError
from fieldwork.storage.backups import (
    backup_time,
    list_backups,
    make_backup,
    restore_backup,
)
from fieldwork.storage.private_files import make_private
from fieldwork.storage.study_lock import StudyLock, writing
from fieldwork.storage.study_store import StudyStore

if TYPE_CHECKING:
    from fieldwork.ui.main_window import MainWindow

BACKUP_EVERY = timedelta(days=1)


def export_bundle(window: MainWindow) -> None:
    from fieldwork.ui.export_dialog import ExportDialog

    ExportDialog(window.store, window).exec()


def backup_now(window: MainWindow) -> None:
    try:
        path = make_backup(window.store)
    except FieldworkError as error:
        QMessageBox.warning(window, window.tr("Backup failed"), str(error))
        return
    window.statusBar().showMessage(window.tr("Backed up to {path}").format(path=path), 8000)


def backup_on_close(window: MainWindow) -> None:
    try:
        make_backup(window.store)
    except FieldworkError as error:
        QMessageBox.warning(window, window.tr("Backup failed"), str(error))


def start_daily_backups(window: MainWindow) -> QTimer:
    """Back up at once if the newest backup is a day old, then check every hour."""

    def check() -> None:
        backups = list_backups(window.store.path)
        newest = backup_time(backups[0]) if backups else None
        if newest is None or datetime.now() - newest >= BACKUP_EVERY:
            backup_on_close(window)

    timer = QTimer(window)
    timer.setInterval(60 * 60 * 1000)
    timer.timeout.connect(check)
    timer.start()
    check()
    return timer


def restore_from_backup(window: MainWindow) -> None:
    store = window.store
    backups = list_backups(store.path)
    if not backups:
        QMessageBox.information(window, window.tr("Restore"), window.tr("This study has no backups yet."))
        return
    labels = [f"{backup_time(b):%d %B %Y, %H:%M:%S}" if backup_time(b) else b.name for b in backups]
    chosen, ok = QInputDialog.getItem(
        window, window.tr("Restore from backup"),
        window.tr("Put this backup in place of the study? The current file is kept beside it."),
        labels, 0, False,
    )
    if not ok:
        return
    backup = backups[labels.index(chosen)]
    path, passphrase = store.path, store.backup_passphrase()
    # Held from before the close to after the reopen: no other window or command can slip
    # in between and write to the study being replaced.
    lock = StudyLock(path, "restore")
    try:
        lock.acquire()
    except FieldworkError as error:
        QMessageBox.critical(window, window.tr("Restore failed"), str(error))
        return
    try:
        store.close()
        try:
            set_aside = restore_backup(backup, path, passphrase)
        except FieldworkError as error:
            # A restore changes nothing unless it succeeds: the study is as it was.
            QMessageBox.critical(window, window.tr("Restore failed"), str(error))
            set_aside = None
        try:
            reopened = StudyStore.open(path, passphrase)
        except FieldworkError as again:
            # Nothing is lost (the old file is kept beside it), but there is no study to show.
            QMessageBox.critical(window, window.tr("The study cannot be opened"), str(again))
            window.skip_backup_on_close = True
            window.close()
            return
        message = None
        if set_aside is not None:
            reopened.audit("restore", [backup.name])
            message = window.tr("Restored. The file it replaced is kept at {path}").format(path=set_aside)
    finally:
        lock.release()
    window.replace_with(reopened, message)


class PassphraseDialog(QDialog):
    def __init__(self, store: StudyStore, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.store = store
        self.setWindowTitle(self.tr("Change the passphrase"))
        form = QFormLayout(self)
        self.old, self.new, self.again = (QLineEdit() for _ in range(3))
        for field in (self.old, self.new, self.again):
            field.setEchoMode(QLineEdit.EchoMode.Password)
        form.addRow(self.tr("&Current passphrase"), self.old)
        form.addRow(self.tr("&New passphrase"), self.new)
        form.addRow(self.tr("New passphrase &again"), self.again)
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Ok
                                   | QDialogButtonBox.StandardButton.Cancel)
        buttons.button(QDialogButtonBox.StandardButton.Ok).setText(self.tr("Change passphrase"))
        buttons.accepted.connect(self._change)
        buttons.rejected.connect(self.reject)
        form.addRow(buttons)

    def _change(self) -> None:
        try:
            # Re-encrypting rewrites every page: held against every other writer.
            with writing(self.store.path, "passphrase"):
                self.store.change_passphrase(self.old.text(), self.new.text(), self.again.text())
                make_private(self.store.path)
        except (FieldworkError, OSError) as error:
            QMessageBox.warning(self, self.tr("Passphrase not changed"), str(error))
            return
        self.accept()


def change_passphrase(window: MainWindow) -> None:
    if PassphraseDialog(window.store, window).exec() == QDialog.DialogCode.Accepted:
        window.statusBar().showMessage(window.tr("The passphrase was changed."), 8000)


def ask_study_path(window: MainWindow, new: bool) -> Path | None:
    """The file of the study to create or open (tests replace this)."""
    from PySide6.QtWidgets import QFileDialog

    where = str(window.store.path.parent)
    kinds = window.tr("fieldwork studies (*.db);;All files (*)")
    if new:
        chosen, _kind = QFileDialog.getSaveFileName(
            window, window.tr("New study"), where, kinds,
            options=QFileDialog.Option.DontConfirmOverwrite)
    else:
        chosen, _kind = QFileDialog.getOpenFileName(window, window.tr("Open study"), where, kinds)
    return Path(chosen) if chosen else None


def open_study(window: MainWindow, new: bool) -> MainWindow | None:
    """Create or open another study, unlocked in a window of its own beside this one."""
    from fieldwork.ui.unlock_dialog import UnlockDialog

    path = ask_study_path(window, new)
    if path is None:
        return None
    if new and path.exists():
        QMessageBox.information(window, window.tr("New study"), window.tr(
            "{path} already exists: a new study never replaces a file. Use File → Open study… to "
            "open it, or choose another name.").format(path=path))
        return None
    if path.resolve() == window.store.path.resolve():
        window.raise_()
        return window
    dialog = UnlockDialog(path, window)
    if dialog.exec() != QDialog.DialogCode.Accepted or dialog.store is None:
        return None
    opened = type(window)(dialog.store, owns_store=True)  # a main window, without importing it here
    window.other_studies.append(opened)
    opened.show()
    return opened


def choose_lock_time(window: MainWindow) -> None:
    from PySide6.QtCore import QSettings

    from fieldwork.ui.app_settings import LOCK_MINUTES_SETTING

    minutes, ok = QInputDialog.getInt(
        window, window.tr("Lock after"), window.tr("Lock the app after this many minutes without use:"),
        int(window.idle.timer.interval() / 60_000), 1, 120,
    )
    if ok:
        QSettings().setValue(LOCK_MINUTES_SETTING, minutes)
        window.idle.set_minutes(minutes)


def edit_study_settings(window: MainWindow) -> None:
    from fieldwork.ui.study_settings_dialog import StudySettingsDialog

    dialog = StudySettingsDialog(window.store, window.reporter, window)
    if not dialog.exec():
        return
    if dialog.folder_changed:  # interviews opened from now on read the new folder
        from fieldwork.storage.study_resources import load_study_resources

        window.resources = load_study_resources(window.store)
    if window.workspace is not None:
        window.workspace.refresh()  # the consent step asks about audio, or not, at once


def edit_map_settings(window: MainWindow) -> None:
    from fieldwork.ui.map_settings_dialog import MapSettingsDialog

    MapSettingsDialog(window.store, window).exec()


def edit_reliable_change(window: MainWindow) -> None:
    from fieldwork.ui.questionnaire.reliable_change_dialog import ReliableChangeDialog

    ReliableChangeDialog(window.store, window).exec()


def show_audit_log(window: MainWindow) -> None:
    from fieldwork.ui.audit_dialog import AuditDialog

    AuditDialog(window.store, window).exec()


def show_merge_conflicts(window: MainWindow) -> None:
    from fieldwork.ui.merge_conflicts_dialog import MergeConflictsDialog

    MergeConflictsDialog(window.store, window).exec()
