"""Consent components as data: a form's own components gate what they declare, nothing else."""

from __future__ import annotations

import dataclasses
from datetime import UTC, date, datetime
from pathlib import Path

import pytest

from fieldwork.domain.consent import (
    ConsentRecord,
    HowGiven,
    answers_from_choices,
    confirm_consent,
)
from fieldwork.domain.consent_components import BUILT_IN_COMPONENTS, RECORDS_AUDIO
from fieldwork.domain.consent_forms import CONSENT_FORMS_FOLDER
from fieldwork.domain.consent_gating import (
    RecordingReason,
    Withdrawal,
    WithdrawalChannel,
    WithdrawalPolicy,
    may_record,
)
from fieldwork.domain.resource_loading import load_consent_forms, read_consent_form

DATA = Path(__file__).resolve().parents[1] / "data" / "consent"
SCHOOL_FORM = DATA / "extra" / "school-study.en.json"


def _sign(form, refuse: tuple[str, ...] = (), interview_id: str = "i1") -> ConsentRecord:
    choices = {s.statement_id: s.component not in refuse for s in form.statements}
    return confirm_consent(form, interview_id=interview_id, answers=answers_from_choices(form, choices),
                           how_given=HowGiven.VERBAL, researcher_confirmation="R01",
                           confirmed_at=datetime(2026, 1, 5, 10, tzinfo=UTC))


def _withdraw(scope: str) -> Withdrawal:
    return Withdrawal("F01", date(2026, 2, 1), scope, WithdrawalChannel.TELEPHONE,
                      WithdrawalPolicy.KEEP_COLLECTED)


def test_a_form_with_a_component_of_its_own_gates_what_it_declares() -> None:
    form = read_consent_form(SCHOOL_FORM)
    assert [c.component for c in form.component_specs][:3] == ["interview", "drawing", "school_records"]
    record = _sign(form)
    assert may_record("case_status", [record], [])  # school_records declares case_status
    assert may_record("school_reports", [record], [])  # and a gate the app does not know
    assert may_record("network_map", [record], [])  # the map, under the form's own 'drawing'
    # This form asks nothing about SCORE-15: nothing may be recorded for it.
    assert may_record("score15", [record], []).reason is RecordingReason.NOT_ASKED_ON_FORM

    refused = _sign(form, refuse=("school_records",))
    assert may_record("case_status", [refused], []).reason is RecordingReason.COMPONENT_REFUSED
    assert may_record("network_map", [refused], [])
    withdrawn = may_record("case_status", [record], [_withdraw("school_records")])
    assert withdrawn.reason is RecordingReason.COMPONENT_WITHDRAWN
    assert may_record("network_map", [record], [_withdraw("school_records")])


def test_the_record_keeps_the_components_its_form_declared() -> None:
    form = read_consent_form(SCHOOL_FORM)
    record = _sign(form)
    assert record.spec("school_records").gates == ("case_status", "school_reports")
    assert record.required_components == ("interview",)
    # A later file that moves case_status elsewhere does not change what this record allowed.
    changed = dataclasses.replace(form, component_specs=tuple(
        dataclasses.replace(c, gates=("something_else",)) if c.component == "school_records" else c
        for c in form.component_specs))
    assert changed.component("school_records").gates == ("something_else",)
    assert may_record("case_status", [record], [])


def test_a_required_component_refused_or_withdrawn_stops_everything() -> None:
    form = read_consent_form(SCHOOL_FORM)
    refused = _sign(form, refuse=("interview",))
    assert may_record("case_status", [refused], []).reason is RecordingReason.INTERVIEW_REFUSED
    record = _sign(form)
    assert may_record("case_status", [record], [_withdraw("interview")]).reason \
        is RecordingReason.INTERVIEW_WITHDRAWN


def test_a_component_tied_to_a_study_setting_or_a_wave_is_asked_only_then() -> None:
    form = read_consent_form(SCHOOL_FORM)
    at_wave_1 = form.as_asked(1)
    assert "audio_recording" not in at_wave_1.components  # the study does not record audio
    assert "recontact" in at_wave_1.components
    assert "audio_recording" in form.as_asked(1, [RECORDS_AUDIO]).components
    at_wave_2 = form.as_asked(2)
    assert "recontact" not in at_wave_2.components and "school_records" in at_wave_2.components
    record = _sign(at_wave_2)
    assert not record.answers_for("recontact") and record.spec("recontact") is None


def test_a_record_from_before_forms_declared_components_keeps_its_meaning() -> None:
    forms, _errors = load_consent_forms(CONSENT_FORMS_FOLDER)
    [old] = [f for f in forms if f.form_id == "family-interview" and f.version == "1.0"]
    assert old.retired and "audio_recording" in old.components
    record = _sign(old, refuse=("score15",))
    stored_before = dataclasses.replace(record, components=())  # as read from an older study
    assert [c.component for c in stored_before.components] == [a.component for a in record.answers]
    assert stored_before.spec("interview") == BUILT_IN_COMPONENTS["interview"]
    assert may_record("network_map", [stored_before], [])
    assert may_record("interview", [stored_before], [])
    assert may_record("score15", [stored_before], []).reason is RecordingReason.COMPONENT_REFUSED
    assert may_record("case_status", [stored_before], []).reason is RecordingReason.NOT_ASKED_ON_FORM


@pytest.mark.parametrize(("name", "field", "problem"), [
    ("undeclared-component.json", "$.statements[5].component", "'photos' is not declared in $.components"),
    ("component-without-statement.json", "$.components[2]", "'school_records' has no statement"),
    ("nothing-required.json", "$.statements", "a component marked required"),
    ("gate-not-a-code.json", "$.components[1]", "'Network Map' is not a code"),
])
def test_a_bad_component_declaration_is_named_by_its_json_path(name: str, field: str, problem: str) -> None:
    forms, errors = load_consent_forms(DATA / "bad_components")
    assert forms == []
    [error] = [e for e in errors if Path(e.path).name == name]
    assert error.field == field and problem in error.problem


def test_the_shipped_forms_cover_each_wave_and_mode_and_say_what_the_study_needs() -> None:
    forms, errors = load_consent_forms(CONSENT_FORMS_FOLDER)
    assert errors == []
    offered = {f.form_id: f for f in forms if not f.retired}
    assert set(offered) == {"family-interview", "family-interview-wave2", "family-interview-telephone",
                            "family-interview-easy-read"}
    for form in offered.values():
        assert "audio_recording" not in form.components  # the app cannot record audio
        wanted = {"case_records", "social_worker_interview", "case_study", "anonymous_quotes"}
        assert wanted <= form.components
        assert form.component("case_records").gates == ("case_status",)
        sheet = " ".join(form.information_sheet)
        assert "Department for Education" in sheet and "Focus on Practice" in sheet
    phone = offered["family-interview-telephone"]
    assert phone.modes == ("telephone",)
    assert "visit" not in " ".join(phone.information_sheet).lower()
    assert "about an hour" not in " ".join(phone.information_sheet).lower()
    assert "recontact" in phone.as_asked(1).components and "recontact" not in phone.as_asked(2).components
    wave2 = offered["family-interview-wave2"]
    assert wave2.waves[0] == 2 and "recontact" not in wave2.components
    assert "about an hour" not in " ".join(wave2.information_sheet)
    easy = offered["family-interview-easy-read"]
    assert easy.easy_read and easy.components == offered["family-interview"].components
