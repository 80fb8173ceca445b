"""Questionnaire answers in the database: one committed edit each, scored, compared by wave."""

from __future__ import annotations

from pathlib import Path

import pytest

from fieldwork.domain.score15 import DECLINED
from fieldwork.storage.answer_store import (
    AnswerStore,
    FamilyMember,
    choose_wording,
    load_shipped_instruments,
)
from fieldwork.storage.consent_store import ConsentRequired
from fieldwork.storage.study_store import SaveEvent, StudyStore
from tests.conftest import give_consent

TEST_PACKS = Path(__file__).resolve().parent.parent / "data" / "instruments"
ALL_THREES = {f"score15_{n:02d}": 3 for n in range(1, 16)}


@pytest.fixture
def answers(consented_interview: tuple[StudyStore, str]) -> AnswerStore:
    store, _key = consented_interview
    instruments, errors = load_shipped_instruments(TEST_PACKS)
    assert errors == []
    return AnswerStore(store, instruments)


def _score15(answers: AnswerStore, interview_key: str, language: str = "en"):
    shown, _english = choose_wording(answers.instruments, "score15", language)
    return answers.start(interview_key, shown)


def test_each_answer_is_its_own_committed_edit(answers: AnswerStore,
                                               consented_interview: tuple[StudyStore, str]) -> None:
    store, key = consented_interview
    heard: list[SaveEvent] = []
    store.add_save_listener(heard.append)
    administration = _score15(answers, key)
    answers.answer(administration.key, "score15_01", 2)
    answers.decline(administration.key, "score15_02")
    answers.set_flag(administration.key, "score15_02", "needed_explanation", True)
    assert [event.saved for event in heard] == [True, True, True, True]
    assert "item 1 answered" in heard[1].what
    assert not store.db.conn.in_transaction

    loaded = answers.answers(administration.key)
    assert loaded["score15_01"].code == 2 and not loaded["score15_01"].declined
    assert loaded["score15_02"].declined and loaded["score15_02"].code is None
    assert loaded["score15_02"].needed_explanation
    assert "score15_03" not in loaded  # not yet asked: no row at all


def test_changing_an_answer_replaces_it_and_undeclines(answers: AnswerStore,
                                                       consented_interview) -> None:
    _store, key = consented_interview
    administration = _score15(answers, key)
    answers.decline(administration.key, "score15_04")
    answers.answer(administration.key, "score15_04", 5)
    answer = answers.answers(administration.key)["score15_04"]
    assert (answer.code, answer.declined) == (5, False)


def test_an_answer_off_the_scale_is_refused(answers: AnswerStore, consented_interview) -> None:
    _store, key = consented_interview
    administration = _score15(answers, key)
    with pytest.raises(Exception, match="not one of its answers"):
        answers.answer(administration.key, "score15_01", 6)
    assert answers.answers(administration.key) == {}


def test_declined_and_answered_cannot_both_be_stored(answers: AnswerStore, consented_interview) -> None:
    store, key = consented_interview
    administration = _score15(answers, key)
    with pytest.raises(Exception, match="either answered or declined"):
        store.db["instrument_answers"].insert({
            "administration_key": administration.key, "item_id": "score15_01", "answer_code": "3",
            "declined": 1, "answer_language": "en", "translation_validated": 1,
            "interpreted_orally": 0, "needed_explanation": 0, "respondent_unsure": 0,
            "answered_at": "2026-01-01T00:00:00+00:00"})


def test_language_and_validation_are_stored_with_each_answer(answers: AnswerStore,
                                                             consented_interview) -> None:
    store, key = consented_interview
    store.update_interview(key, language="ar", interpreter_present=True, interpreter="INT-07")
    # No validated Arabic file is shipped: the English wording is shown, rendered orally.
    shown, _english = choose_wording([i for i in answers.instruments if i.is_english], "score15", "ar")
    assert shown.language == "en"
    administration = answers.start(key, shown)
    answers.set_flag(administration.key, "score15_01", "interpreted_orally", True)
    answers.answer(administration.key, "score15_01", 1)
    first = answers.answers(administration.key)["score15_01"]
    assert (first.answer_language, first.translation_validated, first.interpreted_orally) == (
        "ar", False, True)
    assert first.code == 1


def test_english_interview_answers_are_validated(answers: AnswerStore, consented_interview) -> None:
    _store, key = consented_interview
    administration = _score15(answers, key)
    assert (administration.language_shown, administration.mode) == ("en", "in_person")
    answers.answer(administration.key, "score15_01", 1)
    assert answers.answers(administration.key)["score15_01"].translation_validated


def test_who_counts_as_family_is_stored_with_or_without_the_map(answers: AnswerStore,
                                                                consented_interview) -> None:
    _store, key = consented_interview
    administration = _score15(answers, key)
    members = [FamilyMember("person-1", "My son"), FamilyMember(None, "My sister's partner")]
    answers.set_family_members(administration.key, members)
    assert answers.administration(key, "score15").family_members == tuple(members)


def test_score_and_change_from_the_earlier_wave(answers: AnswerStore, consented_interview) -> None:
    store, key = consented_interview
    first = _score15(answers, key)
    for item_id, code in ALL_THREES.items():
        answers.answer(first.key, item_id, code)
    assert answers.score(key).total.score == 45
    assert answers.change_from_earlier_wave(key) is None

    family_key = store.interview(key).family_key
    later = store.add_interview(family_key, mode="telephone")
    store.change_status(later.key, "in_progress")
    give_consent(store, later.key)
    second = _score15(answers, later.key)
    assert second.mode == "telephone"
    for item_id in ALL_THREES:
        number = int(item_id[-2:])
        # Every positively worded item 'very well', every other 'not at all': the best score.
        answers.answer(second.key, item_id, 1 if number in (1, 3, 6, 10, 15) else 5)
    assert answers.score(later.key).total.score == 15
    wave, change = answers.change_from_earlier_wave(later.key)
    assert (wave, change.change, change.direction, change.is_reliable) == (1, -30, "improved", True)


def test_declined_items_leave_the_total_empty(answers: AnswerStore, consented_interview) -> None:
    _store, key = consented_interview
    administration = _score15(answers, key)
    for item_id, code in ALL_THREES.items():
        answers.answer(administration.key, item_id, code)
    answers.decline(administration.key, "score15_07")
    assert answers.score15_answers(administration.key)["score15_07"] is DECLINED
    result = answers.score(key, prorate=True)
    assert result.total.score is None and result.total.answered_count == 14
    assert result.total.prorated_score == pytest.approx(45.0)
    assert result.declined == ("score15_07",)


def test_other_questions_take_codes_and_free_text(answers: AnswerStore, consented_interview) -> None:
    _store, key = consented_interview
    shown, _english = choose_wording(answers.instruments, "family_questions", "en")
    administration = answers.start(key, shown)
    answers.answer(administration.key, "feelings_about_services", "mixed")
    loaded = answers.answers(administration.key)
    assert loaded["feelings_about_services"].code == "mixed"
    score15, _english = choose_wording(answers.instruments, "score15", "en")
    words = answers.start(key, score15)
    answers.answer_text(words.key, "score15_family_words", "Loud, loving, tired")
    assert answers.answers(words.key)["score15_family_words"].text == "Loud, loving, tired"


def test_refused_consent_blocks_every_write(answers: AnswerStore, store: StudyStore) -> None:
    family = store.add_family()
    interview = store.add_interview(family.key)
    store.change_status(interview.key, "in_progress")
    give_consent(store, interview.key, refuse=("score15",))
    shown, _english = choose_wording(answers.instruments, "score15", "en")
    with pytest.raises(ConsentRequired):
        answers.start(interview.key, shown)
    assert store.db["instrument_administrations"].count == 0
    # The other questions are covered by consent to the interview itself.
    other, _english = choose_wording(answers.instruments, "family_questions", "en")
    administration = answers.start(interview.key, other)
    answers.answer(administration.key, "professionals_good_at_getting_help", "agree")


def test_choose_wording_prefers_the_interview_language(answers: AnswerStore) -> None:
    shown, english = choose_wording(answers.instruments, "score15", "ar")
    assert (shown.language, shown.direction, english.language) == ("ar-x-test", "rtl", "en")
    assert choose_wording(answers.instruments, "no_such_instrument", "en") is None


def test_the_demo_questionnaires(demo_store: StudyStore) -> None:
    from fieldwork.demo.questionnaires import add_questionnaire_demo

    if demo_store.db["instrument_administrations"].count == 0:  # until write_demo_study calls it
        add_questionnaire_demo(demo_store)
    answers = AnswerStore(demo_store, load_shipped_instruments()[0])
    families = {s.family.code: s.family for s in demo_store.family_summaries()}
    x1, x2 = demo_store.interviews_of(families["F001"].key)[:2]
    assert answers.score(x1.key).total.score == 43
    # Wave 2 was by telephone: SCORE-15 not repeated (Appendix 5); Family Z repeats it.
    assert answers.administration(x2.key, "score15") is None
    labels = [m.label for m in answers.administration(x1.key, "score15").family_members]
    assert labels == ["Child X", "Mother X", "Grandmother"]
    assert answers.administration(x1.key, "family_questions") is not None
    assert answers.answers(answers.administration(x1.key, "score15").key)[
        "score15_family_words"].text

    interpreted = demo_store.interviews_of(families["F002"].key)[0]
    administration = answers.administration(interpreted.key, "score15")
    assert (administration.language_shown, administration.translation_validated) == ("en", True)
    given = answers.answers(administration.key)
    assert all(a.interpreted_orally and not a.translation_validated and a.answer_language == "ar"
               for a in given.values())
    assert given["score15_12"].declined
    assert {i for i, a in given.items() if a.needed_explanation} == {
        "score15_04", "score15_08", "score15_09", "score15_13"}


def test_an_answer_to_an_item_not_loaded_here_is_read_as_stored(consented_interview, tmp_path: Path) -> None:
    """A study's own item, its resources folder missing on this laptop: the interview's
    answers still read (before, one such answer made the whole questionnaire unreadable),
    the item's code stays the stored text, and the score of the 15 items is unchanged."""
    from fieldwork.storage.study_resources import load_study_resources, save_study_resources_folder
    from tests.support.score15_study_items import write_study_score15

    store, key = consented_interview
    folder = write_study_score15(tmp_path / "study-resources")
    save_study_resources_folder(store, folder)
    with_folder = AnswerStore(store, load_study_resources(store).instruments)
    administration = _score15(with_folder, key)
    for item_id, code in ALL_THREES.items():
        with_folder.answer(administration.key, item_id, code)
    with_folder.answer(administration.key, "score15_test_rating_a", 7)
    before = list(store.db["instrument_answers"].rows)

    for path in sorted(folder.rglob("*"), reverse=True):
        path.unlink() if path.is_file() else path.rmdir()
    folder.rmdir()
    without = AnswerStore(store, load_study_resources(store).instruments)
    read = without.answers(administration.key)
    assert read["score15_test_rating_a"].code == "7"
    assert read["score15_01"].code == 3
    assert without.score(key).total.score == with_folder.score(key).total.score
    assert list(store.db["instrument_answers"].rows) == before
