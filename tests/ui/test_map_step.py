"""The map as a step of the visit: what it tells the workspace, a finished interview that
cannot change, Undo that stays short, the keyboard list, the family's window, the off-map
dialog and pictures that leave the study."""

from __future__ import annotations

from pathlib import Path

import pytest
from PySide6.QtCore import QPointF, Qt
from PySide6.QtGui import QMouseEvent
from PySide6.QtWidgets import QAbstractButton, QApplication, QComboBox, QGraphicsItem, QLabel, QWidget

from fieldwork.domain.interview_steps import InterviewStep
from fieldwork.domain.map_geometry import Placement
from fieldwork.storage.map_store import load_map
from fieldwork.ui.network_map.dialogs import OffMapDialog
from fieldwork.ui.network_map.page import NetworkMapPage
from fieldwork.ui.save_status import SaveReporter
from tests.ui.map_screens import text_of
from tests.ui.test_network_map_page import add, make_page, scene_point

LONG = "Aunt Marta (friend of family, lives upstairs)"


@pytest.fixture
def page(qtbot, consented_interview) -> NetworkMapPage:
    store, key = consented_interview
    page = make_page(qtbot, store, key)
    assert page.start_map("Child A", "child")
    return page


def database(page: NetworkMapPage) -> list:
    db = page.store.db
    return [sorted(map(str, db[t].rows)) for t in ("network_maps", "map_people", "map_ties")]


def test_undo_keeps_its_short_name_and_the_page_does_not_widen(page, qtbot):
    widest = page.minimumSizeHint().width()
    for n in range(20):
        key = add(page, f"{LONG} {n}", 1, 60 + n * 3, "other_relative")
        page.document.move_person(key, Placement(2, "family_household", 61 + n * 3))
    assert page.undo_action.text() == "Undo" and page.redo_action.text() == "Redo"
    assert LONG in page.undo_action.toolTip() and "ring 2" in page.undo_action.toolTip()
    assert page.minimumSizeHint().width() <= widest
    page.undo_action.trigger()
    assert page.undo_action.text() == "Undo" and page.redo_action.isEnabled()


def test_people_coming_and_going_tell_the_other_steps(page, qtbot):
    with qtbot.waitSignal(page.interview_changed):
        key = add(page, "Gran", 1, 90, "grandparent")
    with qtbot.assertNotEmitted(page.interview_changed):
        page.document.move_person(key, Placement(2, "family_household", 95))
    with qtbot.waitSignal(page.interview_changed):
        page.document.update_person(key, label="Nan")
    with qtbot.waitSignal(page.interview_changed):
        page.document.remove_person(key)


def test_work_is_done_once_people_are_placed_and_the_support_rated(qtbot, consented_interview):
    store, key = consented_interview
    page = make_page(qtbot, store, key)
    assert page.work_done() is False
    assert page.start_map("Child A", "child")
    assert page.work_done() is False
    page.document.add_person("Ex", "ex_partner", off_map_reason="excluded")
    assert page.work_done() is False  # named, but kept off the map
    add(page, "Gran", 1, 90, "grandparent")
    assert page.work_done() is False  # one person placed is a map begun, not finished
    rating = page.metrics.rating
    rating.setCurrentIndex(rating.findData("strong"))
    with qtbot.waitSignal(page.interview_changed):  # the step list follows at once
        rating.activated.emit(rating.currentIndex())
    assert page.work_done() is True


def test_a_finished_interviews_map_cannot_be_changed_by_keys_or_drags(page, qtbot, monkeypatch):
    a = add(page, "Gran", 1, 90, "grandparent")
    add(page, "Friend", 2, 180, "friend")
    page.set_read_only(True)
    before = database(page)
    asked = []
    monkeypatch.setattr(page, "ask_new_person", lambda placement: asked.append(placement))
    for button in (page.tie_button, page.toolbar.add_button, page.toolbar.remove_button):
        assert not button.isEnabled()
    assert not page.undo_action.isEnabled()
    page.scene.people[a].setSelected(True)
    page.view.setFocus()
    for keys in (Qt.Key.Key_Insert, Qt.Key.Key_Delete, Qt.Key.Key_Return):
        qtbot.keyClick(page.view, keys)
    qtbot.keyClick(page.view, Qt.Key.Key_Z, Qt.KeyboardModifier.ControlModifier)
    page.people_list.list.setFocus()
    page.people_list.list.setCurrentRow(0)
    for key in (Qt.Key.Key_Up, Qt.Key.Key_Down, Qt.Key.Key_Left, Qt.Key.Key_Right, Qt.Key.Key_T):
        qtbot.keyClick(page.people_list.list, key, Qt.KeyboardModifier.ControlModifier)
    # A drag from one ring to another, and a click on an empty spot.
    viewport = page.view.viewport()
    start = page.view.mapFromScene(page.scene.people[a].pos())
    end = page.view.mapFromScene(scene_point(page, 3, 100))
    for kind, at, buttons in ((QMouseEvent.Type.MouseButtonPress, start, Qt.MouseButton.LeftButton),
                              (QMouseEvent.Type.MouseMove, end, Qt.MouseButton.LeftButton),
                              (QMouseEvent.Type.MouseButtonRelease, end, Qt.MouseButton.NoButton)):
        button = Qt.MouseButton.NoButton if kind == QMouseEvent.Type.MouseMove else Qt.MouseButton.LeftButton
        QApplication.sendEvent(viewport, QMouseEvent(kind, QPointF(at), QPointF(viewport.mapToGlobal(at)),
                                                     button, buttons, Qt.KeyboardModifier.NoModifier))
    empty = page.view.mapFromScene(scene_point(page, 2, 300))
    qtbot.mouseClick(viewport, Qt.MouseButton.LeftButton, pos=empty)
    assert asked == []
    assert database(page) == before
    assert not page.scene.people[a].flags() & QGraphicsItem.GraphicsItemFlag.ItemIsMovable


def test_the_people_list_moves_and_ties_by_keyboard_alone(page, qtbot, monkeypatch):
    gran = add(page, "Gran", 1, 90, "grandparent")
    friend = add(page, "Friend", 2, 180, "friend")
    people = page.people_list.list
    spoken = [people.item(r).data(Qt.ItemDataRole.AccessibleTextRole) for r in range(people.count())]
    assert any(s.startswith("Gran, ring 1 of 3, Family and household") for s in spoken)
    assert people.accessibleName() == "People on the map"
    people.setFocus()
    qtbot.keyClick(people, Qt.Key.Key_Home)
    assert page.people_list.current_key() == gran  # ring 1 first
    assert page.scene.people[gran].isSelected()  # the map follows the list
    qtbot.keyClick(people, Qt.Key.Key_Down, Qt.KeyboardModifier.ControlModifier)
    assert load_map(page.store, page.interview_key).person(gran).ring == 2
    qtbot.keyClick(people, Qt.Key.Key_Right, Qt.KeyboardModifier.ControlModifier)
    moved = load_map(page.store, page.interview_key).person(gran)
    assert moved.sector == "friends_neighbours" and moved.ring == 2
    monkeypatch.setattr(page, "ask_tie", lambda person, others: (friend, "very_close"))
    qtbot.keyClick(people, Qt.Key.Key_T, Qt.KeyboardModifier.ControlModifier)
    assert load_map(page.store, page.interview_key).tie(gran, friend).closeness == "very_close"
    page.undo_action.trigger()
    assert not load_map(page.store, page.interview_key).ties()


def test_keep_selected_off_names_the_person_and_has_no_stray_box(qtbot):
    dialog = OffMapDialog(LONG)
    qtbot.addWidget(dialog)
    dialog.show()
    assert LONG in dialog.windowTitle()
    assert any(LONG in label.text() for label in dialog.findChildren(QLabel))
    assert dialog.findChildren(QComboBox) == [dialog.reason]  # no relationship box over "Reason"
    naming = OffMapDialog("", ask_name=True)
    qtbot.addWidget(naming)
    assert set(naming.findChildren(QComboBox)) == {naming.reason, naming.relationship}


def _everything_shown(window: QWidget, scene) -> str:
    texts = [window.windowTitle(), window.toolTip()]
    for widget in window.findChildren(QWidget):
        texts += [widget.toolTip(), widget.accessibleName(), widget.accessibleDescription()]
        if isinstance(widget, (QLabel, QAbstractButton)):
            texts.append(widget.text())
    for item in scene.items():
        if item.isVisible():
            texts += [text_of(item), item.toolTip()]
    return "\n".join(texts)


def test_the_familys_window_holds_nothing_else_of_the_case(qtbot, demo_store):
    from fieldwork.storage.map_store import StoredMap

    family = demo_store.family_summaries()[0].family
    key = demo_store.interviews_of(family.key)[1].key  # Family X, wave 2
    page = NetworkMapPage(demo_store, SaveReporter(demo_store), key)
    qtbot.addWidget(page)
    page.resize(1100, 700)
    page.show()
    page.show_to_family()
    window = page.family_window
    assert window is not None
    qtbot.waitExposed(window)
    shown = _everything_shown(window, page.scene)
    network = page.document.network
    case = [p.label for p in network.people_off_map()]
    case += [p.off_map_note for p in network.people_off_map() if p.off_map_note]
    case += [p.note for p in network.people() if p.note]
    case += [p.relationship_text for p in network.people() if p.relationship_text]
    judgements = StoredMap.open(demo_store, key).judgements()
    case += [judgements.support_note, "Strong support", "Suggested", demo_store.interview(key).closing_notes]
    case += [page.whose_map.text(), "Answering"]
    case = [c for c in case if c]
    assert len(case) > 8
    assert [c for c in case if c in shown] == []
    for person in network.people_on_map():  # what is there: the people on the map
        assert person.label in shown.replace("\n", " ") or person.label.split()[0] in shown
    # A large window on the one screen here (a second screen would get it full screen).
    screen = page.screen().availableGeometry()
    assert window.width() >= 0.85 * screen.width() and window.height() >= 0.85 * screen.height()
    qtbot.keyClick(window.view, Qt.Key.Key_Escape)
    assert page.family_window is None and not page.scene.family_mode
    assert page.family_button.text().replace("&", "") == "Show to family"


def test_a_picture_with_names_warns_goes_to_the_exports_folder_and_says_where(page, monkeypatch):
    add(page, "Gran", 1, 90, "grandparent")
    saver = page.pictures
    suggested, warned = [], []
    monkeypatch.setattr(saver, "ask_unencrypted_ok", lambda folder: warned.append(folder) or False)
    monkeypatch.setattr(saver, "ask_path", lambda path: suggested.append(path) or path)
    assert page.save_picture_as(use_codes=False) == []  # said no to the warning: nothing written
    assert suggested == []
    folder = page.store.path.parent / f"{page.store.path.stem} exports"
    assert warned == [folder]
    assert not folder.exists() or not any(folder.glob("*.png"))
    monkeypatch.setattr(saver, "ask_unencrypted_ok", lambda folder: True)
    written = page.save_picture_as(use_codes=False)
    family = page.store.family(page.store.interview(page.interview_key).family_key)
    today = saver.today().isoformat()
    stem = f"{family.code}-wave1-{today}-map"
    assert suggested == [folder / f"{stem}.png"]
    assert sorted(p.name for p in written) == [f"{stem}.pdf", f"{stem}.png"]
    assert all(p.parent == folder and p.stat().st_mode & 0o077 == 0 for p in written)
    assert page.note.isVisibleTo(page)
    assert str(folder) in page.note.text() and f"{stem}.png" in page.note.text()
    codes = page.save_picture_as(use_codes=True)  # no names: no warning asked
    assert codes and codes[0].name == f"{stem}-codes.png"


def test_the_workspace_builds_the_map_page_for_the_step(qtbot, demo_store):
    from fieldwork.ui.main_window import MainWindow

    window = MainWindow(demo_store, demo=True)
    qtbot.addWidget(window)
    family = demo_store.family_summaries()[0].family
    window.open_interview(demo_store.interviews_of(family.key)[0].key)
    page = window.workspace.page(InterviewStep.NETWORK_MAP)
    assert isinstance(page, NetworkMapPage) and page.work_done() is True
    assert Path(page.pictures.default_path(False)).parent.name.endswith(" exports")
