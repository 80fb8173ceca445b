"""The main window fits a small laptop's screen: 1024×600, 1366×768, and 1366×768 at 150 %.

The offscreen platform has one 800×800 screen; the screen's available area is what
``window_geometry.available_area`` answers, so the tests give it each laptop's area (at
150 % scaling Qt lays out in logical pixels: 1366×768 is 911×512). On every step of every
demo interview, and before and after 20 map edits, the window, the Saved line, Pause and
Lock must lie inside that area, in sight.
"""

from __future__ import annotations

import pytest
from PySide6.QtCore import QPoint, QRect, Qt
from PySide6.QtWidgets import QApplication, QWidget

from fieldwork.domain.interview_steps import InterviewStep
from fieldwork.domain.map_geometry import Placement
from fieldwork.storage.study_store import StudyStore
from fieldwork.ui import app_settings, window_geometry
from fieldwork.ui.main_window import MainWindow

SCREENS = {"1024x600": QRect(0, 0, 1024, 600), "1366x768": QRect(0, 0, 1366, 768),
           "1366x768 at 150%": QRect(0, 0, 911, 512)}


@pytest.fixture(params=list(SCREENS), ids=list(SCREENS))
def screen(request, monkeypatch) -> QRect:
    area = SCREENS[request.param]
    monkeypatch.setattr(window_geometry, "available_area", lambda window, point=None: area)
    return area


def _global_rect(widget: QWidget) -> QRect:
    return QRect(widget.mapToGlobal(QPoint(0, 0)), widget.size())


def out_of_sight(window: MainWindow, area: QRect) -> list[str]:
    """What of the window, the Saved line, Pause and Lock is not fully inside ``area``."""
    QApplication.processEvents()
    problems = []
    if not area.contains(window.frameGeometry()):
        problems.append(f"window {window.frameGeometry().getRect()}")
    watched = {"Saved": window.save_status, "Pause": window.menu_actions.pause_button,
               "Lock": window.menu_actions.lock_button}
    for name, widget in watched.items():
        inside_window = QRect(widget.mapTo(window, QPoint(0, 0)), widget.size())
        if not widget.isVisible() or not window.rect().contains(inside_window):
            problems.append(f"{name} hidden or cut off by the window")
        elif not area.contains(_global_rect(widget)):
            problems.append(f"{name} at {_global_rect(widget).getRect()}")
    return problems


def open_window(qtbot, store: StudyStore, demo: bool = True) -> MainWindow:
    window = MainWindow(store, demo=demo)
    qtbot.addWidget(window)
    window.show()
    qtbot.waitExposed(window)
    return window


def test_every_step_of_every_demo_interview_fits_the_screen(qtbot, demo_store, screen) -> None:
    window = open_window(qtbot, demo_store)
    assert out_of_sight(window, screen) == []
    seen = 0
    for summary in demo_store.family_summaries():
        window.open_family(summary.family.key)
        assert out_of_sight(window, screen) == [], summary.family.code
        for interview in demo_store.interviews_of(summary.family.key):
            window.open_interview(interview.key)
            workspace = window.workspace
            for row, step in enumerate(workspace.steps):
                workspace.navigator.setCurrentRow(row)
                where = f"{summary.family.code} wave {interview.wave} {step.value}"
                assert out_of_sight(window, screen) == [], where
                seen += 1
    assert seen >= 6 * 10  # every step of the demo's interviews was looked at


def test_twenty_map_edits_with_long_names_do_not_grow_the_window(qtbot, consented_interview, screen) -> None:
    store, key = consented_interview
    window = open_window(qtbot, store, demo=False)
    window.open_interview(key)
    workspace = window.workspace
    workspace.navigator.setCurrentRow(workspace.steps.index(InterviewStep.NETWORK_MAP))
    page = workspace.page(InterviewStep.NETWORK_MAP)
    assert page.start_map("Child A", "child")
    QApplication.processEvents()
    before = window.frameGeometry()
    assert out_of_sight(window, screen) == []
    document, settings = page.document, page.document.network.settings
    people = []
    for n in range(10):
        angle = 18.0 + 36 * n
        person = document.add_person(f"Aunt Marta {n} (friend of the family, lives upstairs)", "friend",
                                     ring=3, sector=settings.sector_at(angle), angle=angle)
        assert person is not None
        people.append((person.key, angle))
    for key_, angle in people:
        assert document.move_person(key_, Placement(1, settings.sector_at(angle), angle))
    assert document.undo_stack.count() >= 20
    assert "Aunt Marta" in document.undo_stack.undoText()  # the long text the Undo button shows
    assert out_of_sight(window, screen) == []
    assert window.frameGeometry() == before


def test_the_window_opens_inside_the_screen_and_remembers_its_size(qtbot, demo_store, screen) -> None:
    first = open_window(qtbot, demo_store)
    assert screen.contains(first.frameGeometry())
    first.setGeometry(QRect(20, 30, 700, 450))
    window_geometry.remember_on_close(first)
    try:
        second = open_window(qtbot, demo_store)
        assert second.geometry().size().toTuple() == (700, 450)
        # A remembered place larger than today's screen (docked yesterday) is fitted to it.
        app_settings.remember_window_geometry(1500, 900, 2400, 1400, False)
        third = open_window(qtbot, demo_store)
        assert screen.contains(third.frameGeometry())
    finally:
        app_settings.forget_window_geometry()


def test_fit_inside_shrinks_and_moves_a_rectangle_into_the_area() -> None:
    area = QRect(0, 24, 1024, 576)
    assert window_geometry.fit_inside(QRect(900, 500, 400, 300), area) == QRect(624, 300, 400, 300)
    assert window_geometry.fit_inside(QRect(-50, 0, 2000, 2000), area) == area
    assert window_geometry.fit_inside(QRect(10, 30, 300, 200), area) == QRect(10, 30, 300, 200)


def test_the_demo_banner_wraps_and_names_the_lock_passphrase(qtbot, tmp_path) -> None:
    from fieldwork.demo import DEMO_PASSPHRASE, write_demo_study

    # The demo as main.py --demo writes it: the passphrase shown is the one that unlocks.
    demo = write_demo_study(tmp_path / "demo.db", DEMO_PASSPHRASE)
    window = open_window(qtbot, demo)
    banner = window.findChild(QWidget, "demoBanner")
    assert DEMO_PASSPHRASE in banner.text() and banner.wordWrap()
    window.open_interview(demo.interviews_of(demo.family_summaries()[0].family.key)[0].key)
    window.lock()
    assert banner.isVisible()  # on the lock screen too: that is where it is needed
    # The lock screen never scrolls with a wide page behind it: it is as wide as the window.
    assert not window.scroll.isAncestorOf(window.lock_screen)
    assert window.lock_screen.width() <= window.width()
    window.lock_screen.passphrase.setText(DEMO_PASSPHRASE)
    window.lock_screen.try_unlock()
    assert window.screens.currentWidget() is window.scroll and window.scroll.widget() is window.pages
    window.close()
    demo.close()


def test_a_real_study_shows_no_demo_banner(qtbot, store) -> None:
    window = open_window(qtbot, store, demo=False)
    assert window.findChild(QWidget, "demoBanner") is None


def test_a_window_left_maximised_opens_maximised(qtbot, demo_store) -> None:
    app_settings.remember_window_geometry(10, 10, 800, 500, True)
    try:
        window = MainWindow(demo_store, demo=True)
        qtbot.addWidget(window)
        assert window.windowState() & Qt.WindowState.WindowMaximized
    finally:
        app_settings.forget_window_geometry()
