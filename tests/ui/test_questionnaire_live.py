"""The questionnaire pages follow the interview as it changes elsewhere (consent, the map, the
mode, the language), say when their work is done, and change nothing when read-only."""

from __future__ import annotations

from PySide6.QtCore import Qt

from fieldwork.storage.study_store import StudyStore
from fieldwork.ui.questionnaire.page import OtherQuestionsPage, Score15Page
from fieldwork.ui.questionnaire.session import Phase
from fieldwork.ui.save_status import SaveReporter
from tests.conftest import give_consent


def _page(qtbot, store: StudyStore, key: str, kind=Score15Page):
    page = kind(store, SaveReporter(store), key)
    qtbot.addWidget(page)
    page.resize(1100, 760)
    page.show()
    return page


def _rows(store: StudyStore) -> list[dict]:
    return sorted(store.db["instrument_answers"].rows,
                  key=lambda row: (row["administration_key"], row["item_id"]))


def _started(store: StudyStore) -> str:
    interview = store.add_interview(store.add_family(site="Borough A").key)
    store.change_status(interview.key, "in_progress")
    return interview.key


def _map_with_three_people(store: StudyStore, key: str) -> None:
    from fieldwork.storage.map_store import StoredMap

    stored = StoredMap.start(store, key, "Ana")
    stored.add_person("Grandmother", "grandparent", ring=1, sector="family_household")
    stored.add_person("Aunt Marta", "other_relative", ring=2, sector="family_household")
    stored.add_person("Ms B", "social_worker", ring=2, sector="professionals")


def test_a_confirmed_consent_and_a_new_map_make_score15_usable_at_once(qtbot, store) -> None:
    key = _started(store)
    page = _page(qtbot, store, key)
    assert page.refusal.isVisible()
    assert "consent has not been recorded" in page.refusal.text()
    assert page.chooser.map_boxes == []
    # Elsewhere in the interview: consent is confirmed and the map gets three people.
    give_consent(store, key)
    _map_with_three_people(store, key)
    page.refresh()
    assert not page.refusal.isVisible()
    offered = {box.text() for box, _person in page.chooser.map_boxes}
    assert {"Grandmother", "Aunt Marta", "Ms B"} <= offered
    assert page.stack.currentWidget() is page.chooser
    next(box for box, p in page.chooser.map_boxes if p.label == "Grandmother").click()
    page.chooser.start.click()
    assert page.cards.cards[0].isEnabled()
    qtbot.keyClick(page, Qt.Key.Key_2)
    assert [(r["item_id"], r["answer_code"]) for r in _rows(store)] == [("score15_01", "2")]


def test_other_questions_follow_a_confirmed_consent(qtbot, store) -> None:
    key = _started(store)
    page = _page(qtbot, store, key, OtherQuestionsPage)
    assert page.refusal.isVisible() and not page.cards.cards[0].isEnabled()
    give_consent(store, key)
    page.refresh()
    assert not page.refusal.isVisible()
    qtbot.mouseClick(page.cards.cards[1], Qt.MouseButton.LeftButton)
    qtbot.keyClick(page, Qt.Key.Key_3)
    assert [(r["item_id"], r["answer_code"]) for r in _rows(store)] == [
        ("professionals_dislike_talking", "agree"), ("professionals_good_at_getting_help", "not_sure")]


def test_a_change_to_telephone_and_arabic_shows_at_once(qtbot, consented_interview) -> None:
    store, key = consented_interview
    page = _page(qtbot, store, key)
    page.session.forward()  # past 'who is family'
    assert page.wording.isVisible() and not page.script.isVisible()
    assert page.open_family_view.isVisible()
    store.update_interview(key, mode="telephone", language="ar", interpreter_present=True,
                           interpreter="INT-07")
    page.refresh()
    assert page.script.isVisible() and not page.wording.isVisible()
    assert not page.open_family_view.isVisible()
    assert "Telephone interview" in page.notice.text()
    assert "No Arabic wording" in page.notice.text()
    qtbot.keyClick(page, Qt.Key.Key_1)
    [row] = _rows(store)
    assert (row["answer_language"], row["translation_validated"]) == ("ar", 0)
    [administration] = store.db["instrument_administrations"].rows
    assert administration["mode"] == "telephone"


def test_refresh_keeps_the_item_the_researcher_is_on(qtbot, consented_interview) -> None:
    store, key = consented_interview
    page = _page(qtbot, store, key, OtherQuestionsPage)
    qtbot.keyClick(page, Qt.Key.Key_1)
    qtbot.keyClick(page, Qt.Key.Key_2)
    assert page.progress.text() == "Item 3 of 5"
    page.refresh()
    assert page.progress.text() == "Item 3 of 5"


def _item(store: StudyStore, key: str, item_id: str) -> dict:
    [administration] = store.db["instrument_administrations"].rows_where(
        "interview_key = ? and instrument_id = 'score15'", [key])
    return next(row for row in _rows(store) if row["item_id"] == item_id
                and row["administration_key"] == administration["key"])


def _f001_wave1(demo_store: StudyStore) -> str:
    family = next(s.family for s in demo_store.family_summaries() if s.family.code == "F001")
    return next(i.key for i in demo_store.interviews_of(family.key) if i.wave == 1)


def test_a_key_changes_a_completed_interview_unless_read_only(qtbot, demo_store) -> None:
    key = _f001_wave1(demo_store)
    page = _page(qtbot, demo_store, key)
    assert page.session.phase is Phase.RESULTS
    assert page.results.total.text().startswith("Total 43")
    page.session.go_to(14)
    assert _item(demo_store, key, "score15_15")["answer_code"] == "2"
    qtbot.keyClick(page, Qt.Key.Key_4)  # what the issue saw: the answer changes, 43 -> 45
    assert _item(demo_store, key, "score15_15")["answer_code"] == "4"


def test_read_only_a_completed_interview_changes_by_no_key_or_click(qtbot, demo_store) -> None:
    key = _f001_wave1(demo_store)
    before = _rows(demo_store)
    administrations = list(demo_store.db["instrument_administrations"].rows)
    page = _page(qtbot, demo_store, key)
    page.set_read_only(True)
    page.session.go_to(14)
    assert page.progress.text() == "Item 15 of 16"
    qtbot.keyClick(page, Qt.Key.Key_4)
    qtbot.keyClick(page, Qt.Key.Key_D)
    qtbot.mouseClick(page.cards.cards[0], Qt.MouseButton.LeftButton)
    qtbot.mouseClick(page.decline, Qt.MouseButton.LeftButton)
    page.flags["respondent_unsure"].click()
    view = page.show_family_view()
    qtbot.addWidget(view)
    view.cards.cards[0].click()
    assert _rows(demo_store) == before
    assert list(demo_store.db["instrument_administrations"].rows) == administrations
    # Still readable: the keys move between items, the answers are shown.
    assert page.isEnabled()
    qtbot.keyClick(page, Qt.Key.Key_Left)
    assert page.progress.text() == "Item 14 of 16"
    assert page.item_state.text().startswith("Answered")
    assert "read-only" in page.read_only_note.text()
    page.set_read_only(False)
    qtbot.keyClick(page, Qt.Key.Key_1)
    assert _rows(demo_store) != before


def test_work_done_when_every_item_is_answered_or_declined(qtbot, consented_interview) -> None:
    store, key = consented_interview
    page = _page(qtbot, store, key, OtherQuestionsPage)
    assert page.work_done() is False
    for number in range(len(page.session.items)):
        if page.session.current.item.is_free_text:
            qtbot.keyClick(page.next, Qt.Key.Key_D)
        elif number % 2:
            qtbot.keyClick(page, Qt.Key.Key_D)
        else:
            qtbot.keyClick(page, Qt.Key.Key_1)
    assert page.work_done() is True
    score = _page(qtbot, store, key)
    assert score.work_done() is False


def test_the_cards_and_buttons_stay_put_from_item_to_item(qtbot, consented_interview) -> None:
    from PySide6.QtCore import QPoint
    from PySide6.QtWidgets import QApplication

    store, key = consented_interview
    for kind in (Score15Page, OtherQuestionsPage):
        page = _page(qtbot, store, key, kind)
        page.session.go_to(0)
        places = set()
        for index, pair in enumerate(page.session.items):
            if pair.item.is_free_text:
                continue
            page.session.go_to(index)
            qtbot.waitUntil(lambda page=page: page.cards.cards[0].isVisible())
            for _ in range(3):  # let the layouts settle (layout requests are posted events)
                QApplication.processEvents()
            places.add((page.next.mapTo(page, QPoint(0, 0)).y(),
                        page.cards.cards[0].mapTo(page, QPoint(0, 0)).y(),
                        page.guidance.mapTo(page, QPoint(0, 0)).y()))
        assert len(places) == 1, places


def test_in_the_workspace_a_consent_confirmed_makes_score15_usable(qtbot, store) -> None:
    from PySide6.QtCore import QPoint

    from fieldwork.domain.interview_steps import InterviewStep
    from fieldwork.ui.main_window import MainWindow

    key = _started(store)
    window = MainWindow(store)
    qtbot.addWidget(window)
    window.show()
    window.open_interview(key)
    workspace = window.workspace
    score15 = workspace.page(InterviewStep.SCORE15)
    assert score15.refusal.isVisible() or not workspace.is_open(InterviewStep.SCORE15)
    workspace.navigator.setCurrentRow(workspace.steps.index(InterviewStep.CONSENT))
    consent = workspace.page(InterviewStep.CONSENT)
    for row in consent.entry.rows:
        qtbot.mouseClick(row.yes, Qt.MouseButton.LeftButton)
    verbal = consent.entry.verbal
    qtbot.mouseClick(verbal, Qt.MouseButton.LeftButton, pos=QPoint(10, verbal.height() // 2))
    consent.entry.researcher.setCurrentIndex(consent.entry.researcher.findText("R01 Test Researcher"))
    qtbot.mouseClick(consent.entry.confirm, Qt.MouseButton.LeftButton)
    _map_with_three_people(store, key)
    workspace.navigator.setCurrentRow(workspace.steps.index(InterviewStep.SCORE15))
    assert workspace.is_open(InterviewStep.SCORE15)
    assert not score15.refusal.isVisible()
    assert {"Grandmother", "Aunt Marta", "Ms B"} <= {b.text() for b, _p in score15.chooser.map_boxes}
