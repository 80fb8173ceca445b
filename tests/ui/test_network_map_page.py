"""The network map page with a mouse: every gesture lands in the database, and undo too."""

from __future__ import annotations

from pathlib import Path

import pytest
from PySide6.QtCore import QPoint, QPointF, Qt
from PySide6.QtGui import QMouseEvent
from PySide6.QtWidgets import QApplication

from fieldwork.domain.map_geometry import Placement, point_for, to_scene
from fieldwork.storage.consent_store import ConsentRequired
from fieldwork.storage.map_store import StoredMap, has_map
from fieldwork.ui.network_map.page import NetworkMapPage
from fieldwork.ui.network_map.style import OUTER_RADIUS
from fieldwork.ui.save_status import SaveReporter
from tests.conftest import give_consent


def scene_point(page: NetworkMapPage, ring: int, angle: float) -> QPointF:
    settings = page.document.network.settings
    sector = settings.sector_at(angle)
    return QPointF(*to_scene(*point_for(Placement(ring, sector, angle), settings), (0.0, 0.0), OUTER_RADIUS))


def on_screen(page: NetworkMapPage, point: QPointF) -> QPoint:
    return page.view.mapFromScene(point)


def mouse(page: NetworkMapPage, kind: QMouseEvent.Type, at: QPoint,
          buttons: Qt.MouseButton = Qt.MouseButton.LeftButton,
          modifiers: Qt.KeyboardModifier = Qt.KeyboardModifier.NoModifier) -> None:
    viewport = page.view.viewport()
    button = Qt.MouseButton.NoButton if kind == QMouseEvent.Type.MouseMove else Qt.MouseButton.LeftButton
    event = QMouseEvent(kind, QPointF(at), QPointF(viewport.mapToGlobal(at)), button, buttons, modifiers)
    QApplication.sendEvent(viewport, event)


def drag(page: NetworkMapPage, start: QPointF, end: QPointF, steps: int = 10,
         modifiers: Qt.KeyboardModifier = Qt.KeyboardModifier.NoModifier) -> None:
    a, b = on_screen(page, start), on_screen(page, end)
    mouse(page, QMouseEvent.Type.MouseButtonPress, a, modifiers=modifiers)
    for n in range(1, steps + 1):
        at = QPoint(a.x() + (b.x() - a.x()) * n // steps, a.y() + (b.y() - a.y()) * n // steps)
        mouse(page, QMouseEvent.Type.MouseMove, at, modifiers=modifiers)
    mouse(page, QMouseEvent.Type.MouseButtonRelease, b, buttons=Qt.MouseButton.NoButton, modifiers=modifiers)


def stored_row(page: NetworkMapPage, key: str) -> dict:
    return page.store.db["map_people"].get((page.interview_key, key))


def make_page(qtbot, store, key) -> NetworkMapPage:
    reporter = SaveReporter(store)
    page = NetworkMapPage(store, reporter, key)
    qtbot.addWidget(page)
    page.resize(1200, 760)
    page.show()
    qtbot.waitExposed(page)
    return page


@pytest.fixture
def page(qtbot, consented_interview) -> NetworkMapPage:
    store, key = consented_interview
    page = make_page(qtbot, store, key)
    assert page.start_map("Child A", "child")
    return page


def add(page: NetworkMapPage, label: str, ring: int, angle: float, relationship: str = "friend") -> str:
    settings = page.document.network.settings
    person = page.document.add_person(label, relationship, ring=ring,
                                      sector=settings.sector_at(angle), angle=angle)
    assert person is not None
    return person.key


def test_a_click_adds_a_person_in_the_ring_clicked(page, qtbot, monkeypatch):
    asked = []

    def answer(placement):
        asked.append(placement)
        return {"label": "Nan", "relationship": "grandparent"}, placement
    monkeypatch.setattr(page, "ask_new_person", answer)
    qtbot.mouseClick(page.view.viewport(), Qt.MouseButton.LeftButton,
                     pos=on_screen(page, scene_point(page, 2, 100)))
    assert asked and asked[0].ring == 2 and asked[0].sector == "family_household"
    rows = list(page.store.db["map_people"].rows)
    assert [(r["label"], r["ring"], r["sector"]) for r in rows] == [("Nan", 2, "family_household")]
    assert abs(rows[0]["angle"] - 100) < 2
    assert rows[0]["person_key"] in page.scene.people


@pytest.mark.parametrize("size", [(700, 500), (1600, 1000)])
def test_the_ring_clicked_does_not_depend_on_the_window_size(qtbot, consented_interview, monkeypatch, size):
    page = make_page(qtbot, *consented_interview)
    page.start_map("Ana")
    page.resize(*size)
    qtbot.waitUntil(lambda: page.view.viewport().width() > 0)
    page.view.fit()
    monkeypatch.setattr(page, "ask_new_person", lambda p: ({"label": "X", "relationship": "friend"}, p))
    qtbot.mouseClick(page.view.viewport(), Qt.MouseButton.LeftButton,
                     pos=on_screen(page, scene_point(page, 3, 200)))
    (row,) = page.store.db["map_people"].rows
    assert (row["ring"], row["sector"]) == (3, "friends_neighbours")


def test_the_keyboard_adds_a_person_too(page, qtbot, monkeypatch):
    asked = []
    monkeypatch.setattr(page, "ask_new_person",
                        lambda p: asked.append(p) or ({"label": "Ms B", "relationship": "social_worker"},
                                                      Placement(2, "professionals", 0.0)))
    page.view.setFocus()
    qtbot.keyClick(page.view, Qt.Key.Key_Insert)
    assert asked == [None]
    (row,) = page.store.db["map_people"].rows
    assert (row["label"], row["ring"], row["sector"]) == ("Ms B", 2, "professionals")


def test_a_drag_to_another_ring_is_stored_and_undo_puts_it_back(page, qtbot):
    key = add(page, "Gran", 1, 90, "grandparent")
    assert page.document.undo_stack.count() == 1
    drag(page, scene_point(page, 1, 90), scene_point(page, 3, 95), steps=20)
    assert (stored_row(page, key)["ring"], stored_row(page, key)["sector"]) == (3, "family_household")
    assert page.document.undo_stack.count() == 2  # one drag, one undo step
    page.view.setFocus()
    qtbot.keyClick(page.view, Qt.Key.Key_Z, Qt.KeyboardModifier.ControlModifier)
    assert stored_row(page, key)["ring"] == 1
    assert page.scene.people[key].pos() == scene_point(page, 1, 90)
    qtbot.keyClick(page.view, Qt.Key.Key_Z,
                   Qt.KeyboardModifier.ControlModifier | Qt.KeyboardModifier.ShiftModifier)
    assert stored_row(page, key)["ring"] == 3


def test_a_press_and_release_without_moving_records_nothing(page):
    key = add(page, "Gran", 1, 90, "grandparent")
    drag(page, scene_point(page, 1, 90), scene_point(page, 1, 90), steps=1)
    assert page.document.undo_stack.count() == 1 and stored_row(page, key)["ring"] == 1


def test_undo_and_redo_of_adding_a_person_write_to_the_database(page):
    key = add(page, "Gran", 1, 90, "grandparent")
    page.undo_action.trigger()
    assert page.store.db["map_people"].count == 0 and key not in page.scene.people
    page.redo_action.trigger()
    assert stored_row(page, key)["label"] == "Gran" and key in page.scene.people


def test_a_tie_drawn_between_two_people_is_stored(page):
    a = add(page, "Gran", 1, 90, "grandparent")
    b = add(page, "Dad", 2, 60, "father")
    page.tie_button.setChecked(True)
    page.tie_kind.setCurrentIndex(page.tie_kind.findData("difficult"))
    drag(page, scene_point(page, 1, 90), scene_point(page, 2, 60))
    (row,) = page.store.db["map_ties"].rows
    assert {row["person_a"], row["person_b"]} == {a, b} and row["closeness"] == "difficult"
    assert stored_row(page, a)["ring"] == 1  # drawing a tie does not move anyone
    page.undo_action.trigger()
    assert page.store.db["map_ties"].count == 0


def test_shift_drag_draws_a_tie_without_tie_mode(page):
    add(page, "A", 1, 180)
    add(page, "B", 2, 200)
    drag(page, scene_point(page, 1, 180), scene_point(page, 2, 200),
         modifiers=Qt.KeyboardModifier.ShiftModifier)
    assert page.store.db["map_ties"].count == 1


def test_the_off_the_map_tray_stores_the_reason(page, monkeypatch):
    key = add(page, "Dad", 2, 60, "father")
    page.scene.people[key].setSelected(True)
    monkeypatch.setattr(page, "ask_off_map", lambda name, ask_name: ("", "", "excluded", "nowhere"))
    page.tray.keep_off.click()
    row = stored_row(page, key)
    assert (row["off_map_reason"], row["off_map_note"], row["ring"]) == ("excluded", "nowhere", None)
    assert key not in page.scene.people and page.tray.list.count() == 1
    monkeypatch.setattr(page, "ask_off_map",
                        lambda name, ask_name: ("Grandad", "grandparent", "deceased", ""))
    page.tray.name_off.click()
    reasons = {r["label"]: r["off_map_reason"] for r in page.store.db["map_people"].rows}
    assert reasons == {"Dad": "excluded", "Grandad": "deceased"}
    page.tray.list.setCurrentRow(0)
    page.tray.put_back.click()
    assert stored_row(page, key)["off_map_reason"] is None and key in page.scene.people


def test_remove_takes_the_ties_and_undo_brings_all_back(page):
    a = add(page, "A", 1, 180)
    b = add(page, "B", 2, 200)
    page.document.add_tie(a, b, "loose")
    page.scene.people[a].setSelected(True)
    page.remove_selected()
    assert page.store.db["map_ties"].count == 0 and page.store.db["map_people"].count == 1
    page.undo_action.trigger()
    assert page.store.db["map_ties"].count == 1 and a in page.scene.people


def test_refused_consent_blocks_writing(qtbot, store):
    family = store.add_family()
    interview = store.add_interview(family.key)
    give_consent(store, interview.key, refuse=("network_map",))
    page = make_page(qtbot, store, interview.key)
    assert not page.start_button.isEnabled() and "network map" in page.consent_note.text()
    problems = []
    page.reporter.problem.connect(problems.append)
    assert not page.start_map("Ana")
    assert problems and "network map" in problems[0]
    assert not has_map(store, interview.key) and page.document is None


def test_consent_given_after_the_page_was_built_lets_the_map_start(qtbot, store):
    family = store.add_family()
    interview = store.add_interview(family.key)
    page = make_page(qtbot, store, interview.key)
    assert not page.start_button.isEnabled()
    give_consent(store, interview.key)
    page.hide()
    page.show()
    assert page.start_button.isEnabled() and not page.consent_note.isVisible()
    page.centre_label.setText("Ana")
    page.start_button.click()
    assert has_map(store, interview.key) and page.document is not None


def test_consent_withdrawn_mid_map_blocks_the_next_gesture(page, monkeypatch):
    key = add(page, "Gran", 1, 90, "grandparent")
    import fieldwork.storage.map_store as map_store

    def refuse(*_args: object) -> None:
        raise ConsentRequired("Not recorded: consent was withdrawn (network map).")
    monkeypatch.setattr(map_store, "require_consent", refuse)
    problems = []
    page.reporter.problem.connect(problems.append)
    drag(page, scene_point(page, 1, 90), scene_point(page, 3, 90))
    assert stored_row(page, key)["ring"] == 1 and problems
    assert page.scene.people[key].pos() == scene_point(page, 1, 90)  # snapped back
    assert page.document.undo_stack.count() == 1


def test_rating_and_metrics_panel(page):
    add(page, "Gran", 1, 90, "grandparent")
    assert "1</b> named" in page.metrics.numbers.text()
    page.metrics.rating.setCurrentIndex(page.metrics.rating.findData("low"))
    page.metrics.rating.activated.emit(page.metrics.rating.currentIndex())
    assert page.document.judgements().support_level == "low"


def test_wave_2_starts_from_wave_1_and_lists_the_changes(qtbot, consented_interview):
    store, first = consented_interview
    from fieldwork.demo.network_maps import KEYS, family_x_wave_1
    StoredMap.save_new(store, first, family_x_wave_1())
    second = store.add_interview(store.interview(first).family_key).key
    give_consent(store, second)
    page = make_page(qtbot, store, second)
    assert page.carry_button.isVisibleTo(page)
    assert page.carry_forward()
    assert page.changes.isVisibleTo(page) and page.changes.lines() == ["No change yet"]
    page.document.remove_person(KEYS["social_worker"])
    assert "Gone from the map: Social worker" in page.changes.lines()
    assert page.scene._ghosts  # the social worker's old place, shown faintly
    page.changes.summary.setCurrentIndex(page.changes.summary.findData("major_change"))
    page.changes.confirm.click()
    j = page.document.judgements()
    assert (j.change_summary, j.proposed_change_summary) == ("major_change", "some_change")


def _texts(page: NetworkMapPage) -> str:
    from PySide6.QtWidgets import QGraphicsTextItem
    return " ".join(i.toPlainText() for i in page.scene.items() if isinstance(i, QGraphicsTextItem))


def test_family_mode_shows_large_names_and_the_prompts_only(page):
    add(page, "Gran", 1, 90, "grandparent")
    before = page.scene.people[page.document.network.people()[0].key].label.font().pointSizeF()
    page.show_to_family()
    window = page.family_window
    assert window is not None and window.isVisible() and page.scene.family_mode
    assert "hard to imagine life without them" in window.prompts.text()
    assert page.scene.people[page.document.network.people()[0].key].label.font().pointSizeF() >= 1.5 * before
    assert page.family_button.text().replace("&", "") == "Hide from family"
    page.show_to_family()  # the same button hides it again
    assert page.family_window is None and not page.scene.family_mode
    assert page.family_button.text().replace("&", "") == "Show to family"


def test_save_map_picture_writes_png_and_pdf(page, tmp_path: Path, monkeypatch):
    add(page, "Gran", 1, 90, "grandparent")
    folder = tmp_path / "pictures"
    folder.mkdir()
    monkeypatch.setattr(page.pictures, "ask_path", lambda suggested: folder / "family.png")
    page.save_picture_as(use_codes=True)
    written = sorted(folder.iterdir())
    assert [p.name for p in written] == ["family.pdf", "family.png"]
    assert all(p.stat().st_size > 1000 for p in written)


def test_a_ties_closeness_can_be_changed_and_undone(page):
    a = add(page, "A", 1, 180)
    b = add(page, "B", 2, 200)
    page.document.add_tie(a, b, "loose")
    assert page.document.change_tie(a, b, "difficult")
    assert page.store.db["map_ties"].get((page.interview_key, *sorted((a, b))))["closeness"] == "difficult"
    page.undo_action.trigger()
    assert page.store.db["map_ties"].get((page.interview_key, *sorted((a, b))))["closeness"] == "loose"


def test_context_menu_actions_on_a_person(page, monkeypatch):
    key = add(page, "Dad", 2, 60, "father")
    monkeypatch.setattr(page, "ask_off_map", lambda name, ask_name: ("", "", "no_contact", ""))
    page.scene.person_action.emit(key, "off_map")
    assert stored_row(page, key)["off_map_reason"] == "no_contact"
    page.undo_action.trigger()
    page.scene.person_action.emit(key, "remove")
    assert page.store.db["map_people"].count == 0
