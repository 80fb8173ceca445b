"""The demo's questionnaires: SCORE-15 at both waves for Family X, one through an
interpreter, and the other family questions.

Every answer is invented. Family X (F001) answers SCORE-15 in person at wave 1 and by
telephone at wave 2 (16 points better, below the reliable change threshold), counting only her
household as 'the family' although her map is wider, as the evaluation saw. The Arabic-
speaking family (F002) answers through interpreter INT-07: no validated Arabic SCORE-15
ships, so the English is shown and every item is recorded as interpreted orally, not
validated, with the items that needed explaining marked. Needs the consent demo first.
Qt-free.
"""

from __future__ import annotations

from fieldwork.domain.casebook import Interview
from fieldwork.domain.interview_steps import InterviewStep, StepState
from fieldwork.storage.answer_store import (
    AnswerStore,
    FamilyMember,
    choose_wording,
    load_shipped_instruments,
)
from fieldwork.storage.map_store import load_map
from fieldwork.storage.study_store import StudyStore

POSITIVELY_WORDED = {1, 3, 6, 10, 15}

# Item scores (after keying, higher = more difficulty) by item number.
FAMILY_X_WAVE_1 = {1: 3, 2: 3, 3: 3, 4: 4, 5: 3, 6: 2, 7: 3, 8: 4, 9: 3, 10: 2, 11: 3, 12: 2,
                   13: 3, 14: 3, 15: 2}  # total 43
FAMILY_X_WAVE_2 = {1: 2, 2: 2, 3: 2, 4: 2, 5: 2, 6: 2, 7: 1, 8: 2, 9: 1, 10: 2, 11: 2, 12: 1,
                   13: 2, 14: 2, 15: 2}  # total 27
INTERPRETED = {1: 2, 2: 2, 3: 3, 4: 3, 5: 4, 6: 2, 7: 3, 8: 2, 9: 4, 10: 2, 11: 3, 13: 2,
               14: 3, 15: 3}  # item 12 declined
NEEDED_EXPLANATION = {4, 8, 9, 13}  # 'risky to disagree', 'ignore on purpose', 'crisis', 'interfere'
UNSURE = {9}

OTHER_QUESTIONS_FAMILY_X = {
    "professionals_dislike_talking": "disagree",
    "professionals_good_at_getting_help": "not_sure",
    "professionals_dont_understand_social_workers": "agree",
    "feelings_about_services": "mixed",
    "agreement_on_priorities": "some_disagreement",
}
FAMILY_X_WORDS = "Close, busy, trying our best"


def _answer(score: int, number: int) -> int:
    """The response (1–5) that gives ``score`` for item ``number``."""
    return score if number in POSITIVELY_WORDED else 6 - score


def _members(store: StudyStore, interview: Interview, labels: list[str]) -> list[FamilyMember]:
    """The named people, linked to the interview's map people where the map has them."""
    network = load_map(store, interview.key)
    keys: dict[str, str] = {}
    if network is not None:
        keys[network.centre.label] = network.centre.key
        keys.update({person.label: person.key for person in network.people()})
    return [FamilyMember(keys.get(label), label) for label in labels]


def _score15(answers: AnswerStore, interview: Interview, scores: dict[int, int],
             members: list[FamilyMember], *, interpreted: bool = False, words: str = "") -> None:
    shown, english = choose_wording(answers.instruments, "score15", interview.language) or (None, None)
    assert shown is not None and english is not None
    administration = answers.start(interview.key, shown)
    answers.set_family_members(administration.key, members)
    for item in english.items:
        if interpreted:
            answers.set_flag(administration.key, item.id, "interpreted_orally", True)
            if item.number in NEEDED_EXPLANATION:
                answers.set_flag(administration.key, item.id, "needed_explanation", True)
            if item.number in UNSURE:
                answers.set_flag(administration.key, item.id, "respondent_unsure", True)
        if item.is_free_text:
            if words:
                answers.answer_text(administration.key, item.id, words)
        elif item.number in scores:
            answers.answer(administration.key, item.id, _answer(scores[item.number], item.number))
        else:
            answers.decline(administration.key, item.id)
    answers.mark_completed(administration.key)
    answers.store.set_step_state(interview.key, InterviewStep.SCORE15, StepState.DONE)


def add_questionnaire_demo(store: StudyStore) -> None:
    """SCORE-15 for F001 (both waves) and F002 (wave 1, interpreted), other questions for F001."""
    instruments, _errors = load_shipped_instruments()
    answers = AnswerStore(store, instruments)
    families = {s.family.code: s.family for s in store.family_summaries()}

    x1, x2 = store.interviews_of(families["F001"].key)[:2]
    _score15(answers, x1, FAMILY_X_WAVE_1,
             _members(store, x1, ["Child X", "Mother X", "Grandmother"]), words=FAMILY_X_WORDS)
    _score15(answers, x2, FAMILY_X_WAVE_2,
             _members(store, x2, ["Child X", "Mother X", "Baby sister"]))

    other, _english = choose_wording(instruments, "family_questions", x1.language) or (None, None)
    assert other is not None
    administration = answers.start(x1.key, other)
    for item_id, code in OTHER_QUESTIONS_FAMILY_X.items():
        answers.answer(administration.key, item_id, code)
    answers.mark_completed(administration.key)
    store.set_step_state(x1.key, InterviewStep.OTHER_QUESTIONS, StepState.DONE)

    interpreted = store.interviews_of(families["F002"].key)[0]
    _score15(answers, interpreted, INTERPRETED,
             [FamilyMember(None, label) for label in ("Me", "My husband", "Our three children")],
             interpreted=True)
