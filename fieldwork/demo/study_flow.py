"""The rest of the demo study: enough families for the fieldwork to look like the evaluation's.

The evaluation approached families through social-worker nominations and a list, met
"a high rate of noncontact and withdrawal", interviewed 19 families, used 17, and reached
13 at wave 2 ("the remaining 4 were uncontactable or refused"). The demo's first families
(F001–F009) each show one feature; the fifteen here (F010–F024, all invented) give the
Fieldwork view, the follow-up list, the flow diagram and the analysts' tables a study's
worth of figures:

- eleven families interviewed in person at wave 1, with consent, a map, SCORE-15 and the
  other questions, their support levels and SCORE-15 totals inside the report's ranges
  (section 3.2.6: "from 16 - 27 among those with strong networks; 20 - 51 among those with
  a moderate network and 25- 48 among those with low levels of support"); with Family X,
  five maps rated strong, as the report's "5 expressed strong support";
- ten of them again at wave 2 by telephone — the map carried forward and changed a
  little or a lot, no SCORE-15 (as the evaluation: "we did not repeat the SCORE-15 measure
  in the follow up interviews as these interviews were undertaken by telephone");
- one not seen at wave 2: moved away, as a fifth of the boroughs' families do each year
  (F008, three tries without an answer, stays overdue on the follow-up list);
- four never interviewed: two declined, one turned away by the social worker (a
  gatekeeper), one never reached.

Together with F001–F009: 24 families approached, 19 with a wave-1 interview (one withdrew,
one stopped), and 13 with a wave-2 interview, one of them still to come. Every name, answer
and note is invented; everything goes through the stores, as a researcher's edits do.
Qt-free.
"""

from __future__ import annotations

import random
import uuid
from dataclasses import dataclass
from datetime import date, timedelta

from fieldwork.demo.questionnaires import give_score15, give_verbal_consent
from fieldwork.domain.casebook import InterviewStatus
from fieldwork.domain.interview_steps import InterviewStep, StepState
from fieldwork.domain.map_changes import compare_maps
from fieldwork.domain.network_map import NetworkMap
from fieldwork.domain.recruitment import FieldworkOutcome, Recruitment
from fieldwork.storage.answer_store import AnswerStore, FamilyMember, choose_wording, load_shipped_instruments
from fieldwork.storage.fieldwork_store import record_attempt, save_outcome, save_recruitment
from fieldwork.storage.map_store import StoredMap
from fieldwork.storage.study_store import StudyStore

NOMINATED, LISTED = "social_worker_nomination", "sample_from_list"
_KEYS = uuid.UUID("6f1d2c55-0c4e-4bb0-9d6a-2f3b8a4e9c10")
POSITIVELY_WORDED = {1, 3, 6, 10, 15}


@dataclass(frozen=True)
class FlowFamily:
    code: str
    site: str
    case_type: str
    route: str
    approached: date
    outcome: str                   # recruitment outcome
    support: str | None = None     # the researcher's rating at wave 1, when interviewed
    score15_total: int | None = None
    wave_2: str | None = None      # a change summary, or an attrition reason when not seen


FAMILIES = (
    FlowFamily("F010", "Borough A", "child_in_need", NOMINATED, date(2015, 6, 29), "agreed", "strong", 22, "no_change"),
    FlowFamily("F011", "Borough A", "child_protection", NOMINATED, date(2015, 7, 1), "agreed", "moderate", 38,
               "some_change"),
    FlowFamily("F012", "Borough A", "child_in_need", LISTED, date(2015, 7, 3), "agreed", "low", 41, "some_change"),
    FlowFamily("F013", "Borough B", "child_protection", NOMINATED, date(2015, 7, 6), "agreed", "low", 33,
               "no_change"),
    FlowFamily("F014", "Borough B", "child_in_need", NOMINATED, date(2015, 7, 8), "agreed", "strong", 19, "no_change"),
    FlowFamily("F015", "Borough B", "child_in_need", NOMINATED, date(2015, 7, 10), "agreed", "moderate", 47,
               "major_change"),
    FlowFamily("F016", "Borough C", "child_protection", NOMINATED, date(2015, 7, 13), "agreed", "low", 29,
               "some_change"),
    FlowFamily("F017", "Borough C", "child_in_need", LISTED, date(2015, 7, 15), "agreed", "strong", 26, "no_change"),
    FlowFamily("F018", "Borough C", "child_protection", NOMINATED, date(2015, 7, 17), "agreed", "strong", 17,
               "some_change"),
    FlowFamily("F019", "Borough A", "child_in_need", NOMINATED, date(2015, 7, 20), "agreed", "low", 45, "no_change"),
    FlowFamily("F020", "Borough B", "child_protection", NOMINATED, date(2015, 7, 22), "agreed", "moderate", 36,
               "moved_away"),
    FlowFamily("F021", "Borough A", "child_in_need", NOMINATED, date(2015, 6, 24), "declined"),
    FlowFamily("F022", "Borough B", "child_protection", NOMINATED, date(2015, 7, 2), "gatekeeper_declined"),
    FlowFamily("F023", "Borough C", "child_in_need", LISTED, date(2015, 7, 9), "declined"),
    FlowFamily("F024", "Borough C", "child_protection", LISTED, date(2015, 7, 16), "not_contactable"),
)

# (label, relationship, ring, sector, closeness, frequency, support) by the support the
# family has: strong — practical help with the children or emotional support close by;
# moderate — fewer or weaker ties, less contact; low — mainly professionals (section 3.2.6).
PEOPLE = {
    "strong": (("Grandmother", "grandparent", 1, "family_household", "very_close", "daily_weekly",
                {"practical_children", "emotional"}),
               ("Sister", "sibling", 1, "family_household", "very_close", "weekly_monthly", {"emotional"}),
               ("Best friend", "friend", 2, "friends_neighbours", "very_close", "weekly_monthly", {"emotional"}),
               ("Nursery staff", "teacher_nursery", 2, "community", "moderately_close", "daily_weekly",
                {"advice"}),
               ("Social worker", "social_worker", 3, "professionals", "loose", "weekly_monthly", {"advice"})),
    "moderate": (("Partner", "partner", 1, "family_household", "moderately_close", "daily_weekly", {"emotional"}),
                 ("Aunt", "other_relative", 2, "family_household", "moderately_close", "monthly_six_monthly",
                  {"emotional"}),
                 ("Neighbour", "neighbour", 2, "friends_neighbours", "loose", "weekly_monthly", {"advice"}),
                 ("Health visitor", "health_visitor", 2, "professionals", "moderately_close", "weekly_monthly",
                  {"advice"}),
                 ("Social worker", "social_worker", 3, "professionals", "loose", "weekly_monthly", {"advice"})),
    "low": (("Social worker", "social_worker", 1, "professionals", "moderately_close", "daily_weekly",
             {"advice", "emotional"}),
            ("Family support worker", "other_professional", 2, "professionals", "moderately_close",
             "weekly_monthly", {"practical_children"}),
            ("Cousin", "other_relative", 3, "family_household", "loose", "rarely_never", {"none"})),
}


def _key(code: str, label: str) -> str:
    return str(uuid.uuid5(_KEYS, f"{code}/{label}"))


def flow_map(family: FlowFamily, wave: int) -> NetworkMap:
    """The family's map at a wave; at wave 2 the wave-1 map changed as ``family.wave_2`` says."""
    network = NetworkMap("Mother", centre_role="respondent", centre_key=_key(family.code, "centre"))
    people = list(PEOPLE[family.support or "moderate"])
    if wave == 2 and family.wave_2 == "some_change":
        people.append(("New friend", "friend", 2, "friends_neighbours", "moderately_close", "weekly_monthly",
                       {"emotional"}))
    if wave == 2 and family.wave_2 == "major_change":
        people = [p for p in people if p[0] != "Partner"]  # he left; her sister moved back in
        people.append(("Sister", "sibling", 1, "family_household", "very_close", "daily_weekly",
                       {"practical_children", "emotional"}))
    for label, relationship, ring, sector, closeness, frequency, support in people:
        network.add_person(label, relationship, ring=ring, sector=sector, key=_key(family.code, label),
                           closeness=closeness, frequency=frequency, support=set(support))
    if wave == 2 and family.wave_2 in ("some_change", "major_change"):
        network.add_person("Social worker", "social_worker", off_map_reason="no_contact",
                           key=_key(family.code, "Social worker (case closed)"),
                           off_map_note="Case closed since the first interview.")
    return network


def _item_scores(total: int, rng: random.Random) -> dict[int, int]:
    """Fifteen item scores (1–5, after keying) that add up to ``total``, not all alike."""
    scores = [total // 15] * 15
    for index in rng.sample(range(15), total - 15 * (total // 15)):
        scores[index] += 1
    for _ in range(6):  # move a point from one item to another, within 1–5
        up, down = rng.sample(range(15), 2)
        if scores[up] < 5 and scores[down] > 1:
            scores[up] += 1
            scores[down] -= 1
    return {number: score for number, score in enumerate(scores, start=1)}


def _visit(store: StudyStore, family_key: str, when: date, mode: str, researcher: str) -> str:
    interview = store.add_interview(family_key, interview_date=when, mode=mode, respondent_role="mother",
                                    researcher_key=researcher)
    store.change_status(interview.key, InterviewStatus.IN_PROGRESS)
    give_verbal_consent(store, store.interview(interview.key), store.researchers()[0].name)
    store.set_step_state(interview.key, InterviewStep.VISIT_DETAILS, StepState.DONE)
    store.set_step_state(interview.key, InterviewStep.CONSENT, StepState.DONE)
    return interview.key


def _finish(store: StudyStore, interview_key: str, note: str) -> None:
    store.update_interview(interview_key, closing_notes=note)
    store.set_step_state(interview_key, InterviewStep.CLOSING_NOTES, StepState.DONE)
    store.change_status(interview_key, InterviewStatus.COMPLETED)


def _other_questions(answers: AnswerStore, interview_key: str, language: str, rng: random.Random) -> None:
    shown, _english = choose_wording(answers.instruments, "family_questions", language) or (None, None)
    assert shown is not None
    administration = answers.start(interview_key, shown)
    for item in shown.items:
        answers.answer(administration.key, item.id, rng.choice(shown.scale(item.scale_id).codes))
    answers.mark_completed(administration.key)
    answers.store.set_step_state(interview_key, InterviewStep.OTHER_QUESTIONS, StepState.DONE)


def _interviewed(store: StudyStore, answers: AnswerStore, family: FlowFamily, family_key: str,
                 researcher: str, rng: random.Random) -> None:
    assert family.support is not None and family.score15_total is not None
    first_day = family.approached + timedelta(days=14 + rng.randint(0, 14))
    record_attempt(store, family_key, 1, family.approached + timedelta(days=2), "phone", "appointment_made",
                   "", researcher)
    first = _visit(store, family_key, first_day, "in_person", researcher)
    wave_1 = StoredMap.save_new(store, first, flow_map(family, 1))
    wave_1.rate_support(family.support)
    store.set_step_state(first, InterviewStep.NETWORK_MAP, StepState.DONE)
    give_score15(answers, store.interview(first), _item_scores(family.score15_total, rng),
                 [FamilyMember(None, label) for label in ("Me", "My children")])
    _other_questions(answers, first, store.interview(first).language, rng)
    _finish(store, first, "Interview in person; map, SCORE-15 and the other questions.")
    save_outcome(store, FieldworkOutcome(family_key, 1, "interviewed"))
    later = first_day + timedelta(days=180)
    if family.wave_2 in ("moved_away", "refused"):
        outcome = "moved_away" if family.wave_2 == "moved_away" else "declined"
        record_attempt(store, family_key, 2, later, "phone", "no_answer", "", researcher)
        record_attempt(store, family_key, 2, later + timedelta(days=5), "phone", outcome,
                       "Moved out of the borough; no new number." if outcome == "moved_away" else "", researcher)
        save_outcome(store, FieldworkOutcome(family_key, 2, "not_interviewed", family.wave_2))
        return
    record_attempt(store, family_key, 2, later, "phone", "appointment_made", "By telephone.", researcher)
    second = _visit(store, family_key, later + timedelta(days=7), "telephone", researcher)
    wave_2_map = flow_map(family, 2)
    wave_2 = StoredMap.save_new(store, second, wave_2_map, carried_from=first)
    wave_2.rate_support(family.support)
    proposed = compare_maps(flow_map(family, 1), wave_2_map).summary
    wave_2.confirm_change_summary(proposed, proposed)
    store.set_step_state(second, InterviewStep.NETWORK_MAP, StepState.DONE)
    _finish(store, second, "Telephone follow-up; map carried forward; no SCORE-15 by telephone.")
    save_outcome(store, FieldworkOutcome(family_key, 2, "interviewed"))


def add_study_flow_demo(store: StudyStore) -> None:
    """Add F010–F024, after every other part of the demo."""
    rng = random.Random(2016)
    answers = AnswerStore(store, load_shipped_instruments()[0])
    researcher = store.researchers()[0].key
    for family in FAMILIES:
        added = store.add_family(site=family.site, case_type=family.case_type)
        assert added.code == family.code, f"the demo expected {family.code}, got {added.code}"
        save_recruitment(store, Recruitment(added.key, family.route, family.approached, researcher,
                                            family.outcome, family.outcome == "agreed" or None))
        if family.outcome == "agreed":
            _interviewed(store, answers, family, added.key, researcher, rng)
            continue
        said = {"declined": "declined", "gatekeeper_declined": "declined",
                "not_contactable": "no_answer"}[family.outcome]
        note = "The social worker thought it was not the right time." if family.outcome == "gatekeeper_declined" else ""
        channel = "via_social_worker" if family.route == NOMINATED else "letter"
        record_attempt(store, added.key, 1, family.approached + timedelta(days=1), channel, said, note, researcher)
        reason = "uncontactable" if family.outcome == "not_contactable" else "refused"
        save_outcome(store, FieldworkOutcome(added.key, 1, "not_interviewed", reason))
