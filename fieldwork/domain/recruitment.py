"""Running the fieldwork: how families came to the study and how the team reached them.

Owns the coded study data of recruitment (route, outcome, consent to be contacted),
contact attempts (channel, outcome), appointments, contact details (phone numbers and
addresses: kept only in the encrypted study, never exported) and the end-of-fieldwork
outcome of each family at each wave with its coded attrition reason. Codes are what
analysts get; labels are what the codebook and the screens start from. The rules each
record must follow are checked here, next to the record, and a wrong value raises
``InvalidInput`` saying which field. Qt-free.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, datetime
from enum import StrEnum

from fieldwork.domain.errors import InvalidInput


class RecruitmentRoute(StrEnum):
    SOCIAL_WORKER_NOMINATION = "social_worker_nomination"
    SAMPLE_FROM_LIST = "sample_from_list"
    OTHER = "other"


RECRUITMENT_ROUTE_LABELS = {
    RecruitmentRoute.SOCIAL_WORKER_NOMINATION: "Nominated by the social worker",
    RecruitmentRoute.SAMPLE_FROM_LIST: "Sampled from a list",
    RecruitmentRoute.OTHER: "Other",
}


class RecruitmentOutcome(StrEnum):
    AGREED = "agreed"
    DECLINED = "declined"
    NOT_CONTACTABLE = "not_contactable"
    NOT_ELIGIBLE = "not_eligible"
    GATEKEEPER_DECLINED = "gatekeeper_declined"


RECRUITMENT_OUTCOME_LABELS = {
    RecruitmentOutcome.AGREED: "Agreed to take part",
    RecruitmentOutcome.DECLINED: "Declined",
    RecruitmentOutcome.NOT_CONTACTABLE: "Could not be contacted",
    RecruitmentOutcome.NOT_ELIGIBLE: "Not eligible",
    RecruitmentOutcome.GATEKEEPER_DECLINED: "Gatekeeper declined (e.g. the social worker)",
}


class ContactChannel(StrEnum):
    PHONE = "phone"
    TEXT = "text"
    LETTER = "letter"
    VISIT = "visit"
    VIA_SOCIAL_WORKER = "via_social_worker"


CONTACT_CHANNEL_LABELS = {
    ContactChannel.PHONE: "Phone call",
    ContactChannel.TEXT: "Text message",
    ContactChannel.LETTER: "Letter",
    ContactChannel.VISIT: "Home visit",
    ContactChannel.VIA_SOCIAL_WORKER: "Via the social worker",
}


class AttemptOutcome(StrEnum):
    NO_ANSWER = "no_answer"
    LEFT_MESSAGE = "left_message"
    WRONG_NUMBER = "wrong_number"
    CALL_BACK = "call_back"
    DECLINED = "declined"
    APPOINTMENT_MADE = "appointment_made"
    MOVED_AWAY = "moved_away"
    OTHER = "other"


ATTEMPT_OUTCOME_LABELS = {
    AttemptOutcome.NO_ANSWER: "No answer",
    AttemptOutcome.LEFT_MESSAGE: "Left a message",
    AttemptOutcome.WRONG_NUMBER: "Wrong or dead number",
    AttemptOutcome.CALL_BACK: "Asked to call back later",
    AttemptOutcome.DECLINED: "Declined",
    AttemptOutcome.APPOINTMENT_MADE: "Appointment made",
    AttemptOutcome.MOVED_AWAY: "Moved away",
    AttemptOutcome.OTHER: "Other",
}


class WaveOutcome(StrEnum):
    """Where a family ended at a wave when the fieldwork of that wave closed."""

    INTERVIEWED = "interviewed"
    NOT_INTERVIEWED = "not_interviewed"


WAVE_OUTCOME_LABELS = {
    WaveOutcome.INTERVIEWED: "Interviewed",
    WaveOutcome.NOT_INTERVIEWED: "Not interviewed",
}


class AttritionReason(StrEnum):
    REFUSED = "refused"
    UNCONTACTABLE = "uncontactable"
    MOVED_AWAY = "moved_away"
    WITHDREW = "withdrew"
    CASE_CLOSED_DECLINED = "case_closed_declined"
    OTHER = "other"


ATTRITION_REASON_LABELS = {
    AttritionReason.REFUSED: "Refused",
    AttritionReason.UNCONTACTABLE: "Could not be contacted",
    AttritionReason.MOVED_AWAY: "Moved away",
    AttritionReason.WITHDREW: "Withdrew from the study",
    AttritionReason.CASE_CLOSED_DECLINED: "Case closed and declined",
    AttritionReason.OTHER: "Other",
}


class ContactKind(StrEnum):
    PHONE = "phone"
    ADDRESS = "address"
    EMAIL = "email"


CONTACT_KIND_LABELS = {
    ContactKind.PHONE: "Phone number",
    ContactKind.ADDRESS: "Address",
    ContactKind.EMAIL: "Email",
}


def _code(enum: type[StrEnum], value: object, field: str) -> StrEnum:
    try:
        return enum(str(getattr(value, "value", value)))
    except ValueError:
        allowed = ", ".join(member.value for member in enum)
        raise InvalidInput(field, f"'{value}' is not one of {allowed}") from None


def _no_future(day: date | None, field: str, today: date | None = None) -> None:
    if day is not None and day > (today or date.today()):
        raise InvalidInput(field, f"{day.isoformat()} is in the future; record what has happened")


@dataclass(frozen=True)
class Recruitment:
    """How one family came to the study and what it said when approached (None: not yet known)."""

    family_key: str
    route: RecruitmentRoute | None = None
    approached_on: date | None = None
    approached_by: str | None = None  # a researcher key
    outcome: RecruitmentOutcome | None = None
    consent_to_contact: bool | None = None
    note: str = ""

    def checked(self, today: date | None = None) -> Recruitment:
        route = None if self.route in (None, "") else \
            _code(RecruitmentRoute, self.route, "how the family came")
        outcome = None if self.outcome in (None, "") else _code(RecruitmentOutcome, self.outcome, "outcome")
        _no_future(self.approached_on, "date approached", today)
        if outcome is not None and self.approached_on is None:
            raise InvalidInput("date approached", "give the date the family was approached "
                                                  "before recording what it said")
        if outcome is RecruitmentOutcome.AGREED and self.consent_to_contact is False:
            raise InvalidInput("consent to be contacted", "a family that agreed to take part "
                                                          "must have agreed to be contacted")
        return Recruitment(self.family_key, route, self.approached_on, self.approached_by or None,  # type: ignore[arg-type]
                           outcome, self.consent_to_contact, self.note.strip())  # type: ignore[arg-type]


@dataclass(frozen=True)
class ContactAttempt:
    """One try at reaching a family for a wave."""

    key: str
    family_key: str
    wave: int
    attempted_on: date
    channel: ContactChannel
    outcome: AttemptOutcome
    note: str = ""
    researcher_key: str | None = None

    def checked(self, today: date | None = None) -> ContactAttempt:
        if not 1 <= int(self.wave) <= 9:
            raise InvalidInput("wave", f"{self.wave} is not a wave of this study (1-9)")
        if self.attempted_on is None:
            raise InvalidInput("date of the attempt", "give the date")
        _no_future(self.attempted_on, "date of the attempt", today)
        return ContactAttempt(
            self.key, self.family_key, int(self.wave), self.attempted_on,
            _code(ContactChannel, self.channel, "channel"),  # type: ignore[arg-type]
            _code(AttemptOutcome, self.outcome, "outcome of the attempt"),  # type: ignore[arg-type]
            self.note.strip(), self.researcher_key or None,
        )


@dataclass(frozen=True)
class Appointment:
    """A visit or call arranged with a family for a wave."""

    key: str
    family_key: str
    wave: int
    starts_at: datetime
    place: str = ""
    interpreter_needed: bool = False
    interpreter_language: str = ""
    booked: bool = False
    note: str = ""

    def checked(self) -> Appointment:
        if not 1 <= int(self.wave) <= 9:
            raise InvalidInput("wave", f"{self.wave} is not a wave of this study (1-9)")
        if self.starts_at is None:
            raise InvalidInput("appointment", "give the date and time")
        language = self.interpreter_language.strip()
        if self.interpreter_needed and not language:
            raise InvalidInput("interpreter language", "say which language the interpreter is needed for")
        if not self.interpreter_needed:
            language = ""
        return Appointment(self.key, self.family_key, int(self.wave),
                           self.starts_at.replace(second=0, microsecond=0),
                           self.place.strip(), bool(self.interpreter_needed), language,
                           bool(self.booked), self.note.strip())


@dataclass(frozen=True)
class ContactDetail:
    """A phone number, address or email of a family: only ever on the contact screen."""

    key: str
    family_key: str
    kind: ContactKind
    value: str
    whose: str = ""  # e.g. 'mother', 'foster carer'

    def checked(self) -> ContactDetail:
        kind = _code(ContactKind, self.kind, "kind of contact detail")
        value = self.value.strip()
        if not value:
            raise InvalidInput(CONTACT_KIND_LABELS[kind].lower(), "it is empty")  # type: ignore[index]
        if kind is ContactKind.PHONE:
            digits = [c for c in value if c.isdigit()]
            if len(digits) < 6 or any(not (c.isdigit() or c in " +-()") for c in value):
                raise InvalidInput("phone number", f"'{value}' does not look like a phone number")
        return ContactDetail(self.key, self.family_key, kind, value, self.whose.strip())  # type: ignore[arg-type]


@dataclass(frozen=True)
class FieldworkOutcome:
    """Where a family ended at one wave when that wave's fieldwork closed."""

    family_key: str
    wave: int
    outcome: WaveOutcome
    reason: AttritionReason | None = None
    note: str = ""

    def checked(self) -> FieldworkOutcome:
        if not 1 <= int(self.wave) <= 9:
            raise InvalidInput("wave", f"{self.wave} is not a wave of this study (1-9)")
        outcome = _code(WaveOutcome, self.outcome, "outcome at the end of fieldwork")
        reason = None if self.reason in (None, "") else _code(AttritionReason, self.reason, "reason")
        if outcome is WaveOutcome.NOT_INTERVIEWED and reason is None:
            raise InvalidInput("reason", "say why the family was not interviewed")
        if outcome is WaveOutcome.INTERVIEWED:
            reason = None
        return FieldworkOutcome(self.family_key, int(self.wave), outcome, reason, self.note.strip())  # type: ignore[arg-type]
