"""The study's case records: the study, its researchers, families and their interviews.

Plain dataclasses with stable codes (what analysts get as raw values) and English labels
(what the codebook and the UI start from). The rules a record must follow live here, next
to the record: what a family code looks like, which interview status may follow which,
that stopping an interview needs a reason.
"""

from __future__ import annotations

import re
import uuid
from dataclasses import dataclass, field, replace
from datetime import date, datetime
from enum import StrEnum
from typing import TypeVar

from fieldwork.domain.errors import InvalidInput
from fieldwork.domain.language_tags import is_language_tag


def new_key() -> str:
    """A new record key: a UUID, so records from several laptops can be merged."""
    return str(uuid.uuid4())


class CaseType(StrEnum):
    CHILD_IN_NEED = "child_in_need"
    CHILD_PROTECTION = "child_protection"
    LOOKED_AFTER = "looked_after"
    OTHER = "other"


CASE_TYPE_LABELS = {
    CaseType.CHILD_IN_NEED: "Child in need",
    CaseType.CHILD_PROTECTION: "Child protection",
    CaseType.LOOKED_AFTER: "Looked after",
    CaseType.OTHER: "Other",
}


class InterviewMode(StrEnum):
    IN_PERSON = "in_person"
    TELEPHONE = "telephone"


INTERVIEW_MODE_LABELS = {
    InterviewMode.IN_PERSON: "In person",
    InterviewMode.TELEPHONE: "Telephone",
}


class InterviewStatus(StrEnum):
    PLANNED = "planned"
    IN_PROGRESS = "in_progress"
    COMPLETED = "completed"
    TERMINATED = "terminated"
    WITHDRAWN = "withdrawn"


INTERVIEW_STATUS_LABELS = {
    InterviewStatus.PLANNED: "Planned",
    InterviewStatus.IN_PROGRESS: "In progress",
    InterviewStatus.COMPLETED: "Completed",
    InterviewStatus.TERMINATED: "Stopped",
    InterviewStatus.WITHDRAWN: "Withdrawn",
}

# Which status may follow which. Completed, stopped and withdrawn interviews are closed:
# reopening one would blur what the family agreed to and what happened on the day. A
# completed or stopped interview may still be *reopened for correction* (see
# ``Interview.reopened_for_correction``): its status stays what happened on the day.
ALLOWED_STATUS_CHANGES: dict[InterviewStatus, frozenset[InterviewStatus]] = {
    InterviewStatus.PLANNED: frozenset(
        {InterviewStatus.IN_PROGRESS, InterviewStatus.WITHDRAWN, InterviewStatus.TERMINATED}
    ),
    InterviewStatus.IN_PROGRESS: frozenset(
        {InterviewStatus.COMPLETED, InterviewStatus.TERMINATED, InterviewStatus.WITHDRAWN}
    ),
    InterviewStatus.COMPLETED: frozenset({InterviewStatus.WITHDRAWN}),
    InterviewStatus.TERMINATED: frozenset({InterviewStatus.WITHDRAWN}),
    InterviewStatus.WITHDRAWN: frozenset(),
}


FINISHED_STATUSES = frozenset(
    {InterviewStatus.COMPLETED, InterviewStatus.TERMINATED, InterviewStatus.WITHDRAWN})
# A withdrawn interview is never reopened: the family asked for it to end.
CORRECTABLE_STATUSES = frozenset({InterviewStatus.COMPLETED, InterviewStatus.TERMINATED})


class StopReason(StrEnum):
    RESPONDENT_DISTRESSED = "respondent_distressed"
    RESPONDENT_ASKED_TO_STOP = "respondent_asked_to_stop"
    SAFEGUARDING_CONCERN = "safeguarding_concern"
    INTERRUPTION = "interruption"
    OTHER = "other"


STOP_REASON_LABELS = {
    StopReason.RESPONDENT_DISTRESSED: "Respondent became distressed",
    StopReason.RESPONDENT_ASKED_TO_STOP: "Respondent asked to stop",
    StopReason.SAFEGUARDING_CONCERN: "Safeguarding concern",
    StopReason.INTERRUPTION: "Interruption",
    StopReason.OTHER: "Other",
}


class RespondentRole(StrEnum):
    MOTHER = "mother"
    FATHER = "father"
    YOUNG_PERSON = "young_person"
    GRANDPARENT = "grandparent"
    OTHER_CARER = "other_carer"
    OTHER = "other"


RESPONDENT_ROLE_LABELS = {
    RespondentRole.MOTHER: "Mother",
    RespondentRole.FATHER: "Father",
    RespondentRole.YOUNG_PERSON: "Young person (12+)",
    RespondentRole.GRANDPARENT: "Grandparent",
    RespondentRole.OTHER_CARER: "Other carer",
    RespondentRole.OTHER: "Other",
}

# Interview languages offered first; any other BCP-47 code may be typed.
COMMON_LANGUAGES = {
    "en": "English",
    "ar": "Arabic",
    "bn": "Bengali",
    "fr": "French",
    "pl": "Polish",
    "pt": "Portuguese",
    "ro": "Romanian",
    "so": "Somali",
    "ti": "Tigrinya",
    "tr": "Turkish",
    "ur": "Urdu",
}

FAMILY_CODE = re.compile(r"^F\d{3,}$")


def language_label(code: str) -> str:
    """The English name of a language code, or the code itself when we do not know it."""
    return COMMON_LANGUAGES.get(code, code)


def check_language(code: str) -> str:
    code = code.strip()
    if not is_language_tag(code):  # the one rule every resource file's language follows too
        raise InvalidInput(
            "interview language",
            f"'{code}' is not a language code; use a code such as 'en', 'ar' or 'pl'",
        )
    return code


def next_family_code(existing: list[str]) -> str:
    """The code after the highest F-number in use: F001, F002, ..."""
    numbers = [int(code[1:]) for code in existing if FAMILY_CODE.match(code)]
    return f"F{(max(numbers) + 1 if numbers else 1):03d}"


@dataclass(frozen=True)
class Study:
    key: str
    name: str
    sites: tuple[str, ...] = ()


@dataclass(frozen=True)
class Researcher:
    key: str
    name: str


@dataclass(frozen=True)
class Family:
    key: str
    code: str
    site: str = ""
    case_type: CaseType = CaseType.CHILD_IN_NEED
    notes: str = ""

    def __post_init__(self) -> None:
        if not FAMILY_CODE.match(self.code):
            raise InvalidInput(
                "family code", f"'{self.code}' should be F followed by digits, like F001"
            )
        object.__setattr__(self, "case_type", _code(CaseType, self.case_type, "case type"))


@dataclass(frozen=True)
class Interview:
    key: str
    family_key: str
    wave: int
    interview_date: date | None = None
    mode: InterviewMode = InterviewMode.IN_PERSON
    language: str = "en"
    interpreter_present: bool = False
    interpreter: str = ""
    respondent_role: RespondentRole = RespondentRole.MOTHER
    others_present: str = ""
    researcher_key: str | None = None
    status: InterviewStatus = InterviewStatus.PLANNED
    stop_reason: StopReason | None = None
    stop_note: str = ""
    closing_notes: str = ""
    # The last reopening for correction (when, why) and whether that correction is still
    # open: analysts see that a finished interview was changed afterwards.
    reopened_at: datetime | None = None
    reopen_reason: str = ""
    correction_open: bool = False

    def __post_init__(self) -> None:
        if not isinstance(self.wave, int) or not 1 <= self.wave <= 9:
            raise InvalidInput("wave", f"'{self.wave}' should be a whole number from 1 to 9")
        object.__setattr__(self, "mode", _code(InterviewMode, self.mode, "mode"))
        object.__setattr__(
            self, "respondent_role", _code(RespondentRole, self.respondent_role, "respondent")
        )
        object.__setattr__(self, "status", _code(InterviewStatus, self.status, "status"))
        object.__setattr__(self, "language", check_language(self.language))
        if self.stop_reason is not None:
            object.__setattr__(
                self, "stop_reason", _code(StopReason, self.stop_reason, "reason for stopping")
            )
        if self.interpreter_present and not self.interpreter.strip():
            raise InvalidInput(
                "interpreter", "an interpreter is present: give their name or ID"
            )
        if self.status is InterviewStatus.TERMINATED and self.stop_reason is None:
            raise InvalidInput("reason for stopping", "a stopped interview needs a reason")

    @property
    def wave_label(self) -> str:
        return f"wave {self.wave}"

    @property
    def is_finished(self) -> bool:
        """Completed, stopped or withdrawn: what was recorded is what happened."""
        return self.status in FINISHED_STATUSES

    @property
    def can_be_changed(self) -> bool:
        """Open, or a finished (not withdrawn) interview reopened for correction."""
        if self.status is InterviewStatus.WITHDRAWN:
            return False
        return not self.is_finished or self.correction_open

    def reopened_for_correction(self, reason: str, at: datetime) -> Interview:
        """This finished interview open again to correct what was recorded, and why."""
        reason = reason.strip()
        if self.status not in CORRECTABLE_STATUSES:
            raise InvalidInput(
                "reopen for correction",
                f"an interview that is {INTERVIEW_STATUS_LABELS[self.status].lower()} cannot be "
                "reopened; only completed or stopped interviews can",
            )
        if self.correction_open:
            raise InvalidInput("reopen for correction", "this interview is already open for correction")
        if not reason:
            raise InvalidInput("reason for reopening", "say why the interview is reopened")
        return replace(self, reopened_at=at, reopen_reason=reason, correction_open=True)

    def correction_finished(self) -> Interview:
        """The correction is over: read-only again; when and why it was reopened stays."""
        if not self.correction_open:
            raise InvalidInput("finish correction", "this interview is not open for correction")
        return replace(self, correction_open=False)

    def moved_to(
        self,
        status: InterviewStatus | str,
        stop_reason: StopReason | str | None = None,
        stop_note: str = "",
    ) -> Interview:
        """This interview in a new status, if the change is allowed."""
        status = _code(InterviewStatus, status, "status")
        if status not in ALLOWED_STATUS_CHANGES[self.status]:
            raise InvalidInput(
                "status",
                f"an interview that is {INTERVIEW_STATUS_LABELS[self.status].lower()} "
                f"cannot become {INTERVIEW_STATUS_LABELS[status].lower()}",
            )
        if status is InterviewStatus.TERMINATED:
            if stop_reason is None:
                raise InvalidInput("reason for stopping", "a stopped interview needs a reason")
            return replace(self, status=status, stop_reason=stop_reason, stop_note=stop_note)
        return replace(self, status=status)


_Code = TypeVar("_Code", bound=StrEnum)


def _code(kind: type[_Code], value: object, what: str) -> _Code:
    try:
        return kind(value)
    except ValueError:
        allowed = ", ".join(member.value for member in kind)
        raise InvalidInput(what, f"'{value}' is not one of: {allowed}") from None


@dataclass(frozen=True)
class FamilySummary:
    """One row of the family list: the family and where its latest interview stands."""

    family: Family
    interviews: int = 0
    latest_wave: int | None = None
    latest_status: InterviewStatus | None = None
    waves: tuple[int, ...] = field(default_factory=tuple)

    @property
    def status_label(self) -> str:
        if self.latest_status is None:
            return "No interview yet"
        return INTERVIEW_STATUS_LABELS[self.latest_status]


@dataclass(frozen=True)
class SafeguardingReport:
    """Recorded when a visit is stopped for a safeguarding concern: was the procedure followed?

    Who was told and when are required once the procedure has been followed; a researcher
    who has not yet been able to tell anyone records that truthfully (``procedure_followed``
    False) and the family page keeps reminding them.
    """

    procedure_followed: bool
    who_was_told: str = ""
    told_at: datetime | None = None

    def __post_init__(self) -> None:
        if self.procedure_followed:
            if not self.who_was_told.strip():
                raise InvalidInput("who was told", "say who was told (a role is enough, e.g. duty social worker)")
            if self.told_at is None:
                raise InvalidInput("when they were told", "give the date and time they were told")
