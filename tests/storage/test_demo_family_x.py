"""The demo's Family X, checked fact by fact against Appendix 6 (and Appendix 5) of the
Focus on Practice evaluation (2016); and the other family that shows SCORE-15 repeated."""

from __future__ import annotations

import pytest

from fieldwork.demo.network_maps import KEYS
from fieldwork.domain.network_codes import PROFESSIONAL_RELATIONSHIPS
from fieldwork.domain.network_metrics import measure
from fieldwork.storage.answer_store import AnswerStore, load_shipped_instruments
from fieldwork.storage.map_store import StoredMap, load_map
from fieldwork.storage.study_store import StudyStore


@pytest.fixture
def family_x(demo_store: StudyStore):
    families = {s.family.code: s.family for s in demo_store.family_summaries()}
    first, second = demo_store.interviews_of(families["F001"].key)[:2]
    answers = AnswerStore(demo_store, load_shipped_instruments()[0])
    return demo_store, first, second, load_map(demo_store, first.key), load_map(
        demo_store, second.key), answers


def _ring(network, ring):
    return {p.key for p in network.people_on_map() if p.ring == ring}


def test_time_1_as_appendix_6_tells_it(family_x):
    store, first, _second, w1, _w2, _answers = family_x
    assert first.mode.value == "in_person"
    # "she placed her child in centre of map, and her sister, mother and herself close by"
    assert (w1.centre.label, w1.centre.role) == ("Child X", "child")
    assert w1.respondent.key == KEYS["mother"]
    assert _ring(w1, 1) == {KEYS["mother"], KEYS["grandmother"], KEYS["aunt"]}
    assert w1.person(KEYS["aunt"]).relationship_to_respondent == "sibling"
    assert w1.person(KEYS["grandmother"]).relationship_to_respondent == "mother"
    # "and wider family and nursery teachers and social workers in next circle"
    ring_2 = {w1.person(k).relationship for k in _ring(w1, 2)}
    assert ring_2 == {"other_relative", "teacher_nursery", "social_worker"}
    # "he was nowhere on the map and she had not got a father either"
    father, her_father = w1.person(KEYS["father"]), w1.person(KEYS["grandfather"])
    assert not father.on_map and "nowhere on the map" in father.off_map_note
    assert not her_father.on_map and "had not got a father either" in her_father.off_map_note
    # Services she used are not people she placed: not on the map, said in the notes.
    assert not {p.relationship for p in w1.people()} & {"gp_doctor", "therapist", "lawyer"}
    notes = store.interview(first.key).closing_notes
    for service in ("doctors", "speech and language therapist", "lawyer", "adult education"):
        assert service in notes
    assert "not on the map" in notes


def test_time_2_as_appendix_6_tells_it(family_x):
    store, first, second, w1, w2, _answers = family_x
    # "Time two interviews took place by telephone in January/February 2016"
    assert second.mode.value == "telephone"
    assert (second.interview_date.year, second.interview_date.month) == (2016, 1)
    # "Her son was at school": the school's teachers, not the nursery's
    assert KEYS["nursery"] not in w2 and w2.person(KEYS["school"]).on_map
    # "Mother X had another baby, a daughter who at the time was 4 months old"
    baby = w2.person(KEYS["baby_sister"])
    assert baby.ring == 1 and baby.relationship_to_respondent == "child"
    # "no longer in touch with her child's father" / "not in touch with the father of her
    # daughter either": both named, both off the map, with the reason she gave
    for key in ("father", "baby_father"):
        assert w2.person(KEYS[key]).off_map_reason == "no_contact"
    # "Her own mother is still a big part of her life and helps with her children"; she
    # "moved out of her own mother's house"
    grandmother = w2.person(KEYS["grandmother"])
    assert grandmother.ring == 1 and "practical_children" in grandmother.support
    assert w1.person(KEYS["grandmother"]).lives_in_household and not grandmother.lives_in_household
    # "Another friend N has been supportive also"
    assert w2.person(KEYS["friend_n"]).on_map and w2.person(KEYS["friend_n"]).support
    # "Children's services were no longer involved with her"
    assert w2.person(KEYS["social_worker"]).off_map_reason == "no_contact"
    # "She has no changes in terms of new professionals": only the school replaces the nursery
    new = [p for p in w2.people() if p.key not in w1 and p.relationship in PROFESSIONAL_RELATIONSHIPS]
    assert [p.key for p in new] == [KEYS["school"]]
    assert StoredMap.open(store, second.key).judgements().carried_from == first.key
    assert measure(w2).support_level == "strong"


def test_scores_and_answers_follow_her_account(family_x):
    _store, first, second, _w1, _w2, answers = family_x
    # Appendix 5: "we did not repeat the SCORE-15 measure in the follow up interviews as
    # these interviews were undertaken by telephone"
    assert answers.score(first.key).total.score == 43
    assert answers.administration(second.key, "score15") is None
    assert answers.change_from_earlier_wave(second.key) is None
    # "Mother X said her social worker listened to her concerns ... she could call up her
    # social worker if she had any questions"
    given = answers.answers(answers.administration(first.key, "family_questions").key)
    assert given["professionals_dont_understand_social_workers"].code == "disagree"
    assert given["feelings_about_services"].code == "positive"
    assert given["agreement_on_priorities"].code == "yes"


def test_another_family_shows_repeated_score15_and_reliable_change(demo_store: StudyStore):
    families = {s.family.code: s.family for s in demo_store.family_summaries()}
    answers = AnswerStore(demo_store, load_shipped_instruments()[0])
    first, second = demo_store.interviews_of(families["F009"].key)
    assert "fictional" in demo_store.family(families["F009"].key).notes
    assert [answers.score(i.key).total.score for i in (first, second)] == [56, 36]
    wave, change = answers.change_from_earlier_wave(second.key)
    assert (wave, change.change, change.is_reliable, change.crossed_cutoff) == (1, -20, True, True)
