"""Run in a child process on Qt's offscreen platform with two screens (the laptop and a
projector or second monitor): open the SCORE-15 family view and the map's family window,
and print where each went, whether it fills that screen, and what closes it, as JSON."""

from __future__ import annotations

import json
import sys
import tempfile
from pathlib import Path

from PySide6.QtCore import Qt
from PySide6.QtGui import QGuiApplication
from PySide6.QtTest import QTest
from PySide6.QtWidgets import QApplication


def main() -> None:
    app = QApplication(sys.argv[:1])
    from fieldwork.storage.study_store import StudyStore
    from fieldwork.ui.network_map.page import NetworkMapPage
    from fieldwork.ui.questionnaire.page import Score15Page
    from fieldwork.ui.save_status import SaveReporter
    from tests.conftest import PASSPHRASE, give_consent

    folder = Path(tempfile.mkdtemp(prefix="fieldwork-two-screens-"))
    store = StudyStore.create(folder / "study.db", PASSPHRASE, "Two screens", "R01 Test Researcher")
    store.add_site("Borough A")
    family = store.add_family(site="Borough A", notes="case note: never on a family screen")
    interview = store.add_interview(family.key)
    store.change_status(interview.key, "in_progress")
    give_consent(store, interview.key)
    laptop = QGuiApplication.screens()[0]
    found: dict[str, object] = {"screens": [s.name() for s in QGuiApplication.screens()]}

    questions = Score15Page(store, SaveReporter(store), interview.key)
    questions.setScreen(laptop)
    questions.resize(1100, 700)
    questions.show()
    view = questions.show_family_view()
    QTest.qWait(50)
    found["score15"] = {"screen": view.screen().name(), "full_screen": view.isFullScreen(),
                        "size": [view.width(), view.height()]}
    QTest.keyClick(view, Qt.Key.Key_Escape)
    QTest.qWait(50)
    found["score15"]["closed_by_escape"] = not view.isVisible()  # type: ignore[index]

    map_page = NetworkMapPage(store, SaveReporter(store), interview.key)
    map_page.setScreen(laptop)
    map_page.resize(1100, 700)
    map_page.show()
    assert map_page.start_map("Mum")
    map_page.show_to_family()
    window = map_page.family_window
    QTest.qWait(50)
    found["map"] = {"screen": window.screen().name(), "full_screen": window.isFullScreen(),
                    "size": [window.width(), window.height()]}
    QTest.keyClick(window, Qt.Key.Key_Escape)
    QTest.qWait(50)
    found["map"]["closed_by_escape"] = not window.isVisible()  # type: ignore[index]
    print(json.dumps(found))
    store.close()
    app.quit()


if __name__ == "__main__":
    main()
