"""Locking after idle time or on demand: everything covered, the passphrase asked again."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtGui import QKeySequence

from fieldwork.storage.study_store import StudyStore
from fieldwork.ui.lock_screen import wait_after_failures
from fieldwork.ui.main_window import MainWindow
from tests.conftest import PASSPHRASE
from tests.ui.test_pause import _visible_text


def test_waits_grow_after_each_wrong_passphrase() -> None:
    assert [wait_after_failures(n) for n in range(8)] == [0, 1, 2, 4, 8, 16, 30, 30]


def test_the_app_locks_when_idle_and_unlocks_with_the_passphrase(qtbot, demo_store: StudyStore) -> None:
    window = MainWindow(demo_store)
    qtbot.addWidget(window)
    window.show()
    family_x = demo_store.family_summaries()[0].family
    window.open_family(family_x.key)
    assert "F001" in _visible_text()
    window.idle.timer.setInterval(50)  # instead of minutes
    window.idle.timer.start()
    qtbot.waitUntil(lambda: window.cover.screen is window.lock_screen, timeout=3000)
    shown = _visible_text()
    assert "Locked" in shown
    for secret in ("F001", "Borough", family_x.notes[:15]):
        assert secret not in shown

    qtbot.keyClicks(window.lock_screen.passphrase, "not the passphrase")
    qtbot.keyClick(window.lock_screen.passphrase, Qt.Key.Key_Return)
    assert "not right" in window.lock_screen.problem.text()
    assert not window.lock_screen.unlock_button.isEnabled()  # wait a second before the next try
    assert window.cover.screen is window.lock_screen
    qtbot.waitUntil(window.lock_screen.unlock_button.isEnabled, timeout=3000)
    qtbot.keyClicks(window.lock_screen.passphrase, PASSPHRASE)
    qtbot.keyClick(window.lock_screen.passphrase, Qt.Key.Key_Return)
    assert window.cover.screen is None
    assert "F001" in _visible_text()


def test_ctrl_l_locks_even_while_paused(qtbot, demo_store: StudyStore) -> None:
    window = MainWindow(demo_store)
    qtbot.addWidget(window)
    window.show()
    assert window.menu_actions.lock.shortcut() == QKeySequence("Ctrl+L")
    window.pause()
    window.lock()  # the idle timer does this when a paused laptop is left alone
    assert window.cover.screen is window.lock_screen
    window.lock_screen.passphrase.setText(PASSPHRASE)
    window.lock_screen.try_unlock()
    assert window.cover.screen is None
    assert window.windowTitle().startswith(demo_store.study().name)


def test_the_audit_log_is_shown_and_saved(qtbot, demo_store: StudyStore, tmp_path) -> None:
    from fieldwork.ui.audit_dialog import AuditDialog, write_audit_csv

    window = MainWindow(demo_store)
    qtbot.addWidget(window)
    window.lock()
    window.lock_screen.passphrase.setText("wrong, wrong, wrong")
    window.lock_screen.try_unlock()
    dialog = AuditDialog(demo_store)
    qtbot.addWidget(dialog)
    whats = [dialog.table.item(row, 2).text() for row in range(dialog.table.rowCount())]
    assert whats[0] == "Wrong passphrase"
    assert "Erased after withdrawal" in whats and whats[-1] == "Study created"
    path = tmp_path / "audit.csv"
    write_audit_csv(dialog.entries, dialog.names, path)
    lines = path.read_text(encoding="utf-8-sig").splitlines()
    assert lines[0] == "at,researcher,action,record_keys"
    assert len(lines) == dialog.table.rowCount() + 1
