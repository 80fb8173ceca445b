"""The demo study's families and interviews (the case records every other part builds on).

Every family here is invented. 'Family X' follows Appendix 6 of the 2016 Focus on
Practice evaluation (a mother who put her son at the centre of her map, interviewed in
person at time 1 and by telephone at time 2, without SCORE-15). The others show an interview with an
interpreter, one stopped because the respondent became distressed, and visits still to come.
"""

from __future__ import annotations

from datetime import date
from pathlib import Path

from fieldwork.demo.network_maps import APPENDIX_6_SERVICES
from fieldwork.domain.casebook import InterviewStatus, StopReason
from fieldwork.domain.interview_steps import InterviewStep, StepState
from fieldwork.storage.study_store import StudyStore

DEMO_STUDY_NAME = "Focus on Practice family study (demo, fictional)"
DEMO_RESEARCHER = "R01 Demo Researcher"


def create_case_records(path: Path | str, passphrase: str) -> StudyStore:
    """Create the demo study at ``path`` with its families and interviews; return it open."""
    store = StudyStore.create(path, passphrase, DEMO_STUDY_NAME, DEMO_RESEARCHER)
    researcher = store.researchers()[0].key
    for site in ("Borough A", "Borough B", "Borough C"):
        store.add_site(site)

    family_x = store.add_family(
        site="Borough A",
        case_type="child_in_need",
        notes=(
            "Family X. Referred by the hospital after the child's father was aggressive on "
            "the ward. Mother lives with her own mother at time 1; wants a place of her own."
        ),
    )
    x1 = store.add_interview(
        family_x.key, interview_date=date(2015, 7, 14), respondent_role="mother",
        others_present="Child (2), asleep", researcher_key=researcher,
    )
    store.change_status(x1.key, InterviewStatus.IN_PROGRESS)
    store.update_interview(
        x1.key,
        closing_notes=(
            "Mother put her son at the centre of the map, her sister, her mother and herself "
            "close by; wider family, nursery teachers and her social worker in the next circle. "
            "Asked about the child's father: 'he was nowhere on the map'; she had not got a "
            "father either. " + APPENDIX_6_SERVICES + " Wants her own place to live with her "
            "son. Her social worker listened to her concerns and asked her own mother's "
            "opinion; she knows she can call her with any questions."
        ),
    )
    _mark_done(store, x1.key)
    store.change_status(x1.key, InterviewStatus.COMPLETED)
    x2 = store.add_interview(
        family_x.key, interview_date=date(2016, 1, 26), mode="telephone", respondent_role="mother",
        researcher_key=researcher,
    )
    store.change_status(x2.key, InterviewStatus.IN_PROGRESS)
    store.update_interview(
        x2.key,
        closing_notes=(
            "By telephone, so SCORE-15 was not repeated (as in the evaluation, Appendix 5). "
            "Things a lot better and more settled; children's services no longer involved (a "
            "little involved again during her pregnancy, satisfied with her parenting and "
            "support network, case closed). Son at school, doing well, confident, chatty, has "
            "friends. Baby daughter, 4 months; not in touch with either child's father. Own "
            "one-bedroom flat, too small: all three sleep in the bed. Her mother still helps "
            "with the children; friend N supportive. No new professionals or organisations. "
            "Overall satisfied with her social worker but does not want her in her life again."
        ),
    )
    _mark_done(store, x2.key)
    store.change_status(x2.key, InterviewStatus.COMPLETED)

    interpreted = store.add_family(
        site="Borough B", case_type="child_protection",
        notes="Arabic-speaking family; father works nights.",
    )
    i1 = store.add_interview(
        interpreted.key, interview_date=date(2015, 8, 3), language="ar",
        interpreter_present=True, interpreter="INT-07 (Arabic, borough interpreting service)",
        respondent_role="mother", others_present="Eldest daughter (15)", researcher_key=researcher,
    )
    store.change_status(i1.key, InterviewStatus.IN_PROGRESS)
    store.set_step_state(i1.key, InterviewStep.VISIT_DETAILS, StepState.DONE)
    store.update_interview(i1.key, closing_notes="Interpreter explained several questionnaire items.")
    store.set_step_state(i1.key, InterviewStep.CLOSING_NOTES, StepState.DONE)
    store.change_status(i1.key, InterviewStatus.COMPLETED)
    store.add_interview(
        interpreted.key, interview_date=date(2016, 2, 9), language="ar",
        interpreter_present=True, interpreter="INT-07 (Arabic, borough interpreting service)",
        respondent_role="mother", researcher_key=researcher,
    )

    stopped = store.add_family(site="Borough C", case_type="child_protection")
    s1 = store.add_interview(
        stopped.key, interview_date=date(2015, 6, 30), respondent_role="mother",
        researcher_key=researcher,
    )
    store.change_status(s1.key, InterviewStatus.IN_PROGRESS)
    store.set_step_state(s1.key, InterviewStep.VISIT_DETAILS, StepState.DONE)
    store.change_status(
        s1.key, InterviewStatus.TERMINATED, StopReason.RESPONDENT_DISTRESSED,
        "Respondent became upset talking about her mother; we stopped and agreed not to go on. "
        "Signposted to her social worker.",
    )

    polish = store.add_family(site="Borough A", case_type="looked_after")
    p1 = store.add_interview(
        polish.key, interview_date=date(2015, 7, 21), language="pl", interpreter_present=True,
        interpreter="INT-12 (Polish)", respondent_role="father", researcher_key=researcher,
    )
    store.change_status(p1.key, InterviewStatus.IN_PROGRESS)
    store.set_step_state(p1.key, InterviewStep.VISIT_DETAILS, StepState.DONE)

    young = store.add_family(site="Borough B", case_type="child_in_need")
    store.add_interview(
        young.key, interview_date=date(2015, 8, 18), respondent_role="young_person",
        others_present="Foster carer", researcher_key=researcher,
    )
    store.add_family(site="Borough C", case_type="other", notes="Not yet contacted.")
    return store


def _mark_done(store: StudyStore, interview_key: str) -> None:
    store.set_step_state(interview_key, InterviewStep.VISIT_DETAILS, StepState.DONE)
    store.set_step_state(interview_key, InterviewStep.CLOSING_NOTES, StepState.DONE)
