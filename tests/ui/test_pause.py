"""Pause hides everything about the family at once, in every window, until resumed."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtGui import QKeySequence
from PySide6.QtWidgets import (
    QAbstractButton,
    QApplication,
    QLabel,
    QLineEdit,
    QPlainTextEdit,
    QWidget,
)

from fieldwork.storage.study_store import StudyStore
from fieldwork.ui.main_window import MainWindow


def _visible_text() -> str:
    """Every piece of text a person could read on screen now, in every window."""
    texts: list[str] = []
    for window in QApplication.topLevelWidgets():
        if not window.isVisible():
            continue
        texts.append(window.windowTitle())
        for widget in [window, *window.findChildren(QWidget)]:
            if not widget.isVisible():
                continue
            if isinstance(widget, (QLabel, QAbstractButton, QLineEdit)):
                texts.append(widget.text())
            elif isinstance(widget, QPlainTextEdit):
                texts.append(widget.toPlainText())
    return "\n".join(texts)


def test_pause_hides_the_family_and_resume_brings_it_back(qtbot, demo_store: StudyStore) -> None:
    window = MainWindow(demo_store)
    qtbot.addWidget(window)
    window.show()
    family_x = demo_store.family_summaries()[0].family
    first = demo_store.interviews_of(family_x.key)[0]
    window.open_family(family_x.key)
    window.open_interview(first.key)
    other_window = QLabel("Family view: F001 item 3")  # stands for a second-screen family view
    qtbot.addWidget(other_window)
    other_window.show()
    before = _visible_text()
    assert "F001" in before and "Family view" in before

    assert window.menu_actions.pause.shortcut() == QKeySequence("F12")
    window.menu_actions.pause.trigger()
    shown = _visible_text()
    for secret in ("F001", "wave", "Mother", "Family view", family_x.notes[:20], "Borough", "Demo"):
        assert secret not in shown
    assert "Paused" in shown
    assert window.windowTitle() == "fieldwork"
    # No shortcut brings a page back while paused.
    window.menu_actions.back.trigger()
    window.menu_actions.families.trigger()
    assert "F001" not in _visible_text()

    qtbot.mouseClick(window.pause_screen.resume, Qt.MouseButton.LeftButton)
    assert window.windowTitle().startswith("F001 · wave 1")
    assert other_window.isVisible()
    assert window.pages.currentWidget() is window.workspace
