"""Giving SCORE-15 and the other questions on screen: keyboard, back, decline, notes, the
family view, telephone mode, a right-to-left language beside English, refused consent."""

from __future__ import annotations

from pathlib import Path

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QLabel

from fieldwork.domain.resource_library import ResourceLibrary
from fieldwork.storage.study_store import StudyStore
from fieldwork.ui.questionnaire.page import OtherQuestionsPage, Score15Page
from fieldwork.ui.questionnaire.session import Phase
from fieldwork.ui.save_status import SaveReporter
from tests.conftest import give_consent
from tests.support.resource_packs import rtl_test_library


def _page(qtbot, store: StudyStore, key: str, kind=Score15Page, resources=None):
    reporter = SaveReporter(store)
    problems: list[str] = []
    reporter.problem.connect(problems.append)
    page = kind(store, reporter, key, resources=resources)
    qtbot.addWidget(page)
    page.resize(1100, 760)
    page.show()
    page.problems = problems
    return page


def _rows(store: StudyStore) -> dict[str, dict]:
    return {row["item_id"]: row for row in store.db["instrument_answers"].rows}


def _past_family_question(qtbot, page: Score15Page) -> None:
    assert page.session.phase is Phase.WHO_IS_FAMILY
    qtbot.keyClicks(page.chooser.someone, "My mum")
    qtbot.mouseClick(page.chooser.add, Qt.MouseButton.LeftButton)
    qtbot.mouseClick(page.chooser.start, Qt.MouseButton.LeftButton)
    assert page.session.phase is Phase.ITEMS


def test_who_counts_as_family_comes_first_and_is_stored(qtbot, consented_interview) -> None:
    store, key = consented_interview
    page = _page(qtbot, store, key)
    assert page.stack.currentWidget() is page.chooser
    _past_family_question(qtbot, page)
    [row] = store.db["instrument_administrations"].rows
    assert '"label": "My mum"' in row["family_members"] and '"person_key": null' in row["family_members"]


def test_answering_by_keyboard_going_back_and_changing(qtbot, consented_interview) -> None:
    store, key = consented_interview
    page = _page(qtbot, store, key)
    _past_family_question(qtbot, page)
    assert page.progress.text() == "Item 1 of 16"
    qtbot.keyClick(page, Qt.Key.Key_2)
    qtbot.keyClick(page, Qt.Key.Key_4)
    assert page.progress.text() == "Item 3 of 16"
    assert page.item_state.text() == "Not yet asked"
    qtbot.keyClick(page, Qt.Key.Key_Left)
    assert page.progress.text() == "Item 2 of 16"
    assert page.item_state.text() == "Answered: Describes us: Not well"
    assert page.cards.card(4).styleSheet() != page.cards.card(3).styleSheet()  # shown chosen
    qtbot.keyClick(page, Qt.Key.Key_1)  # changes item 2, moves on
    assert page.progress.text() == "Item 3 of 16"
    rows = _rows(store)
    assert (rows["score15_01"]["answer_code"], rows["score15_02"]["answer_code"]) == ("2", "1")
    assert rows["score15_01"]["answer_language"] == "en" and rows["score15_01"]["translation_validated"] == 1


def test_a_focused_card_passes_the_keys_to_the_page(qtbot, consented_interview) -> None:
    store, key = consented_interview
    page = _page(qtbot, store, key)
    _past_family_question(qtbot, page)
    page.cards.cards[0].setFocus()
    qtbot.keyClick(page.cards.cards[0], Qt.Key.Key_5)
    assert _rows(store)["score15_01"]["answer_code"] == "5"
    qtbot.keyClick(page.next, Qt.Key.Key_Left)
    assert page.progress.text() == "Item 1 of 16"


def test_declined_is_kept_apart_from_not_yet_asked(qtbot, consented_interview) -> None:
    store, key = consented_interview
    page = _page(qtbot, store, key)
    _past_family_question(qtbot, page)
    qtbot.keyClick(page, Qt.Key.Key_D)
    qtbot.keyClick(page, Qt.Key.Key_Right)  # item 2 skipped: not yet asked
    qtbot.mouseClick(page.decline, Qt.MouseButton.LeftButton)
    rows = _rows(store)
    assert rows["score15_01"]["declined"] == 1 and rows["score15_01"]["answer_code"] is None
    assert "score15_02" not in rows
    assert rows["score15_03"]["declined"] == 1
    page.session.go_to(0)
    assert page.item_state.text() == "Declined"


def test_per_item_notes_land_in_the_database(qtbot, consented_interview) -> None:
    store, key = consented_interview
    page = _page(qtbot, store, key)
    _past_family_question(qtbot, page)
    page.flags["needed_explanation"].click()
    page.flags["respondent_unsure"].click()
    qtbot.keyClick(page, Qt.Key.Key_3)
    row = _rows(store)["score15_01"]
    assert (row["needed_explanation"], row["respondent_unsure"], row["interpreted_orally"]) == (1, 1, 0)
    assert row["answer_code"] == "3"
    assert not page.flags["needed_explanation"].isChecked()  # item 2 has its own notes
    assert "guidance" in page.guidance.findChildren(QLabel)[0].text()
    assert page.guidance_text.text().startswith("Asks whether family members are often not honest")


def test_the_family_view_shows_the_same_item_and_nothing_else(qtbot, consented_interview) -> None:
    store, key = consented_interview
    family_code = store.family(store.interview(key).family_key).code
    page = _page(qtbot, store, key)
    _past_family_question(qtbot, page)
    view = page.show_family_view()
    qtbot.addWidget(view)
    qtbot.keyClick(page, Qt.Key.Key_2)
    assert page.wording.text.text() == view.wording.text.text()
    assert view.wording.text.text() == "People often don't tell each other the truth in my family"
    labels = ["Describes us: Very well", "Describes us: Well", "Describes us: Partly",
              "Describes us: Not well", "Describes us: Not at all"]
    expected = {"Questions", "For each line, would you say this describes our family",
                view.wording.text.text(), *labels, *map(str, range(1, 6))}
    assert set(view.visible_texts()) == expected
    assert not any(family_code in text for text in view.visible_texts())
    # A tap on the family's card answers, and both screens move on together.
    view.cards.card(5).click()
    assert _rows(store)["score15_02"]["answer_code"] == "5"
    assert page.progress.text() == "Item 3 of 16"
    assert view.wording.text.text() == page.wording.text.text()


def test_telephone_mode_is_a_script_and_stored(qtbot, consented_interview) -> None:
    store, key = consented_interview
    store.update_interview(key, mode="telephone")
    page = _page(qtbot, store, key)
    _past_family_question(qtbot, page)
    assert page.script.isVisible() and not page.wording.isVisible()
    assert not page.open_family_view.isVisible()
    assert "In my family we talk to each other" in page.script.item.text()
    # The telephone script reads every option with its stem, never a bare "Well".
    assert page.script.options.text().splitlines() == [
        "1.  Describes us: Very well", "2.  Describes us: Well", "3.  Describes us: Partly",
        "4.  Describes us: Not well", "5.  Describes us: Not at all"]
    assert page.script.item.text().startswith("For each line, would you say this describes our family:")
    qtbot.keyClick(page, Qt.Key.Key_1)
    [administration] = store.db["instrument_administrations"].rows
    assert administration["mode"] == "telephone"
    # The open question at the end is read without the lines' stem.
    for _ in range(14):
        qtbot.keyClick(page, Qt.Key.Key_2)
    assert page.progress.text() == "Item 16 of 16"
    assert page.script.item.text() == "“What words would you use to sum up your family?”"


def test_the_open_question_is_shown_without_the_lines_stem(qtbot, consented_interview) -> None:
    store, key = consented_interview
    page = _page(qtbot, store, key)
    _past_family_question(qtbot, page)
    assert page.wording.prompt.isVisibleTo(page)
    for _ in range(15):
        qtbot.keyClick(page, Qt.Key.Key_3)
    assert page.progress.text() == "Item 16 of 16"
    assert page.wording.text.text() == "What words would you use to sum up your family?"
    assert not page.wording.prompt.isVisibleTo(page)


@pytest.fixture
def rtl_pack(tmp_path: Path) -> ResourceLibrary:
    return rtl_test_library(tmp_path / "rtl-pack")


def test_a_right_to_left_pack_is_shown_beside_the_english(qtbot, consented_interview, rtl_pack) -> None:
    store, key = consented_interview
    store.update_interview(key, language="ar", interpreter_present=True, interpreter="INT-07")
    page = _page(qtbot, store, key, resources=rtl_pack)
    _past_family_question(qtbot, page)
    wording = page.wording
    assert wording.text.text() == "نص تجريبي للبند 1"
    assert wording.text.layoutDirection() == Qt.LayoutDirection.RightToLeft
    assert wording.text.alignment() & Qt.AlignmentFlag.AlignRight
    assert wording.english_text.isVisible()
    assert wording.english_text.text().startswith("In my family we talk")
    card = page.cards.cards[0]
    assert (card.label.text(), card.english.text()) == ("خيار تجريبي 1", "Describes us: Very well")
    assert "not a validated translation" in page.notice.text()
    qtbot.keyClick(page, Qt.Key.Key_2)
    row = _rows(store)["score15_01"]
    assert (row["answer_language"], row["translation_validated"]) == ("ar", 0)
    # The family view is in the family's language only.
    view = page.show_family_view()
    qtbot.addWidget(view)
    assert view.wording.text.text() == "نص تجريبي للبند 2"
    assert not view.wording.english_text.isVisible()


def test_no_wording_in_the_language_says_so_and_records_not_validated(qtbot, consented_interview) -> None:
    store, key = consented_interview
    store.update_interview(key, language="pl", interpreter_present=True, interpreter="INT-12")
    page = _page(qtbot, store, key)
    assert "No Polish wording" in page.notice.text()
    _past_family_question(qtbot, page)
    page.flags["interpreted_orally"].click()
    qtbot.keyClick(page, Qt.Key.Key_1)
    row = _rows(store)["score15_01"]
    assert (row["answer_language"], row["translation_validated"], row["interpreted_orally"]) == ("pl", 0, 1)


def test_after_the_last_item_the_total_and_subscales(qtbot, consented_interview) -> None:
    store, key = consented_interview
    page = _page(qtbot, store, key)
    _past_family_question(qtbot, page)
    for _ in range(15):
        qtbot.keyClick(page, Qt.Key.Key_3)
    # Item 16: the form's open question, in the respondent's own words, then the results.
    assert page.free_text.isVisible() and page.progress.text() == "Item 16 of 16"
    qtbot.keyClicks(page.free_text, "Close, busy")
    qtbot.mouseClick(page.next, Qt.MouseButton.LeftButton)
    assert page.session.phase is Phase.RESULTS
    assert _rows(store)["score15_family_words"]["answer_text"] == "Close, busy"
    assert page.results.total.text().startswith("Total 45")
    assert page.results.findChild(QLabel, "subscale_disrupted_communication").text() == "15 (from 5 to 25)"
    assert store.db["instrument_administrations"].rows.__next__()["completed_at"]


def test_refused_consent_blocks_answering(qtbot, store: StudyStore) -> None:
    family = store.add_family()
    interview = store.add_interview(family.key)
    store.change_status(interview.key, "in_progress")
    give_consent(store, interview.key, refuse=("score15",))
    page = _page(qtbot, store, interview.key)
    assert page.refusal.isVisible() and "score15" in page.refusal.text()
    page.session.forward()  # past 'who is family' without saving anyone
    qtbot.keyClick(page, Qt.Key.Key_1)
    assert store.db["instrument_administrations"].count == 0
    assert store.db["instrument_answers"].count == 0
    assert page.problems and "score15" in page.problems[-1]
    assert page.progress.text() == "Item 1 of 16"
    assert not page.cards.cards[0].isEnabled()


def test_other_questions_run_on_the_same_engine(qtbot, consented_interview) -> None:
    store, key = consented_interview
    page = _page(qtbot, store, key, OtherQuestionsPage)
    assert page.session.phase is Phase.ITEMS and page.progress.text() == "Item 1 of 5"
    # Table 3.11's order: Disagree / Agree / Not Sure.
    assert [c.label.text() for c in page.cards.cards] == ["Disagree", "Agree", "Not sure"]
    qtbot.keyClick(page, Qt.Key.Key_3)
    rows = _rows(store)
    assert rows["professionals_dislike_talking"]["answer_code"] == "not_sure"


def test_the_family_is_picked_from_the_network_map(qtbot, consented_interview) -> None:
    from fieldwork.demo.network_maps import family_x_wave_1
    from fieldwork.storage.map_store import StoredMap

    store, key = consented_interview
    network = family_x_wave_1()
    StoredMap.save_new(store, key, network)
    page = _page(qtbot, store, key)
    offered = {box.text(): person for box, person in page.chooser.map_boxes}
    assert "Grandmother" in offered and "Child X" in offered
    assert "Child's father (named, not placed on the map)" in offered
    next(box for box, p in page.chooser.map_boxes if p.label == "Grandmother").click()
    qtbot.keyClicks(page.chooser.someone, "My sister's boyfriend")
    qtbot.keyClick(page.chooser.someone, Qt.Key.Key_Return)
    [row] = store.db["instrument_administrations"].rows
    members = page.session.family_members
    assert [(m.person_key, m.label) for m in members] == [
        (offered["Grandmother"].person_key, "Grandmother"), (None, "My sister's boyfriend")]
    assert offered["Grandmother"].person_key == next(
        p.key for p in network.people() if p.label == "Grandmother")


def test_pausing_can_hide_every_family_view(qtbot, consented_interview) -> None:
    from fieldwork.ui.questionnaire.family_view import hide_all_family_views

    store, key = consented_interview
    page = _page(qtbot, store, key)
    view = page.show_family_view()
    qtbot.addWidget(view)
    assert view.isVisible()
    hide_all_family_views()
    assert not view.isVisible()


def test_a_missing_instrument_file_is_shown_not_a_crash(qtbot, consented_interview) -> None:
    store, key = consented_interview
    page = _page(qtbot, store, key, resources=ResourceLibrary())
    assert not page.loaded
    message = page.findChild(QLabel, "instrumentMissing")
    assert "cannot be shown" in message.text() and "score15" in message.text()
    qtbot.keyClick(page, Qt.Key.Key_1)  # nothing to answer, nothing breaks


def test_social_worker_closeness_comes_from_the_map_one_per_social_worker(
        qtbot, consented_interview) -> None:
    from fieldwork.storage.map_store import StoredMap

    store, key = consented_interview
    page = _page(qtbot, store, key, OtherQuestionsPage)
    assert page.social_workers.text().endswith("no social worker is on the map.")
    stored = StoredMap.start(store, key, "Ana")
    stored.add_person("Ms B", "social_worker", ring=2, sector="professionals",
                      closeness="very_close", frequency="daily_weekly")
    stored.add_person("Mr C", "social_worker", ring=3, sector="professionals",
                      closeness="loose", frequency="monthly_six_monthly")
    page.hide()
    page.show()
    text = page.social_workers.text()
    assert text.startswith("Closeness and contact with social workers are taken from the network "
                           "map, not asked again")
    assert "Ms B: Very close, contact daily to weekly" in text
    assert "Mr C: Loose tie, contact less than monthly to six-monthly" in text
    asked = {pair.item.id for pair in page.session.items}
    assert not asked & {"social_worker_closeness", "social_worker_contact_frequency"}
