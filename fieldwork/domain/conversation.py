"""The conversation's code lists: where a theme stands, the services checklist, the notes on a theme.

Owns the codes the Conversation step stores and the export writes (``THEME_STATES``,
``THEME_FLAGS``, ``SERVICES``, ``SERVICE_USE``, ``SERVICE_FREQUENCY``) and which consent
component allows what: notes, themes and services need the interview component; marking a
passage as a quote also needs the family's consent to anonymous quotes
(``QUOTES_COMPONENT``, the 'anonymous_quotes' statement of the consent form: "things I say
can be quoted in reports, without my name"). Codes are stable: they are stored and are what
analysts get; the English labels are for the screens and the codebook. The services are
those the evaluation asked families about (nursery, doctors, speech and language therapy,
a lawyer, adult education, housing, ...). Never imports Qt.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from dataclasses import dataclass

from fieldwork.domain.consent import ConsentComponent
from fieldwork.domain.errors import InvalidInput
from fieldwork.domain.network_codes import FREQUENCY

NOTES_COMPONENT = ConsentComponent.INTERVIEW
QUOTES_COMPONENT = ConsentComponent.ANONYMOUS_QUOTES

DISCUSSED, SKIPPED = "discussed", "skipped"
THEME_STATES: dict[str, str] = {DISCUSSED: "Discussed", SKIPPED: "Skipped"}
"""No row for a theme means 'not reached yet'."""

THEME_FLAGS: dict[str, str] = {
    "interpreted_orally": "Interpreted orally",
    "needed_explanation": "Needed explanation",
    "respondent_unsure": "Respondent unsure",
}
"""Per-theme notes the researcher can tick, as for SCORE-15 items (one column each)."""

SERVICES: dict[str, str] = {
    "nursery_school": "Nursery or school",
    "gp": "GP or doctors",
    "health_visitor": "Health visitor",
    "speech_language_therapy": "Speech and language therapy",
    "mental_health": "Mental health",
    "housing": "Housing",
    "legal": "Legal (a solicitor or lawyer)",
    "adult_education": "Adult education",
    "family_support": "Family support",
    "other": "Other",
}
"""The services checklist, in the order it is asked."""

USED, WANTED_NOT_GOT, NOT_RELEVANT = "used", "wanted_not_got", "not_relevant"
SERVICE_USE: dict[str, str] = {
    USED: "Used",
    WANTED_NOT_GOT: "Wanted but not got",
    NOT_RELEVANT: "Not relevant",
}

SERVICE_FREQUENCY: dict[str, str] = dict(FREQUENCY)
"""How often a used service is seen: the contact scale of the network map (the evaluation's Table 3.14)."""


@dataclass(frozen=True)
class ServiceAnswer:
    """One service of the checklist as the family answered it (no answer: not asked yet)."""

    service: str
    use: str
    frequency: str | None = None

    def __post_init__(self) -> None:
        _check(self.service, SERVICES, "service")
        _check(self.use, SERVICE_USE, f"use of {SERVICES[self.service].lower()}")
        if self.frequency is not None:
            _check(self.frequency, SERVICE_FREQUENCY, f"how often: {SERVICES[self.service].lower()}")
            if self.use != USED:
                raise InvalidInput(f"how often: {SERVICES[self.service].lower()}",
                                   "only a service the family used has a frequency.")


def _check(value: object, codes: Mapping[str, str], what: str) -> None:
    if value not in codes:
        raise InvalidInput(what, f"'{value}' is not one of the codes ({', '.join(codes)}).")


def check_theme_flag(flag: str) -> str:
    _check(flag, THEME_FLAGS, "theme note")
    return flag


def conversation_done(theme_ids: Iterable[str], states: Mapping[str, str | None]) -> bool:
    """True when every theme of the guide was discussed or skipped."""
    return all(states.get(theme_id) in THEME_STATES for theme_id in theme_ids)


def quote_problem(passage: str, notes: str) -> str | None:
    """Why ``passage`` cannot be marked as a quote in ``notes``, or None when it can."""
    if not passage.strip():
        return "select the words to mark as a quote first."
    if passage not in notes:
        return "a quote must be words from the notes on this theme."
    return None
