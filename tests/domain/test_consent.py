"""Consent records, corrections, gating, withdrawal and asking again at time 2."""

from __future__ import annotations

import dataclasses
from datetime import UTC, date, datetime, timedelta

import pytest

from fieldwork.domain.consent import (
    CONSENT_COMPONENT_LABELS,
    ConsentAnswer,
    ConsentComponent,
    ConsentForm,
    ConsentRecord,
    ConsentStatement,
    HowGiven,
    answers_from_choices,
    confirm_consent,
    correction_chain,
    current_record,
    is_language_tag,
)
from fieldwork.domain.consent_gating import (
    ConsentStatus,
    RecordingReason,
    Withdrawal,
    WithdrawalChannel,
    WithdrawalPolicy,
    component_status,
    components_to_erase,
    earlier_wave_answers,
    may_record,
    withdrawal_consequence,
)
from fieldwork.domain.errors import InvalidInput

C = ConsentComponent
AT = datetime(2024, 5, 14, 10, 30, tzinfo=UTC)
SIGNATURE = [[(10, 12, 0), (11, 14, 16), (13, 15, 33)], [(20, 20, 400)]]


def make_form(components: list[ConsentComponent] | None = None, version: str = "1.0") -> ConsentForm:
    components = components or [C.INTERVIEW, C.NETWORK_MAP, C.SCORE15, C.RECONTACT]
    return ConsentForm(
        form_id="family-interview",
        version=version,
        language="en",
        direction="ltr",
        title="Taking part",
        information_sheet=["What the study is."],
        statements=[ConsentStatement(c.value, c, f"I agree to {c.value}.") for c in components],
    )


def sign(form: ConsentForm, interview_id: str = "interview-1", **choices: bool) -> ConsentRecord:
    """A record signed on screen; every statement yes unless ``choices`` says otherwise."""
    yes_to_all = {s.statement_id: True for s in form.statements}
    return confirm_consent(
        form,
        interview_id=interview_id,
        answers=answers_from_choices(form, yes_to_all | choices),
        how_given=HowGiven.SIGNED_ON_SCREEN,
        signature=SIGNATURE,
        researcher_confirmation="Researcher A",
        confirmed_at=AT,
    )


def withdraw(scope: str, policy: WithdrawalPolicy = WithdrawalPolicy.KEEP_COLLECTED) -> Withdrawal:
    return Withdrawal("F01", date(2024, 6, 1), scope, WithdrawalChannel.TELEPHONE, policy)


def test_components_have_stable_codes_and_english_labels() -> None:
    assert [c.value for c in C] == [
        "interview", "network_map", "score15", "audio_recording",
        "anonymous_quotes", "archiving", "recontact", "social_worker_interview",
        "case_records", "case_study",
    ]  # fmt: skip  # the built-in ids; a form may declare others
    assert set(CONSENT_COMPONENT_LABELS) == set(C)


@pytest.mark.parametrize("tag", ["en", "en-GB", "ar", "so", "pl", "ar-x-test", "zh-Hant-TW"])
def test_language_tags_accepted(tag: str) -> None:
    assert is_language_tag(tag)


@pytest.mark.parametrize("tag", ["", "English", "e", "en_GB", "en-", "en--GB", "en-toolongsubtag"])
def test_language_tags_refused(tag: str) -> None:
    assert not is_language_tag(tag)


def test_form_refuses_repeated_statement_ids_and_a_form_without_the_interview() -> None:
    form = make_form()
    with pytest.raises(InvalidInput, match="appears twice"):
        dataclasses.replace(form, statements=form.statements + form.statements[:1])
    with pytest.raises(InvalidInput, match="interview itself"):
        make_form([C.NETWORK_MAP])
    with pytest.raises(InvalidInput, match="direction"):
        dataclasses.replace(form, direction="up")


def test_signed_record_keeps_answers_in_form_order_and_is_frozen() -> None:
    form = make_form()
    record = sign(form, score15=False)
    assert [a.statement_id for a in record.answers] == [s.statement_id for s in form.statements]
    assert (record.form_id, record.version, record.language) == ("family-interview", "1.0", "en")
    assert record.signature[0][1] == (11.0, 14.0, 16.0)
    assert record.replaces is None
    with pytest.raises(dataclasses.FrozenInstanceError):
        record.researcher_confirmation = "someone else"  # type: ignore[misc]


def test_verbal_consent_with_interpreter_needs_the_interpreters_name() -> None:
    form = make_form()
    answers = answers_from_choices(form, {s.statement_id: True for s in form.statements})
    common = dict(
        interview_id="i", answers=answers, how_given=HowGiven.VERBAL,
        researcher_confirmation="Researcher A", confirmed_at=AT, interpreter_present=True,
    )  # fmt: skip
    with pytest.raises(InvalidInput, match="interpreter's name"):
        confirm_consent(form, **common)  # type: ignore[arg-type]
    record = confirm_consent(form, interpreter_confirmation="Amina Yusuf", **common)  # type: ignore[arg-type]
    assert record.how_given is HowGiven.VERBAL and record.signature == ()


@pytest.mark.parametrize(
    ("changes", "field"),
    [
        ({"signature": []}, "signature"),
        ({"signature": [[(1, 2)]]}, "signature"),
        ({"how_given": HowGiven.VERBAL}, "signature"),  # strokes given with verbal consent
        ({"researcher_confirmation": " "}, "researcher's confirmation"),
        ({"interpreter_confirmation": "Nobody"}, "interpreter's name"),
        ({"confirmed_at": datetime(2024, 5, 14, 10, 30)}, "confirmed at"),
        ({"how_given": "nodded"}, "how consent was given"),
    ],
)
def test_record_refuses_incomplete_confirmation(changes: dict[str, object], field: str) -> None:
    form = make_form()
    arguments: dict[str, object] = dict(
        interview_id="i",
        answers=answers_from_choices(form, {s.statement_id: True for s in form.statements}),
        how_given=HowGiven.SIGNED_ON_SCREEN,
        signature=SIGNATURE,
        researcher_confirmation="Researcher A",
        confirmed_at=AT,
    )
    with pytest.raises(InvalidInput) as raised:
        confirm_consent(form, **(arguments | changes))  # type: ignore[arg-type]
    assert raised.value.field == field


def test_every_statement_answered_exactly_once_with_yes_or_no() -> None:
    form = make_form()
    answers = list(answers_from_choices(form, {s.statement_id: True for s in form.statements}))
    kwargs = dict(
        interview_id="i", how_given=HowGiven.SIGNED_ON_SCREEN, signature=SIGNATURE,
        researcher_confirmation="Researcher A", confirmed_at=AT,
    )  # fmt: skip
    with pytest.raises(InvalidInput, match="missing"):
        confirm_consent(form, answers=answers[:-1], **kwargs)  # type: ignore[arg-type]
    with pytest.raises(InvalidInput, match="more than once"):
        confirm_consent(form, answers=answers + answers[:1], **kwargs)  # type: ignore[arg-type]
    with pytest.raises(InvalidInput, match="not on form"):
        extra = ConsentAnswer("archiving", C.ARCHIVING, True)
        confirm_consent(form, answers=answers + [extra], **kwargs)  # type: ignore[arg-type]
    with pytest.raises(InvalidInput, match="belongs to 'network_map'"):
        wrong = ConsentAnswer("network_map", C.SCORE15, True)
        confirm_consent(form, answers=[answers[0], wrong, *answers[2:]], **kwargs)  # type: ignore[arg-type]
    for not_an_answer in (None, 1, "yes", "maybe"):
        with pytest.raises(InvalidInput, match="yes or no"):
            ConsentAnswer("interview", C.INTERVIEW, not_an_answer)  # type: ignore[arg-type]
    with pytest.raises(InvalidInput, match="not on form"):
        answers_from_choices(form, {"photos": True})


def correct(earlier: ConsentRecord, form: ConsentForm, minutes: int, **choices: bool) -> ConsentRecord:
    yes_to_all = {s.statement_id: True for s in form.statements}
    return confirm_consent(
        form,
        interview_id=earlier.interview_id,
        answers=answers_from_choices(form, yes_to_all | choices),
        how_given=HowGiven.VERBAL,
        researcher_confirmation="Researcher A",
        confirmed_at=AT + timedelta(minutes=minutes),
        corrects=earlier,
    )


def test_a_correction_is_a_new_record_and_the_chain_head_is_current() -> None:
    form = make_form()
    first = sign(form)
    second = correct(first, form, 5, network_map=False)
    third = correct(second, form, 9, network_map=False, recontact=False)
    assert second.replaces == first.record_id
    assert current_record([second, third, first]) == third
    assert correction_chain([first, third, second]) == [third, second, first]
    assert current_record([]) is None
    assert current_record([first]) == first


def test_corrections_must_not_branch_loop_or_cross_interviews() -> None:
    form = make_form()
    first = sign(form)
    one_fix = correct(first, form, 5)
    another_fix = correct(first, form, 6)
    with pytest.raises(InvalidInput, match="corrected twice"):
        current_record([first, one_fix, another_fix])
    with pytest.raises(InvalidInput, match="more than one current"):
        current_record([first, sign(form)])
    a = dataclasses.replace(first, record_id="a", replaces="b")
    b = dataclasses.replace(first, record_id="b", replaces="a")
    with pytest.raises(InvalidInput, match="loop"):
        current_record([a, b])
    with pytest.raises(InvalidInput, match="loop"):
        current_record([dataclasses.replace(first, record_id="c"), a, b])
    with pytest.raises(InvalidInput, match="missing"):
        current_record([one_fix])
    with pytest.raises(InvalidInput, match="more than one interview"):
        current_record([first, sign(form, interview_id="interview-2")])
    with pytest.raises(InvalidInput, match="same interview"):
        confirm_consent(
            form, interview_id="other", answers=first.answers, how_given=HowGiven.VERBAL,
            researcher_confirmation="R", confirmed_at=AT, corrects=first,
        )  # fmt: skip
    with pytest.raises(InvalidInput, match="another consent record"):
        dataclasses.replace(first, replaces=first.record_id)


def test_nothing_may_be_recorded_before_a_consent_record_exists() -> None:
    for component in C:
        assert component_status([], [], component) is ConsentStatus.NO_CONSENT_YET
        permission = may_record(component, [], [])
        assert not permission and permission.reason is RecordingReason.NO_CONSENT_RECORD


def test_gating_follows_each_components_answer() -> None:
    form = make_form()
    records = [sign(form, score15=False)]
    assert component_status(records, [], C.NETWORK_MAP) is ConsentStatus.CONSENTED
    assert component_status(records, [], C.SCORE15) is ConsentStatus.REFUSED
    assert may_record(C.NETWORK_MAP, records, [])
    assert may_record(C.SCORE15, records, []).reason is RecordingReason.COMPONENT_REFUSED
    # audio recording was not on this form: no consent to it, and the reason says why
    assert component_status(records, [], C.AUDIO_RECORDING) is ConsentStatus.NO_CONSENT_YET
    assert may_record(C.AUDIO_RECORDING, records, []).reason is RecordingReason.NOT_ASKED_ON_FORM


def test_interview_refused_means_nothing_may_be_recorded() -> None:
    records = [sign(make_form(), interview=False)]
    assert component_status(records, [], C.NETWORK_MAP) is ConsentStatus.CONSENTED
    for component in C:
        permission = may_record(component, records, [])
        assert not permission and permission.reason is RecordingReason.INTERVIEW_REFUSED


def test_gating_uses_the_corrected_record() -> None:
    form = make_form()
    first = sign(form, network_map=False)
    fixed = correct(first, form, 3)
    assert not may_record(C.NETWORK_MAP, [first], [])
    assert may_record(C.NETWORK_MAP, [first, fixed], [])


def test_withdrawing_one_component_stops_only_that_component() -> None:
    records = [sign(make_form())]
    withdrawals = [withdraw("network_map")]
    assert component_status(records, withdrawals, C.NETWORK_MAP) is ConsentStatus.WITHDRAWN
    assert may_record(C.NETWORK_MAP, records, withdrawals).reason is RecordingReason.COMPONENT_WITHDRAWN
    assert may_record(C.SCORE15, records, withdrawals)


@pytest.mark.parametrize("scope", ["whole", "interview"])
def test_withdrawing_wholly_or_from_the_interview_stops_everything(scope: str) -> None:
    records = [sign(make_form())]
    withdrawals = [withdraw(scope)]
    for component in C:
        assert component_status(records, withdrawals, component) is ConsentStatus.WITHDRAWN
        assert may_record(component, records, withdrawals).reason is RecordingReason.INTERVIEW_WITHDRAWN


def test_a_later_correction_does_not_undo_a_withdrawal() -> None:
    form = make_form()
    first = sign(form)
    fixed = correct(first, form, 60 * 24 * 30)  # a month after the withdrawal date
    assert not may_record(C.SCORE15, [first, fixed], [withdraw("whole")])


def test_what_a_withdrawal_means() -> None:
    keep = withdrawal_consequence(withdraw("score15"))
    assert keep.components == {C.SCORE15} and not keep.erase_collected and keep.record_nothing_new
    erase = withdrawal_consequence(withdraw("whole", WithdrawalPolicy.ERASE))
    assert erase.components == set(C) and erase.erase_collected
    withdrawals = [withdraw("score15"), withdraw("network_map", WithdrawalPolicy.ERASE)]
    assert components_to_erase(withdrawals) == {C.NETWORK_MAP}


def test_withdrawal_validates_its_codes() -> None:
    assert withdraw("archiving").scope == C.ARCHIVING
    assert withdraw("photographs").scope == "photographs"  # a study's own component
    with pytest.raises(InvalidInput, match="withdrawal scope"):
        withdraw("Photo graphs!")
    with pytest.raises(InvalidInput, match="how communicated"):
        Withdrawal("F01", date(2024, 6, 1), "whole", "carrier pigeon", WithdrawalPolicy.ERASE)  # type: ignore[arg-type]
    with pytest.raises(InvalidInput, match="withdrawal policy"):
        Withdrawal("F01", date(2024, 6, 1), "whole", WithdrawalChannel.OTHER, "shred")  # type: ignore[arg-type]
    with pytest.raises(InvalidInput, match="date"):
        Withdrawal("F01", "2024-06-01", "whole", WithdrawalChannel.OTHER, WithdrawalPolicy.ERASE)  # type: ignore[arg-type]
    other_family = dataclasses.replace(withdraw("whole"), family_id="F02")
    with pytest.raises(InvalidInput, match="more than one family"):
        component_status([], [withdraw("score15"), other_family], C.SCORE15)


def test_time_2_shows_time_1_answers_without_answering_for_the_family() -> None:
    time_1 = [sign(make_form(), network_map=False)]
    # the time-2 form is a new version with one statement renamed and one component added
    time_2_form = ConsentForm(
        form_id="family-interview", version="2.0", language="en", direction="ltr", title="Again",
        information_sheet=["Time 2."],
        statements=[
            ConsentStatement("interview", C.INTERVIEW, "I agree to take part again."),
            ConsentStatement("map-again", C.NETWORK_MAP, "I agree to update my map."),
            ConsentStatement("score15", C.SCORE15, "I agree to the questionnaire."),
            ConsentStatement("audio_recording", C.AUDIO_RECORDING, "I agree to audio recording."),
            ConsentStatement("recontact", C.RECONTACT, "I agree to be contacted."),
        ],
    )  # fmt: skip
    shown = earlier_wave_answers(time_1, time_2_form)
    assert shown == {"interview": True, "map-again": False, "score15": True, "recontact": True}
    assert "recontact" not in earlier_wave_answers(time_1, time_2_form, [withdraw("recontact")])
    assert earlier_wave_answers([], time_2_form) == {}
