"""The demo's questionnaires: SCORE-15 and the other questions for Family X at time 1,
SCORE-15 through an interpreter, and SCORE-15 repeated for another family.

Every answer is invented. Family X (F001) answers SCORE-15 in person at wave 1, counting
only her household as 'the family' although her map is wider, as the evaluation saw; her
wave 2 was by telephone, and the evaluation did not repeat SCORE-15 by telephone
(Appendix 5), so neither does the demo. Her other answers follow her account (Appendix 6:
her social worker "listened to her concerns", she "could call up her social worker if she
had any questions"). The Arabic-speaking family (F002) answers through interpreter INT-07:
no validated Arabic SCORE-15 ships, so the English is shown and every item is recorded as
interpreted orally, not validated, with the items that needed explaining marked.
Family Z (fictional, not in the report; added last, so F009) shows SCORE-15 repeated in
person: 56 at time 1, above the clinical cut-off, 36 at time 2, a reliable improvement by
the default threshold of 17.51 points (Nebeker Adams 2018). Needs the consent demo first.
Qt-free.
"""

from __future__ import annotations

from datetime import UTC, date, datetime

from fieldwork.domain.casebook import Interview, InterviewStatus
from fieldwork.domain.consent import HowGiven, answers_from_choices, confirm_consent
from fieldwork.domain.consent_forms import CONSENT_FORMS_FOLDER, newest_form
from fieldwork.domain.interview_steps import InterviewStep, StepState
from fieldwork.domain.resource_loading import load_consent_forms
from fieldwork.storage.answer_store import (
    AnswerStore,
    FamilyMember,
    choose_wording,
    load_shipped_instruments,
)
from fieldwork.storage.consent_store import save_consent
from fieldwork.storage.map_store import load_map
from fieldwork.storage.study_store import StudyStore

POSITIVELY_WORDED = {1, 3, 6, 10, 15}

# Item scores (after keying, higher = more difficulty) by item number.
FAMILY_X_WAVE_1 = {1: 3, 2: 3, 3: 3, 4: 4, 5: 3, 6: 2, 7: 3, 8: 4, 9: 3, 10: 2, 11: 3, 12: 2,
                   13: 3, 14: 3, 15: 2}  # total 43
FAMILY_Z_WAVE_1 = {1: 4, 2: 4, 3: 4, 4: 4, 5: 4, 6: 3, 7: 4, 8: 3, 9: 4, 10: 4, 11: 4, 12: 3,
                   13: 3, 14: 4, 15: 4}  # total 56, above the cut-off of 51.92
FAMILY_Z_WAVE_2 = {1: 3, 2: 2, 3: 3, 4: 2, 5: 3, 6: 2, 7: 2, 8: 2, 9: 3, 10: 3, 11: 3, 12: 2,
                   13: 2, 14: 2, 15: 2}  # total 36: 20 points better
INTERPRETED = {1: 2, 2: 2, 3: 3, 4: 3, 5: 4, 6: 2, 7: 3, 8: 2, 9: 4, 10: 2, 11: 3, 13: 2,
               14: 3, 15: 3}  # item 12 declined
NEEDED_EXPLANATION = {4, 8, 9, 13}  # 'risky to disagree', 'ignore on purpose', 'crisis', 'interfere'
UNSURE = {9}

# Consistent with Appendix 6: she can call up her social worker with any questions, who
# listened to her concerns; she was getting the help she needed set up.
OTHER_QUESTIONS_FAMILY_X = {
    "professionals_dislike_talking": "disagree",
    "professionals_good_at_getting_help": "agree",
    "professionals_dont_understand_social_workers": "disagree",
    "feelings_about_services": "positive",
    "agreement_on_priorities": "yes",
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


def give_score15(answers: AnswerStore, interview: Interview, scores: dict[int, int],
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
    """SCORE-15 for F001 (wave 1 only) and F002 (wave 1, interpreted), other questions for F001."""
    instruments, _errors = load_shipped_instruments()
    answers = AnswerStore(store, instruments)
    families = {s.family.code: s.family for s in store.family_summaries()}

    x1 = store.interviews_of(families["F001"].key)[0]
    give_score15(answers, x1, FAMILY_X_WAVE_1,
             _members(store, x1, ["Child X", "Mother X", "Grandmother"]), words=FAMILY_X_WORDS)

    other, _english = choose_wording(instruments, "family_questions", x1.language) or (None, None)
    assert other is not None
    administration = answers.start(x1.key, other)
    for item_id, code in OTHER_QUESTIONS_FAMILY_X.items():
        answers.answer(administration.key, item_id, code)
    answers.mark_completed(administration.key)
    store.set_step_state(x1.key, InterviewStep.OTHER_QUESTIONS, StepState.DONE)

    interpreted = store.interviews_of(families["F002"].key)[0]
    give_score15(answers, interpreted, INTERPRETED,
             [FamilyMember(None, label) for label in ("Me", "My husband", "Our three children")],
             interpreted=True)


def add_repeated_score15_demo(store: StudyStore) -> None:
    """Family Z: SCORE-15 in person at both waves, a reliable change across the cut-off."""
    answers = AnswerStore(store, load_shipped_instruments()[0])
    family = store.add_family(site="Borough B", case_type="child_in_need",
                              notes="Family Z (fictional): SCORE-15 repeated in person.")
    researcher = store.researchers()[0]
    members = [FamilyMember(None, label) for label in ("Me", "My partner", "My son (14)")]
    for when, scores in ((date(2015, 8, 11), FAMILY_Z_WAVE_1), (date(2016, 2, 16), FAMILY_Z_WAVE_2)):
        interview = store.add_interview(family.key, interview_date=when, respondent_role="mother",
                                        others_present="Son (14)", researcher_key=researcher.key)
        store.change_status(interview.key, InterviewStatus.IN_PROGRESS)
        give_verbal_consent(store, interview, researcher.name)
        store.set_step_state(interview.key, InterviewStep.VISIT_DETAILS, StepState.DONE)
        give_score15(answers, store.interview(interview.key), scores, members,
                 words="Loud, loyal, getting there" if scores is FAMILY_Z_WAVE_2 else "Tired, stuck")
        store.update_interview(interview.key, closing_notes="SCORE-15 given in person.")
        store.set_step_state(interview.key, InterviewStep.CLOSING_NOTES, StepState.DONE)
        store.change_status(interview.key, InterviewStatus.COMPLETED)


def give_verbal_consent(store: StudyStore, interview: Interview, researcher: str) -> None:
    forms, _errors = load_consent_forms(CONSENT_FORMS_FOLDER)
    # The form for the wave: at wave 2 the family is asked again on the wave-2 form.
    form = newest_form(forms, "family-interview" if interview.wave == 1 else "family-interview-wave2")
    assert form is not None  # write_demo_study checked the forms are installed
    when = interview.interview_date
    save_consent(store, confirm_consent(
        form, interview_id=interview.key,
        answers=answers_from_choices(form, {s.statement_id: s.component != "audio_recording"
                                            for s in form.statements}),
        how_given=HowGiven.VERBAL, researcher_confirmation=researcher,
        confirmed_at=datetime(when.year, when.month, when.day, 10, 0, tzinfo=UTC)))
