"""The demo's conversation: Family X's services, needs and notes by theme at both waves.

Follows Appendix 6 of the 2016 evaluation. At time 1 she used the nursery, the doctors and
a speech and language therapist every week for her son, a lawyer (for an injunction
against the child's father) and adult education; she wanted her own place to live with
her son. At time 2, by telephone: her son at school, the doctors, and her own (too small)
flat; no new professionals. The notes paraphrase the appendix; the passages marked as
quotes are invented first-person words (the report gives no verbatim quotes of hers), and
she agreed to anonymous quotes on her consent form. Qt-free.
"""

from __future__ import annotations

from fieldwork.domain.errors import FieldworkError
from fieldwork.domain.interview_steps import InterviewStep, StepState
from fieldwork.domain.resource_library import load_resource_library
from fieldwork.domain.topic_guides import GuidePair
from fieldwork.storage import conversation_store as conversation
from fieldwork.storage.study_store import StudyStore

WAVE_1_SERVICES = {
    "nursery_school": ("used", "daily_weekly"),
    "gp": ("used", None),
    "speech_language_therapy": ("used", "daily_weekly"),
    "legal": ("used", None),
    "adult_education": ("used", None),
    "housing": ("wanted_not_got", None),
}
WAVE_2_SERVICES = {
    "nursery_school": ("used", "daily_weekly"),
    "gp": ("used", None),
    "housing": ("used", None),
}

WAVE_1_NOTES = {
    "family_now": ("discussed", "Lives with her own mother, who let her stay after the hospital referral. "
                   "Son is 2; had a routine operation. His father was aggressive on the ward; she does "
                   "not live with him."),
    "services_used": ("discussed", "Nursery for her son; the doctors, and a speech and language therapist "
                      "every week since his operation. The social worker set these up, put her in touch "
                      "with a lawyer for an injunction against the child's father, and helped her get "
                      "into adult education: \"to feel better about myself and get a job\"."),
    "services_not_got": ("discussed", "Her own place to live with her son. \"I want a place of my own "
                         "for me and him.\""),
    "professionals": ("discussed", "Finds it easy to talk to the nursery and the doctors. Knows she can "
                      "call her social worker with any question."),
    "social_worker": ("discussed", "\"She listens to me, and she asked my mum what she thought.\" Her "
                      "mother's opinion being asked mattered to her."),
    "anything_else": ("skipped", ""),
}
WAVE_1_QUOTES = {"social_worker": "She listens to me, and she asked my mum what she thought."}

WAVE_2_NOTES = {
    "what_changed": ("discussed", "Things a lot better and more settled. Baby daughter, 4 months. Her "
                     "own flat now, but a small one-bed: all three sleep in the bed. \"I feel more in "
                     "control of things now.\""),
    "services_now": ("discussed", "Son at school, doing well: confident, chatty, has friends. Got the "
                     "housing she wanted at time 1, though too small."),
    "new_professionals": ("discussed", "No new professionals or organisations."),
    "social_workers_again": ("discussed", "Case closed; children's services were a little involved "
                             "again during her pregnancy and were satisfied. Satisfied overall with her "
                             "social worker but does not want one in her life again."),
    "anything_else": ("skipped", ""),
}
WAVE_2_QUOTES = {"what_changed": "I feel more in control of things now."}


def _guide(store: StudyStore, interview_key: str) -> GuidePair:
    pair = conversation.guide_for(store, interview_key, load_resource_library().topic_guides)
    if pair is None:
        raise FieldworkError("No topic guide for the demo's waves in resources/guides/; "
                             "the app was installed without its data files.")
    return pair


def _record(store: StudyStore, interview_key: str, services: dict[str, tuple[str, str | None]],
            notes: dict[str, tuple[str, str]], quotes: dict[str, str]) -> None:
    pair = _guide(store, interview_key)
    conversation.start_conversation(store, interview_key, pair)
    for position, theme_id in enumerate(pair.shown.theme_ids):
        state, text = notes[theme_id]
        if text:
            conversation.save_notes(store, interview_key, theme_id, text, position)
        conversation.set_theme_state(store, interview_key, theme_id, state, position)
    for service, (use, frequency) in services.items():
        conversation.set_service(store, interview_key, service, use, frequency)
    for theme_id, passage in quotes.items():
        conversation.mark_quote(store, interview_key, theme_id, passage)
    store.set_step_state(interview_key, InterviewStep.CONVERSATION, StepState.DONE)


def add_conversation_demo(store: StudyStore) -> None:
    """Family X's (F001) conversation at time 1 and time 2."""
    family = next(s.family for s in store.family_summaries() if s.family.code == "F001")
    by_wave = {interview.wave: interview for interview in store.interviews_of(family.key)}
    _record(store, by_wave[1].key, WAVE_1_SERVICES, WAVE_1_NOTES, WAVE_1_QUOTES)
    _record(store, by_wave[2].key, WAVE_2_SERVICES, WAVE_2_NOTES, WAVE_2_QUOTES)
