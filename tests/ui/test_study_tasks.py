"""Backups and restore from the app's menu."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtWidgets import QApplication, QInputDialog

from fieldwork.storage.backups import list_backups, make_backup
from fieldwork.storage.study_store import StudyStore
from fieldwork.ui import study_tasks
from fieldwork.ui.main_window import MainWindow
from tests.conftest import PASSPHRASE


def test_a_daily_backup_is_made_when_the_newest_is_old(qtbot, store: StudyStore) -> None:
    window = MainWindow(store)
    qtbot.addWidget(window)
    assert list_backups(store.path) == []
    timer = study_tasks.start_daily_backups(window)
    assert len(list_backups(store.path)) == 1  # none yet: one is made at once
    timer.timeout.emit()
    assert len(list_backups(store.path)) == 1  # the newest is minutes old: no new one
    timer.stop()


def test_closing_the_app_leaves_a_backup(qtbot, study_path: Path) -> None:
    store = StudyStore.create(study_path, PASSPHRASE, "Study", "R01")
    window = MainWindow(store, owns_store=True)
    qtbot.addWidget(window)
    window.backup_timer.stop()
    before = len(list_backups(study_path))
    window.close()
    assert len(list_backups(study_path)) == before + 1


def test_restore_from_the_menu_reopens_the_study(qtbot, study_path: Path, monkeypatch) -> None:
    store = StudyStore.create(study_path, PASSPHRASE, "Study", "R01")
    family = store.add_family(notes="in the backup")
    make_backup(store)
    store.update_family(family.key, notes="after the backup")
    window = MainWindow(store, owns_store=True)
    qtbot.addWidget(window)
    window.backup_timer.stop()
    monkeypatch.setattr(QInputDialog, "getItem", lambda *args, **kwargs: (args[3][0], True))
    window.restore_from_backup()
    replacement = next(w for w in QApplication.topLevelWidgets()
                       if isinstance(w, MainWindow) and w is not window and w.isVisible())
    qtbot.addWidget(replacement)
    assert replacement.store.family(family.key).notes == "in the backup"
    assert "Restored" in replacement.statusBar().currentMessage()
    assert list(study_path.parent.glob("study.db.replaced-*"))
    replacement.backup_timer.stop()
