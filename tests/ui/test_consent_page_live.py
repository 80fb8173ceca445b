"""The consent step in a live interview: it tells the other steps when consent changes,
follows what changed elsewhere, says when its work is done, and changes nothing read-only."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import QPoint, Qt

from fieldwork.storage.consent_store import consent_records
from fieldwork.storage.study_store import StudyStore
from fieldwork.ui.consent import ConsentPage
from fieldwork.ui.save_status import SaveReporter
from tests.conftest import give_consent
from tests.support.resource_packs import rtl_test_library

LEFT = Qt.MouseButton.LeftButton


def _page(qtbot, store: StudyStore, key: str, **kwargs) -> ConsentPage:
    page = ConsentPage(store, SaveReporter(store), key, **kwargs)
    qtbot.addWidget(page)
    page.resize(1100, 800)
    page.show()
    return page


def _interview(store: StudyStore) -> str:
    interview = store.add_interview(store.add_family(site="Borough A").key)
    store.change_status(interview.key, "in_progress")
    return interview.key


def _fill(qtbot, page: ConsentPage) -> None:
    for row in page.entry.rows:
        qtbot.mouseClick(row.yes, LEFT)
    qtbot.mouseClick(page.entry.verbal, LEFT, pos=QPoint(10, page.entry.verbal.height() // 2))
    page.entry.researcher.setCurrentIndex(page.entry.researcher.findText("R01 Test Researcher"))


def test_confirming_tells_the_other_steps_and_the_work_is_done(qtbot, store) -> None:
    key = _interview(store)
    page = _page(qtbot, store, key)
    assert page.work_done() is False
    _fill(qtbot, page)
    with qtbot.waitSignal(page.interview_changed):
        qtbot.mouseClick(page.entry.confirm, LEFT)
    assert len(consent_records(store, key)) == 1
    assert page.work_done() is True


def test_a_record_made_elsewhere_shows_on_refresh(qtbot, store) -> None:
    key = _interview(store)
    page = _page(qtbot, store, key)
    assert page.entry is not None and page.record_view is None
    give_consent(store, key, refuse=("anonymous_quotes",))
    page.refresh()
    assert page.entry is None and page.record_view is not None
    assert page.record_view.answer_labels["anonymous_quotes"].text() == "No"
    assert page.work_done() is True


def test_refresh_follows_the_visit_details_and_keeps_the_answers(qtbot, store, tmp_path: Path) -> None:
    key = _interview(store)
    page = _page(qtbot, store, key, resources=rtl_test_library(tmp_path / "rtl-pack"))
    qtbot.mouseClick(page.entry.rows[0].no, LEFT)
    store.update_interview(key, interpreter_present=True, interpreter="INT-7")
    page.refresh()  # the page is on screen: no hide and show in between
    assert page.entry.interpreter_name.text() == "INT-7"
    assert page.entry.rows[0].answer() is False


def test_read_only_nothing_can_be_confirmed_or_corrected(qtbot, store) -> None:
    key = _interview(store)
    page = _page(qtbot, store, key)
    _fill(qtbot, page)
    page.set_read_only(True)
    qtbot.mouseClick(page.entry.confirm, LEFT)
    page.confirm()  # even called directly
    assert consent_records(store, key) == []
    assert page.scroll.isEnabled() and page.scroll.verticalScrollBar().isEnabled()

    give_consent(store, key)
    page.refresh()
    assert page.record_view is not None
    assert not page.record_view.correction.isEnabled()
    page.start_correction()
    assert page.entry is None  # still the record, no correction form
    page.set_read_only(False)
    assert page.record_view.correction.isEnabled()
