"""The SCORE-15 form's 1-10 ratings, as a study adds them, given on screen: ten numbers with
the words at both ends, keys 1-9 and 0 for 10, declinable; large in the family view; read
out with both ends in the telephone script. The wording is placeholder TEST text."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import Qt

from fieldwork.storage.study_resources import load_study_resources, save_study_resources_folder
from fieldwork.storage.study_store import StudyStore
from fieldwork.ui.questionnaire.page import Score15Page
from fieldwork.ui.save_status import SaveReporter
from tests.conftest import give_consent
from tests.support.score15_study_items import OPEN_ITEMS, RATING_ITEMS, write_study_score15


def _interview(store: StudyStore, tmp_path: Path, mode: str | None = None) -> str:
    save_study_resources_folder(store, write_study_score15(tmp_path / "study-resources"))
    family = store.add_family(site="Borough A")
    interview = store.add_interview(family.key, **({"mode": mode} if mode else {}))
    store.change_status(interview.key, "in_progress")
    give_consent(store, interview.key)
    return interview.key


def _page(qtbot, store: StudyStore, key: str) -> Score15Page:
    page = Score15Page(store, SaveReporter(store), key, resources=load_study_resources(store))
    qtbot.addWidget(page)
    page.resize(1024, 600)
    page.show()
    return page


def _codes(store: StudyStore) -> dict[str, str | None]:
    return {row["item_id"]: row["answer_code"] for row in store.db["instrument_answers"].rows}


def test_a_rating_is_answered_by_key_and_lands_in_the_study(qtbot, store: StudyStore,
                                                            tmp_path: Path) -> None:
    page = _page(qtbot, store, _interview(store, tmp_path))
    qtbot.keyClicks(page.chooser.someone, "My mum")
    qtbot.mouseClick(page.chooser.add, Qt.MouseButton.LeftButton)
    qtbot.mouseClick(page.chooser.start, Qt.MouseButton.LeftButton)
    for _ in range(15):
        qtbot.keyClick(page, Qt.Key.Key_3)
    assert page.progress.text() == "Item 16 of 21"
    qtbot.mouseClick(page.next, Qt.MouseButton.LeftButton)  # the family words: not asked today
    assert page.wording.text.text().startswith("Test open question A")
    assert not page.wording.prompt.isVisible()  # 'For each line, would you say ...' is for the 15
    qtbot.keyClicks(page.free_text, "test words")
    qtbot.mouseClick(page.next, Qt.MouseButton.LeftButton)
    qtbot.mouseClick(page.decline, Qt.MouseButton.LeftButton)  # open question B declined

    assert page.progress.text() == "Item 19 of 21"
    assert [card.label.text() for card in page.cards.cards] == [str(n) for n in range(1, 11)]
    assert page.cards.ends.lowest.text() == "1 = Test low end A"
    assert page.cards.ends.highest.text() == "10 = Test high end A"
    assert page.cards.ends.isVisible() and page.item_screen.rating_keys.isVisible()
    assert not page.wording.prompt.isVisible()
    qtbot.keyClick(page, Qt.Key.Key_0)  # 0 gives 10
    qtbot.keyClick(page, Qt.Key.Key_7)
    assert page.progress.text() == "Item 21 of 21"
    qtbot.keyClick(page, Qt.Key.Key_D)  # a rating is declinable like any item
    codes = _codes(store)
    assert (codes[RATING_ITEMS[0]], codes[RATING_ITEMS[1]], codes[RATING_ITEMS[2]]) == ("10", "7", None)
    declined = {row["item_id"] for row in store.db["instrument_answers"].rows if row["declined"]}
    assert declined == {OPEN_ITEMS[1], RATING_ITEMS[2]}
    # Back on rating A: the answer is shown with the words of its end.
    page.session.go_to(18)
    assert page.item_state.text() == "Answered: 10 (Test high end A)"
    assert page.cards.card(10).styleSheet() != page.cards.card(9).styleSheet()
    # The 15 scored items are scored as ever; the ratings never are.
    assert page.session.answer_store.score(page.session.interview_key).total.score == 45
    page.session.show_results()
    assert page.results.total.text().startswith("Total 45")
    assert ("Not scored, asked beside the 15 (items 16, 17, 18, 19, 20, 21): 3 answered, "
            "2 declined, 1 not answered yet") in page.results.missing.text()


def test_the_0_key_does_nothing_on_an_item_with_five_answers(qtbot, store: StudyStore,
                                                             tmp_path: Path) -> None:
    page = _page(qtbot, store, _interview(store, tmp_path))
    page.session.go_to(0)
    qtbot.keyClick(page, Qt.Key.Key_0)
    assert page.progress.text() == "Item 1 of 21" and _codes(store) == {}
    assert not page.item_screen.rating_keys.isVisible() and not page.cards.ends.isVisible()


def test_the_family_view_shows_the_rating_large_with_both_ends(qtbot, store: StudyStore,
                                                                tmp_path: Path) -> None:
    page = _page(qtbot, store, _interview(store, tmp_path))
    page.session.go_to(18)
    view = page.show_family_view()
    qtbot.addWidget(view)
    texts = view.visible_texts()
    assert "1 = Test low end A" in texts and "10 = Test high end A" in texts
    assert view.cards.cards[0].label.font().pointSizeF() > page.cards.cards[0].label.font().pointSizeF()
    qtbot.mouseClick(view.cards.card(4), Qt.MouseButton.LeftButton)  # the family taps 4
    assert _codes(store)[RATING_ITEMS[0]] == "4"


def test_the_telephone_script_reads_the_rating_with_both_ends(qtbot, store: StudyStore,
                                                              tmp_path: Path) -> None:
    page = _page(qtbot, store, _interview(store, tmp_path, "telephone"))
    page.session.go_to(18)
    assert page.script.isVisible()
    assert page.script.item.text() == "“Test rating A (1 = test low end A, 10 = test high end A)”"
    assert "a number from 1 to 10" in page.script.then.text()
    assert page.script.options.text() == "1 = “Test low end A”\n10 = “Test high end A”"
    page.session.go_to(0)  # a statement keeps its prompt and its options with their stem
    assert page.script.item.text().startswith("For each line, would you say this describes our family:")
    assert page.script.options.text().splitlines()[0] == "1.  Describes us: Very well"


def test_in_another_language_the_english_ends_stand_under_the_translated_ones(
        qtbot, store: StudyStore, tmp_path: Path) -> None:
    import json

    from fieldwork.domain.resource_library import load_resource_library
    from fieldwork.domain.translation_packs import translation_pack
    from tests.support.resource_packs import fill_in

    key = _interview(store, tmp_path)
    folder = tmp_path / "study-resources"
    [pack] = [f for f in translation_pack(load_resource_library(None, folder), "so")
              if f.relative_path == "instruments/score15.so.json"]
    (folder / pack.relative_path).write_text(json.dumps(pack.document), encoding="utf-8")
    fill_in(folder / "instruments")  # '[so] <English>' stands in for a translation
    store.update_interview(key, language="so", interpreter_present=True, interpreter="INT-01")
    page = _page(qtbot, store, key)
    page.session.go_to(18)
    ends = page.cards.ends
    assert (ends.lowest.text(), ends.english_lowest.text()) == ("1 = [so] Test low end A",
                                                                "1 = Test low end A")
    assert ends.english_highest.isVisible() and ends.english_highest.text() == "10 = Test high end A"
    assert page.wording.text.text().startswith("[so] Test rating A")


def test_without_the_study_folder_the_page_opens_and_keeps_the_study_answers(
        qtbot, store: StudyStore, tmp_path: Path) -> None:
    """Seen on a laptop without the study's resources folder: an interview that already held
    a rating answer said 'This questionnaire cannot be shown: ... there is no item
    'score15_test_rating_a'' and the 15 items could not be reached."""
    import shutil

    key = _interview(store, tmp_path)
    page = _page(qtbot, store, key)
    qtbot.keyClicks(page.chooser.someone, "My mum")
    qtbot.mouseClick(page.chooser.add, Qt.MouseButton.LeftButton)
    qtbot.mouseClick(page.chooser.start, Qt.MouseButton.LeftButton)
    for _ in range(14):
        qtbot.keyClick(page, Qt.Key.Key_3)
    page.session.go_to(18)  # the first rating
    qtbot.keyClick(page, Qt.Key.Key_7)
    before = _codes(store)
    assert before["score15_test_rating_a"] == "7" and "score15_15" not in before
    shutil.rmtree(tmp_path / "study-resources")

    away = _page(qtbot, store, key)
    assert away.loaded
    assert away.progress.text() == "Item 15 of 16"  # the shipped items, at the first one not asked
    assert "(1) are kept as they were" in away.notice.text()
    assert "study's resources folder does not exist" in away.notice.text()
    qtbot.keyClick(away, Qt.Key.Key_4)
    assert _codes(store) == {**before, "score15_15": "4"}  # the study's answer untouched

    write_study_score15(tmp_path / "study-resources")  # the folder is back
    back = _page(qtbot, store, key)
    back.session.go_to(18)
    assert back.progress.text() == "Item 19 of 21"
    assert back.item_screen.state_words().startswith("Answered: 7")
