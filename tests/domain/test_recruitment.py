"""The fieldwork's records check themselves: codes, dates, reasons, phone numbers."""

from __future__ import annotations

from datetime import date, datetime

import pytest

from fieldwork.domain.errors import InvalidInput
from fieldwork.domain.recruitment import (
    ATTEMPT_OUTCOME_LABELS,
    ATTRITION_REASON_LABELS,
    CONTACT_CHANNEL_LABELS,
    RECRUITMENT_OUTCOME_LABELS,
    RECRUITMENT_ROUTE_LABELS,
    Appointment,
    AttemptOutcome,
    AttritionReason,
    ContactAttempt,
    ContactChannel,
    ContactDetail,
    FieldworkOutcome,
    Recruitment,
    RecruitmentOutcome,
    RecruitmentRoute,
)


def test_every_code_has_a_label() -> None:
    for enum, labels in ((RecruitmentRoute, RECRUITMENT_ROUTE_LABELS),
                         (RecruitmentOutcome, RECRUITMENT_OUTCOME_LABELS),
                         (ContactChannel, CONTACT_CHANNEL_LABELS), (AttemptOutcome, ATTEMPT_OUTCOME_LABELS),
                         (AttritionReason, ATTRITION_REASON_LABELS)):
        assert set(labels) == set(enum)


def test_recruitment_codes_from_text_and_rules() -> None:
    checked = Recruitment("f", "sample_from_list", date(2026, 1, 2), outcome="agreed",
                          consent_to_contact=True, note="  ok ").checked()
    assert checked.route is RecruitmentRoute.SAMPLE_FROM_LIST and checked.note == "ok"
    with pytest.raises(InvalidInput, match="consent to be contacted"):
        Recruitment("f", None, date(2026, 1, 2), outcome="agreed", consent_to_contact=False).checked()
    with pytest.raises(InvalidInput, match="how the family came: 'friend'"):
        Recruitment("f", "friend").checked()


def test_attempt_in_the_future_is_refused() -> None:
    with pytest.raises(InvalidInput, match="date of the attempt: 2026-05-02 is in the future"):
        ContactAttempt("k", "f", 1, date(2026, 5, 2), "phone",
                       AttemptOutcome.NO_ANSWER).checked(today=date(2026, 5, 1))


def test_appointment_without_interpreter_forgets_the_language() -> None:
    a = Appointment("k", "f", 2, datetime(2026, 5, 1, 9, 15, 33), "", False, "Arabic").checked()
    assert a.interpreter_language == "" and a.starts_at.second == 0


@pytest.mark.parametrize("number", ["07700 900461", "+44 (0)20 7946 0000", "020-7946-0018"])
def test_phone_numbers_as_people_write_them(number: str) -> None:
    assert ContactDetail("k", "f", "phone", f" {number} ").checked().value == number


@pytest.mark.parametrize("number", ["123", "ring her", "07700 900461 ext. 4"])
def test_not_phone_numbers(number: str) -> None:
    with pytest.raises(InvalidInput, match="phone number"):
        ContactDetail("k", "f", "phone", number).checked()


def test_not_interviewed_needs_a_reason_interviewed_has_none() -> None:
    with pytest.raises(InvalidInput, match="reason"):
        FieldworkOutcome("f", 2, "not_interviewed").checked()
    assert FieldworkOutcome("f", 2, "interviewed", "refused").checked().reason is None
    with pytest.raises(InvalidInput, match="reason: 'lost'"):
        FieldworkOutcome("f", 2, "not_interviewed", "lost").checked()
