"""The family list: its model is a sound Qt model; search and filters show the right families."""

from __future__ import annotations

from PySide6.QtCore import Qt

from fieldwork.storage.study_store import StudyStore
from fieldwork.ui.family_list import FamilyListPage, FamilyTableModel


def _visible_codes(page: FamilyListPage) -> list[str]:
    return [page.filter.index(row, 0).data() for row in range(page.filter.rowCount())]


def test_the_model_passes_qt_model_checks(qtmodeltester, demo_store: StudyStore) -> None:
    model = FamilyTableModel()
    model.show_families(demo_store.family_summaries())
    qtmodeltester.check(model)


def test_search_and_filters(qtbot, demo_store: StudyStore) -> None:
    page = FamilyListPage(demo_store)
    qtbot.addWidget(page)
    codes = [c for (c,) in demo_store.db.execute("SELECT code FROM families ORDER BY code")]
    assert _visible_codes(page) == codes and codes[:8] == ["F001", "F002", "F003", "F004", "F005", "F006",
                                                           "F008", "F009"]
    assert page.erased.text() == "Withdrawn and erased (only the withdrawal is kept): F007 on 2015-09-01"
    page.site_filter.setCurrentIndex(page.site_filter.findData("Borough C"))
    at_c = [c for (c,) in demo_store.db.execute("SELECT code FROM families WHERE site = 'Borough C' ORDER BY code")]
    assert _visible_codes(page) == at_c and at_c[:3] == ["F003", "F006", "F008"]
    page.status_filter.setCurrentIndex(page.status_filter.findData("terminated"))
    assert _visible_codes(page) == ["F003"]
    page.site_filter.setCurrentIndex(0)
    page.status_filter.setCurrentIndex(page.status_filter.findData("none"))
    never = [c for (c,) in demo_store.db.execute(
        "SELECT code FROM families WHERE key NOT IN (SELECT family_key FROM interviews) ORDER BY code")]
    assert _visible_codes(page) == never and never[0] == "F006"
    page.status_filter.setCurrentIndex(0)
    qtbot.keyClicks(page.search, "arabic")
    assert _visible_codes(page) == ["F002"]
    row = [page.filter.index(0, c).data() for c in range(5)]
    assert row == ["F002", "Borough B", "Child protection", "1, 2", "Planned"]


def test_an_empty_study_says_where_to_begin(qtbot, store: StudyStore, monkeypatch) -> None:
    from fieldwork.ui.family_list import NewFamilyDialog

    page = FamilyListPage(store)
    qtbot.addWidget(page)
    page.show()
    assert page.empty_hint.isVisible()
    assert page.empty_hint_text.text() == "No families yet — New family… (Ctrl+N) to add the first."

    def add_one(dialog: NewFamilyDialog) -> int:
        dialog.code.setText("F001")
        dialog._add()
        return dialog.result()

    monkeypatch.setattr(NewFamilyDialog, "exec", add_one)
    with qtbot.waitSignal(page.family_chosen):
        qtbot.mouseClick(page.empty_hint_button, Qt.MouseButton.LeftButton)
    assert _visible_codes(page) == ["F001"]
    assert not page.empty_hint.isVisible()


def test_a_study_with_families_shows_no_first_run_hint(qtbot, demo_store: StudyStore) -> None:
    page = FamilyListPage(demo_store)
    qtbot.addWidget(page)
    page.show()
    assert not page.empty_hint.isVisible()
