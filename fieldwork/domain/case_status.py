"""Children's services case status per family and wave, and the family's social workers as codes.

The evaluation's analysis needs each family's case status at each wave ("Seven still had a
social worker and 6 cases had been closed"; the step-down analysis): ``CaseStatus`` is one
family's status at one wave, with the date it applied and where the information came from.
It may be recorded only with the family's consent to information from children's services
records (whichever component of their consent form gates ``case_status``).

``SocialWorkerLink`` ties a pseudonymous practitioner code (``SW01``, never a name) to a
family; a family can have more than one (25 social-worker interviews were linked to
families in the study, two for one family), each marked interviewed about this family or
not. Recorded only with the family's consent to their social worker being interviewed
(whichever component gates ``social_workers``). Qt-free.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from datetime import date, datetime
from enum import StrEnum

from fieldwork.domain.casebook import new_key
from fieldwork.domain.errors import InvalidInput


class CaseStatusCode(StrEnum):
    CHILD_IN_NEED = "child_in_need"
    CHILD_PROTECTION_PLAN = "child_protection_plan"
    LOOKED_AFTER = "looked_after"
    STEPPED_DOWN = "stepped_down"
    CLOSED = "closed"
    OPEN_TYPE_NOT_KNOWN = "open_type_not_known"
    OTHER = "other"


CASE_STATUS_LABELS = {
    CaseStatusCode.CHILD_IN_NEED: "Child in need",
    CaseStatusCode.CHILD_PROTECTION_PLAN: "Child protection plan",
    CaseStatusCode.LOOKED_AFTER: "Looked after",
    CaseStatusCode.STEPPED_DOWN: "Stepped down to early help",
    CaseStatusCode.CLOSED: "Closed",
    CaseStatusCode.OPEN_TYPE_NOT_KNOWN: "Open, type not known",
    CaseStatusCode.OTHER: "Other",
}

# Statuses under which the family still has a social worker (for "still had a social worker").
WITH_SOCIAL_WORKER = frozenset({CaseStatusCode.CHILD_IN_NEED, CaseStatusCode.CHILD_PROTECTION_PLAN,
                                CaseStatusCode.LOOKED_AFTER, CaseStatusCode.OPEN_TYPE_NOT_KNOWN})


class CaseStatusSource(StrEnum):
    RECORDS = "childrens_services_records"
    SOCIAL_WORKER = "social_worker"
    FAMILY = "family"
    OTHER = "other"


CASE_STATUS_SOURCE_LABELS = {
    CaseStatusSource.RECORDS: "Children's services records",
    CaseStatusSource.SOCIAL_WORKER: "The family's social worker",
    CaseStatusSource.FAMILY: "The family, at the interview",
    CaseStatusSource.OTHER: "Other",
}

# A practitioner code: letters then digits (SW01, TM2). Spaces and lower-case words are
# refused so that a name cannot be typed where a code belongs.
PRACTITIONER_CODE = re.compile(r"^[A-Z]{1,4}[0-9]{1,4}$")


def _code(kind: type[StrEnum], value: object, what: str) -> StrEnum:
    try:
        return kind(value)
    except ValueError:
        codes = ", ".join(f"'{c}'" for c in kind)
        raise InvalidInput(what, f"'{value}' is not one of {codes}") from None


def _wave(value: object) -> int:
    if not isinstance(value, int) or isinstance(value, bool) or not 1 <= value <= 9:
        raise InvalidInput("wave", f"'{value}' should be a whole number from 1 to 9")
    return value


def _day(value: object, what: str, today: date | None) -> date | None:
    if value is None:
        return None
    if not isinstance(value, date) or isinstance(value, datetime):
        raise InvalidInput(what, "must be a date")
    if value > (today or date.today()):
        raise InvalidInput(what, f"{value.isoformat()} is in the future")
    return value


@dataclass(frozen=True)
class CaseStatus:
    """A family's children's services status at one wave."""

    family_key: str
    wave: int
    status: CaseStatusCode
    source: CaseStatusSource
    as_of: date | None = None  # the date the status applied (or was checked)
    note: str = ""
    key: str = field(default_factory=new_key)

    def checked(self, today: date | None = None) -> CaseStatus:
        if not isinstance(self.family_key, str) or not self.family_key:
            raise InvalidInput("family", "is required")
        return CaseStatus(
            family_key=self.family_key, wave=_wave(self.wave),
            status=_code(CaseStatusCode, self.status, "case status"),  # type: ignore[arg-type]
            source=_code(CaseStatusSource, self.source, "source of the case status"),  # type: ignore[arg-type]
            as_of=_day(self.as_of, "case status date", today), note=(self.note or "").strip(), key=self.key)


@dataclass(frozen=True)
class SocialWorkerLink:
    """A practitioner, by code, linked to a family; interviewed about this family or not."""

    family_key: str
    practitioner_code: str
    interviewed: bool = False
    interviewed_on: date | None = None
    role: str = ""  # e.g. 'allocated social worker', 'team manager' (no names)
    note: str = ""
    key: str = field(default_factory=new_key)

    def checked(self, today: date | None = None) -> SocialWorkerLink:
        if not isinstance(self.family_key, str) or not self.family_key:
            raise InvalidInput("family", "is required")
        code = (self.practitioner_code or "").strip().upper()
        if not PRACTITIONER_CODE.match(code):
            raise InvalidInput("practitioner code", f"'{self.practitioner_code}' is not a code like "
                               "'SW01' (letters then digits; never a name)")
        if not isinstance(self.interviewed, bool):
            raise InvalidInput("interviewed", "must be yes or no")
        when = _day(self.interviewed_on, "interview date", today)
        if when is not None and not self.interviewed:
            raise InvalidInput("interview date", "is given but the social worker was not interviewed")
        return SocialWorkerLink(self.family_key, code, self.interviewed, when, (self.role or "").strip(),
                                (self.note or "").strip(), self.key)


@dataclass(frozen=True)
class WaveCaseSummary:
    """At one wave: how many families had a status recorded, still had a social worker, were closed."""

    wave: int
    families: int
    with_social_worker: int
    closed: int


def wave_summaries(statuses: list[CaseStatus]) -> list[WaveCaseSummary]:
    """Per wave, from each family's latest status at that wave (by date, then as recorded)."""
    latest: dict[tuple[int, str], CaseStatus] = {}
    for status in statuses:
        latest[(status.wave, status.family_key)] = status  # statuses come oldest first
    waves = sorted({wave for wave, _ in latest})
    return [WaveCaseSummary(
        wave, sum(1 for (w, _), _s in latest.items() if w == wave),
        sum(1 for (w, _), s in latest.items() if w == wave and s.status in WITH_SOCIAL_WORKER),
        sum(1 for (w, _), s in latest.items() if w == wave and s.status is CaseStatusCode.CLOSED),
    ) for wave in waves]
