"""Rules of the case records, without a database."""

from __future__ import annotations

import pytest

from fieldwork.domain.casebook import (
    Family,
    Interview,
    InterviewStatus,
    StopReason,
    check_language,
    new_key,
    next_family_code,
)
from fieldwork.domain.errors import InvalidInput


def test_next_family_code() -> None:
    assert next_family_code([]) == "F001"
    assert next_family_code(["F001", "F007", "X99"]) == "F008"
    assert next_family_code(["F999"]) == "F1000"


def test_family_code_shape() -> None:
    Family(key=new_key(), code="F012")
    with pytest.raises(InvalidInput, match="family code: 'f12'"):
        Family(key=new_key(), code="f12")


@pytest.mark.parametrize("code", ["en", "ar", "pl", "so", "pt-BR", "zh-Hant", "so-SO", "ar-x-test"])
def test_language_codes_accepted(code: str) -> None:
    assert check_language(code) == code


@pytest.mark.parametrize("code", ["", "Arabic", "e", "en_GB", "12", "en-"])
def test_language_codes_refused(code: str) -> None:
    with pytest.raises(InvalidInput, match="interview language"):
        check_language(code)


def test_status_changes_follow_the_visit() -> None:
    planned = Interview(key=new_key(), family_key=new_key(), wave=1)
    started = planned.moved_to("in_progress")
    assert started.moved_to(InterviewStatus.COMPLETED).status is InterviewStatus.COMPLETED
    stopped = started.moved_to("terminated", "safeguarding_concern", "told the duty social worker")
    assert stopped.stop_reason is StopReason.SAFEGUARDING_CONCERN
    assert stopped.moved_to("withdrawn").status is InterviewStatus.WITHDRAWN
    with pytest.raises(InvalidInput, match="completed cannot become in progress"):
        started.moved_to("completed").moved_to("in_progress")
    with pytest.raises(InvalidInput, match="reason for stopping"):
        started.moved_to("terminated", "bored")


def test_wave_and_wave_label() -> None:
    assert Interview(key="k", family_key="f", wave=2).wave_label == "wave 2"
    with pytest.raises(InvalidInput, match="wave"):
        Interview(key="k", family_key="f", wave=0)
