"""What walking a visit under Xvfb showed on the map: the rings and sector wedges vanished
under the mouse (after ten people were added by clicking, the wedges and the outer rings
were gone), and the map in numbers lost its last line beside a small map."""

from __future__ import annotations

import gc

from PySide6.QtWidgets import QGraphicsEllipseItem, QGraphicsPathItem

from tests.ui.test_map_step import page  # noqa: F401  (the fixture)
from tests.ui.test_network_map_page import add


def _backdrop(page) -> tuple[int, int]:  # noqa: F811
    items = page.scene.items()
    wedges = [i for i in items if isinstance(i, QGraphicsPathItem) and i.zValue() <= -100 and i.isVisible()]
    rings = [i for i in items if isinstance(i, QGraphicsEllipseItem) and i.zValue() <= -100 and i.isVisible()]
    return len(wedges), len(rings)


def test_wedges_and_rings_survive_many_additions_and_garbage_collection(page, qtbot):  # noqa: F811
    settings = page.document.network.settings
    before = _backdrop(page)
    assert before == (len(settings.sector_codes), settings.rings + 1)  # rings and the centre disc
    for n in range(10):
        add(page, f"Person {n}", 1 + n % 3, 20 + n * 33, "friend")
        gc.collect()
    assert _backdrop(page) == before


def test_wedges_and_rings_survive_clicks_on_empty_places(page, qtbot, monkeypatch):  # noqa: F811
    from PySide6.QtCore import Qt

    from tests.ui.test_network_map_page import on_screen, scene_point

    page.resize(900, 700)
    monkeypatch.setattr(page, "ask_new_person", lambda placement: None)  # the researcher cancels
    before = _backdrop(page)
    for ring, angle in ((1, 200), (2, 150), (3, 300), (2, 45)):
        qtbot.mouseClick(page.view.viewport(), Qt.MouseButton.LeftButton,
                         pos=on_screen(page, scene_point(page, ring, angle)))
        gc.collect()
    assert _backdrop(page) == before


def test_wedges_and_rings_survive_dragging_a_person(page, qtbot):  # noqa: F811
    from tests.ui.test_network_map_page import drag, scene_point

    page.resize(900, 700)
    add(page, "Nan", 2, 100, "grandparent")
    before = _backdrop(page)
    drag(page, scene_point(page, 2, 100), scene_point(page, 3, 120))
    gc.collect()
    assert _backdrop(page) == before
    assert {r["ring"] for r in page.store.db["map_people"].rows} == {3}  # the drop was saved


def test_the_map_in_numbers_shows_every_line_beside_a_small_map(page, qtbot):  # noqa: F811
    """Seen at 1366x768: the suggestion's last word ("information") was cut off."""
    page.resize(900, 470)
    page.show()
    for n in range(11):
        add(page, f"Person with a longer name {n}", 1 + n % 3, 20 + n * 33, "friend")
    qtbot.wait(50)
    numbers = page.metrics.numbers
    assert "information" in numbers.text()
    assert numbers.height() >= numbers.heightForWidth(numbers.width())


def test_the_map_step_fits_without_scrolling_on_small_screens(qtbot, demo_store) -> None:
    """At 1024x600 and on a 768-pixel screen at 150 % (903x472 logical) the map step scrolled
    and cut the bottom sector off, though the map can scale down to the room there is."""
    from PySide6.QtWidgets import QScrollArea

    from fieldwork.domain.interview_steps import InterviewStep
    from fieldwork.ui.interview.workspace import InterviewWorkspace
    from fieldwork.ui.save_status import SaveReporter

    key = next(i.key for s in demo_store.family_summaries() if s.family.code == "F001"
               for i in demo_store.interviews_of(s.family.key) if i.wave == 1)
    # The room the window leaves the workspace (measured under Xvfb): 1024x600, and 1366x768
    # at 150 %.
    for width, height in ((1000, 440), (890, 411)):
        workspace = InterviewWorkspace(demo_store, SaveReporter(demo_store), key)
        qtbot.addWidget(workspace)
        workspace.resize(width, height)
        workspace.show()
        workspace.navigator.setCurrentRow(workspace.steps.index(InterviewStep.NETWORK_MAP))
        map_page = workspace.page(InterviewStep.NETWORK_MAP)
        scroller = next(a for a in workspace.findChildren(QScrollArea) if a.isAncestorOf(map_page)
                        and a.widget().isAncestorOf(map_page))
        qtbot.waitUntil(lambda s=scroller: s.viewport().height() > 0)
        assert scroller.verticalScrollBar().maximum() == 0, (width, height, map_page.height())
        view_bottom = map_page.view.mapTo(scroller.viewport(), map_page.view.rect().bottomLeft()).y()
        assert view_bottom <= scroller.viewport().height()
        workspace.close()
