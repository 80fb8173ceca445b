"""The menu bar (File, Study, Go, Help), the keys it shows, and Help's guide, shortcuts and About."""

from __future__ import annotations

from pathlib import Path

import pytest
from PySide6.QtCore import Qt
from PySide6.QtGui import QAction, QKeySequence, QShortcut
from PySide6.QtWidgets import QMessageBox

from fieldwork import __version__
from fieldwork.domain.interview_steps import STEP_LABELS, InterviewStep
from fieldwork.ui import help_dialogs
from fieldwork.ui.main_window import MainWindow
from fieldwork.ui.shortcut_text import plain_text

ROOT = Path(__file__).resolve().parents[2]


@pytest.fixture
def window(qtbot, consented_interview) -> MainWindow:
    store, _key = consented_interview
    window = MainWindow(store)
    qtbot.addWidget(window)
    window.show()
    qtbot.waitExposed(window)
    window.activateWindow()
    qtbot.waitActive(window)
    return window


def _titles(menu) -> list[str]:
    return [plain_text(a.text()) for a in menu.actions() if not a.isSeparator()]


def test_the_menu_bar_holds_file_study_go_and_help(window: MainWindow) -> None:
    bar = [plain_text(a.text()) for a in window.menuBar().actions()]
    assert bar == ["File", "Study", "Go", "Help"]
    assert _titles(window.menus.file) == ["New study…", "Open study…", "Export for analysts…",
                                          "Back up now", "Restore from backup…", "Quit"]
    assert {"New family…", "Fieldwork and follow-up…", "Map settings…", "SCORE-15 reliable change…",
            "Merge conflicts…", "Audit log…", "Change passphrase…", "Lock after…", "Lock"} <= set(
        _titles(window.menus.study))
    assert _titles(window.menus.help) == ["User guide", "Keyboard shortcuts", "About fieldwork"]
    go = _titles(window.menus.go)
    assert go[:2] == ["Back", "All families"] and "Previous step" in go and "Next step" in go


def test_every_shortcut_is_said_in_its_tooltip(window: MainWindow) -> None:
    keyed = [a for a in window.actions() if not a.shortcut().isEmpty()]
    assert len(keyed) >= 15
    for action in keyed:
        keys = action.shortcut().toString(QKeySequence.SequenceFormat.NativeText)
        assert f"({keys})" in action.toolTip(), action.text()


def test_go_moves_through_the_interview_steps_by_alt_number_and_next(qtbot, window: MainWindow,
                                                                    consented_interview) -> None:
    _store, key = consented_interview
    step_actions = window.menus.step_actions
    assert not any(a.isEnabled() for a in step_actions)  # no interview open yet
    window.open_interview(key)
    workspace = window.workspace
    assert [a.text() for a in step_actions[:len(workspace.steps)]] == [
        STEP_LABELS[s] for s in workspace.steps]
    assert step_actions[2].shortcut() == QKeySequence("Alt+3")
    # QTest's Alt+key does not reach Qt's shortcut map on the offscreen platform (Alt+Left neither);
    # the key's single owner is checked below, the key itself under Xvfb (see the report).
    step_actions[2].trigger()
    assert workspace.navigator.currentRow() == 2
    qtbot.keyClick(window.focusWidget(), Qt.Key.Key_PageDown, Qt.KeyboardModifier.ControlModifier)
    assert workspace.navigator.currentRow() == 3
    window.menus.previous_step.trigger()
    window.menus.previous_step.trigger()
    assert workspace.navigator.currentRow() == 1
    window.menu_actions.families.trigger()
    assert not window.menus.next_step.isEnabled() and not step_actions[0].isEnabled()


def test_no_key_is_bound_twice_on_an_open_interview(window: MainWindow, consented_interview) -> None:
    # Qt fires neither of two shortcuts on one key in one window: each key must have one owner.
    window.open_interview(consented_interview[1])
    window.workspace.page(InterviewStep.NETWORK_MAP).start_map("Child A", "child")
    owners: dict[str, list[str]] = {}
    for action in window.findChildren(QAction):
        if action.isEnabled():
            for keys in action.shortcuts():
                owners.setdefault(keys.toString(), []).append(action.text() or action.toolTip())
    for shortcut in window.findChildren(QShortcut):
        if shortcut.isEnabled():
            owners.setdefault(shortcut.key().toString(), []).append("QShortcut")
    assert {k: v for k, v in owners.items() if len(v) > 1} == {}


def test_the_shortcuts_dialog_lists_what_the_keys_do_here(qtbot, window: MainWindow,
                                                          consented_interview) -> None:
    window.open_interview(consented_interview[1])
    window.workspace.page(InterviewStep.NETWORK_MAP).start_map("Child A", "child")
    dialog = help_dialogs.ShortcutsDialog(window)
    qtbot.addWidget(dialog)
    rows = dialog.shown_rows()
    assert ("File", "Ctrl+Q", "Quit") in rows
    assert ("Study", "Ctrl+L", "Lock") in rows
    assert ("Go", "Alt+3", STEP_LABELS[window.workspace.steps[2]]) in rows
    assert ("Go", "F12", "Pause (hide the screen)") in rows
    assert ("Help", "F1", "User guide") in rows
    assert ("Step: Network map", "Ctrl+Z", "Undo") in rows, [r for r in rows if r[0].startswith("Step")]
    assert ("Step: Network map", "Ins", "Add person…") in rows  # a key-only action, named by its button
    described = {keys for _where, keys, _what in rows}
    every = {a.shortcut().toString() for a in window.actions() if not a.shortcut().isEmpty()}
    assert every <= described


def test_about_names_the_version(qtbot, window: MainWindow, monkeypatch) -> None:
    shown: list[str] = []
    monkeypatch.setattr(QMessageBox, "about", lambda parent, title, text: shown.append(text))
    window.menu_actions.about.trigger()
    assert f"fieldwork {__version__}" in shown[0]


def test_help_opens_the_user_guide_with_its_pictures(qtbot, window: MainWindow) -> None:
    window.menu_actions.user_guide.trigger()
    guide = window.user_guide
    qtbot.waitExposed(guide)
    text = guide.browser.toPlainText()
    assert "fieldwork user guide" in text.splitlines()[0].lower()
    assert "interpreter" in text and "telephone" in text
    images = [name for name in guide.browser.toHtml().split('src="')[1:]]
    assert images, "the guide shows screenshots"
    for image in images:
        assert (help_dialogs.user_guide_path().parent / image.split('"')[0]).is_file()
    window.close()
    assert not guide.isVisible()  # the guide closes with its window


def test_the_shipped_guide_is_docs_user_guide_with_its_screenshots() -> None:
    import re

    source = (ROOT / "docs" / "user-guide.md").read_text(encoding="utf-8")
    assert help_dialogs.user_guide_path().read_text(encoding="utf-8") == source
    pictures = re.findall(r"!\[[^\]]*\]\(([^)]+)\)", source)
    assert len(pictures) >= 6
    for picture in pictures:
        drawn = (ROOT / "docs" / picture).read_bytes()
        assert (help_dialogs.user_guide_path().parent / picture).read_bytes() == drawn, picture


def test_file_open_study_unlocks_another_study_in_a_window_of_its_own(qtbot, window: MainWindow, tmp_path,
                                                                      monkeypatch) -> None:
    from PySide6.QtWidgets import QDialog

    from fieldwork.storage.study_store import StudyStore
    from fieldwork.ui import study_tasks
    from fieldwork.ui.unlock_dialog import UnlockDialog
    from tests.conftest import PASSPHRASE

    other = tmp_path / "other.db"
    StudyStore.create(other, PASSPHRASE, "Other study", "R02").close()
    monkeypatch.setattr(study_tasks, "ask_study_path", lambda window, new: other)

    def unlock(dialog: UnlockDialog) -> int:
        dialog.passphrase.setText(PASSPHRASE)
        dialog.store = StudyStore.open(dialog.path, dialog.passphrase.text())
        return QDialog.DialogCode.Accepted

    monkeypatch.setattr(UnlockDialog, "exec", unlock)
    window.menu_actions.open_study.trigger()
    opened = window.other_studies[0]
    qtbot.addWidget(opened)
    assert opened.store.study().name == "Other study" and opened.isVisible()
    assert window.isVisible() and window.store.study().name == "Test study"
    opened.close()


def test_file_new_study_never_replaces_a_file(qtbot, window: MainWindow, tmp_path, monkeypatch) -> None:
    from fieldwork.ui import study_tasks

    existing = tmp_path / "taken.db"
    existing.write_bytes(b"someone's file")
    said: list[str] = []
    monkeypatch.setattr(study_tasks, "ask_study_path", lambda window, new: existing)
    monkeypatch.setattr(QMessageBox, "information", lambda parent, title, text: said.append(text))
    window.menu_actions.new_study.trigger()
    assert "already exists" in said[0] and window.other_studies == []
    assert existing.read_bytes() == b"someone's file"
