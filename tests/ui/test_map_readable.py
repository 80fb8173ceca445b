"""A readable map on screen: no name over another name or over a sector title, at any
window size; names, prompts and legend at the system font size."""

from __future__ import annotations

import pytest
from PySide6.QtCore import QRectF
from PySide6.QtGui import QFont, QFontInfo
from PySide6.QtWidgets import QApplication

from fieldwork.domain.map_geometry import point_for
from fieldwork.storage.map_store import StoredMap, load_map
from fieldwork.ui.network_map.items import wrapped
from fieldwork.ui.network_map.page import NetworkMapPage
from fieldwork.ui.network_map.scene import R
from fieldwork.ui.save_status import SaveReporter
from tests.domain.crowded_maps import forty_person_map
from tests.ui.map_screens import name_and_title_rects, overlaps

SIZES = [(1100, 700), (720, 470)]  # the map page at 1366×768, and at 1024×600 or 150 %


def open_page(qtbot, store, key, size) -> NetworkMapPage:
    page = NetworkMapPage(store, SaveReporter(store), key)
    qtbot.addWidget(page)
    page.resize(*size)
    page.show()
    qtbot.waitExposed(page)
    QApplication.processEvents()
    return page


def check_readable(page: NetworkMapPage) -> None:
    network = page.document.network
    names = {wrapped(p.label) for p in network.people_on_map()}
    titles = {s.label for s in network.settings.sectors}
    found = name_and_title_rects(page.view, names, titles)
    assert len(found["names"]) == len(network.people_on_map())
    assert len(found["titles"]) == len(network.settings.sectors)
    assert overlaps(found["names"]) == []
    assert overlaps(found["names"], found["titles"]) == []


def demo_maps(store) -> list[str]:
    return [row["interview_key"] for row in store.db["network_maps"].rows]


@pytest.mark.parametrize("size", SIZES)
def test_no_name_covers_another_or_a_sector_title_on_the_demo_maps(qtbot, demo_store, size):
    keys = demo_maps(demo_store)
    assert len(keys) >= 2  # Family X at both waves, at least
    for key in keys:
        check_readable(open_page(qtbot, demo_store, key, size))


@pytest.mark.parametrize("size", SIZES)
def test_no_name_covers_another_on_a_crowded_map(qtbot, consented_interview, size):
    store, key = consented_interview
    stored = StoredMap.start(store, key, "Child Z", "child")
    for person in forty_person_map().people_on_map():
        stored.add_person(person.label, person.relationship, ring=person.ring, sector=person.sector,
                          angle=person.angle)
    page = open_page(qtbot, store, key, size)
    assert len(page.document.network.people_on_map()) == 40
    check_readable(page)


def test_names_stay_apart_after_the_window_is_resized_and_a_person_is_moved(qtbot, demo_store):
    key = demo_maps(demo_store)[0]
    page = open_page(qtbot, demo_store, key, SIZES[0])
    page.resize(*SIZES[1])
    QApplication.processEvents()
    check_readable(page)
    person = page.document.network.people_on_map()[0]
    others = [p for p in page.document.network.people_on_map() if p.key != person.key]
    target = others[0].placement  # right on top of someone else
    page.document.move_person(person.key, target)
    assert load_map(demo_store, key).person(person.key).placement == target
    assert point_for(target, page.document.network.settings)
    check_readable(page)


def test_names_prompts_and_legend_follow_the_system_font(qtbot, demo_store):
    app = QApplication.instance()
    before = QFont(app.font())
    big = QFont(before)
    big.setPointSizeF(15.0)
    app.setFont(big)
    try:
        page = open_page(qtbot, demo_store, demo_maps(demo_store)[0], SIZES[1])
        label = next(iter(page.scene.people.values())).label
        assert label.font().pointSizeF() == pytest.approx(15.0)
        assert QFontInfo(page.key.prompts.font()).pointSizeF() == pytest.approx(15.0, abs=0.6)
        assert "hard to imagine life without them" in page.key.prompts.text()
        # Titles too: at this small size a title may be set smaller to stay off the ring,
        # never below SectorTitle.SMALLEST of the system font; with room, at its size.
        assert all(0.7 * 15.0 - 1e-6 <= t.font().pointSizeF() <= 15.0 for t in page.scene.titles)
        page.resize(1600, 1000)
        QApplication.processEvents()
        assert all(t.font().pointSizeF() == pytest.approx(15.0) for t in page.scene.titles)
    finally:
        app.setFont(before)


def _outside_the_circle(rect, centre_x: float, centre_y: float, radius: float) -> bool:
    nearest_x = min(max(centre_x, rect.left()), rect.right())
    nearest_y = min(max(centre_y, rect.top()), rect.bottom())
    return (nearest_x - centre_x) ** 2 + (nearest_y - centre_y) ** 2 >= (radius - 0.5) ** 2


@pytest.mark.parametrize("size", [*SIZES, (560, 420)])
def test_sector_titles_stay_outside_the_rings_and_on_screen(qtbot, demo_store, size):
    """Seen at 150 % on a 768-pixel screen: 'Professionals' was pushed in over the outer ring,
    onto the social worker's dot, while the view had room beside the circle."""
    page = open_page(qtbot, demo_store, demo_maps(demo_store)[0], size)
    view = page.view
    centre = view.mapFromScene(0.0, 0.0)
    radius = R * view.transform().m11()
    titles = {s.label for s in page.document.network.settings.sectors}
    found = name_and_title_rects(view, set(), titles)["titles"]
    assert len(found) == len(titles)
    shown = QRectF(view.viewport().rect()).adjusted(-1, -1, 1, 1)  # a title's edge falls between pixels
    for rect in found:
        assert _outside_the_circle(rect, centre.x(), centre.y(), radius), (rect, centre, radius)
        assert shown.contains(rect), (rect, shown)
