"""consent_components.csv: per consent record, each component its form declared and the
answer to it, a study form's own components included; declared for codebook, datapackage
and the SPSS/Stata files like every other file."""

from __future__ import annotations

import csv
import json
import shutil
from datetime import UTC, datetime
from pathlib import Path

import frictionless
import pyreadstat

from fieldwork.domain.consent import HowGiven, answers_from_choices, confirm_consent
from fieldwork.domain.resource_library import load_resource_library
from fieldwork.export.bundle import ExportOptions, write_bundle
from fieldwork.storage.consent_store import save_consent
from fieldwork.storage.study_resources import save_study_resources_folder
from fieldwork.storage.study_store import StudyStore
from tests.conftest import give_consent

SCHOOL_FORM = Path(__file__).resolve().parents[1] / "data" / "consent" / "extra" / "school-study.en.json"
CONSENT_COLUMNS = ["consent_key", "interview_key", "family_key", "family_code", "wave", "form_id",
                   "form_version", "form_language", "how_given", "confirmed_on", "in_force",
                   "replaces_consent_key", "interpreter_present", "interpreter_code", "researcher_code",
                   "statement_id", "component", "agreed"]


def read(path: Path) -> list[dict[str, str]]:
    with path.open(encoding="utf-8-sig", newline="") as handle:
        return list(csv.DictReader(handle))


def _school_study(store: StudyStore, tmp_path: Path) -> str:
    """A study using its own form (with components of its own): one family consented on it,
    refusing the school records."""
    folder = tmp_path / "study-resources"
    (folder / "consent").mkdir(parents=True)
    shutil.copy(SCHOOL_FORM, folder / "consent")
    save_study_resources_folder(store, folder)
    [form] = [f for f in load_resource_library(None, folder).consent_forms if f.form_id == "school-study"]
    family = store.add_family(site="Borough A")
    interview = store.add_interview(family.key)
    asked = form.as_asked(1)
    choices = {s.statement_id: s.component != "school_records" for s in asked.statements}
    record = confirm_consent(asked, interview_id=interview.key, answers=answers_from_choices(asked, choices),
                             how_given=HowGiven.VERBAL, researcher_confirmation="R01 Test Researcher",
                             confirmed_at=datetime(2026, 3, 2, 10, tzinfo=UTC))
    save_consent(store, record)
    return record.record_id


def test_each_record_s_declared_components_and_answers_are_exported(store: StudyStore,
                                                                    tmp_path: Path) -> None:
    key = _school_study(store, tmp_path)
    write_bundle(store.db, tmp_path / "bundle", ExportOptions(formats=("csv", "sav", "dta")))
    bundle = tmp_path / "bundle"
    rows = [r for r in read(bundle / "consent_components.csv") if r["consent_key"] == key]
    by_component = {r["component"]: r for r in rows}
    # Every component the form declared and asked at wave 1 (audio: the study does not record it).
    assert list(by_component) == ["interview", "drawing", "school_records", "recontact"]
    school = by_component["school_records"]
    assert school["component_label"] == "Records from the child's school"
    assert school["agreed"] == "0" and by_component["drawing"]["agreed"] == "1"
    assert school["gates"] == "case_status;school_reports" and school["required"] == "0"
    assert by_component["interview"]["required"] == "1"
    assert by_component["recontact"]["asked_at_waves"] == "1" and school["asked_at_waves"] == ""
    form = (school["form_id"], school["form_version"], school["form_language"])
    assert form == ("school-study", "1.0", "en")
    assert school["declared_on_form"] == "1" and school["in_force"] == "1" and school["statements"] == "1"
    assert school["family_code"] == "F001" and school["wave"] == "1"
    # consent.csv keeps its columns; its component codes now include the form's own.
    assert list(read(bundle / "consent.csv")[0]) == CONSENT_COLUMNS
    # Declared like every file: codebook rows in words, datapackage, SPSS/Stata.
    codebook = [r for r in read(bundle / "codebook.csv") if r["file"] == "consent_components.csv"]
    assert [r["column"] for r in codebook] == list(rows[0])
    assert all(len(r["meaning"]) > 20 for r in codebook)
    component = next(r for r in codebook if r["column"] == "component")
    assert "school_records = Records from the child's school" in component["allowed_codes"]
    package = json.loads((bundle / "datapackage.json").read_text(encoding="utf-8"))
    [resource] = [r for r in package["resources"] if r["path"] == "consent_components.csv"]
    [field] = [f for f in resource["schema"]["fields"] if f["name"] == "component"]
    assert "school_records" in field["constraints"]["enum"]
    assert resource["schema"]["primaryKey"] == ["consent_key", "component"]
    frame, meta = pyreadstat.read_sav(str(bundle / "spss" / "consent_components.sav"))
    labels = meta.variable_value_labels["component"]
    assert {labels[v] for v in frame["component"]} >= {"Records from the child's school", "Drawing the map"}
    frame, meta = pyreadstat.read_sav(str(bundle / "spss" / "consent.sav"))
    assert "Records from the child's school" in meta.variable_value_labels["component"].values()
    assert (bundle / "stata" / "consent_components.dta").is_file()
    report = frictionless.validate(bundle / "datapackage.json")  # the form's own codes are declared
    assert report.valid, report.flatten(["resourcePath", "rowNumber", "fieldName", "type", "note"])
    # Nothing identifying in the default export: no names, no free text.
    assert all(r["identifying"] == "no" for r in codebook)
    assert "R01 Test Researcher" not in (bundle / "consent_components.csv").read_text(encoding="utf-8-sig")


def test_a_record_from_before_records_kept_components_is_read_with_the_built_in_meanings(
        store: StudyStore, tmp_path: Path) -> None:
    family = store.add_family(site="Borough A")
    interview = store.add_interview(family.key)
    record = give_consent(store, interview.key, refuse=("score15",))
    with store.edit("test: a record as an older version stored it") as db:
        db.execute("DELETE FROM consent_record_components WHERE record_key = ?", [record.record_id])
    write_bundle(store.db, tmp_path / "bundle")
    rows = {r["component"]: r for r in read(tmp_path / "bundle" / "consent_components.csv")}
    assert set(rows) == {a.component for a in record.answers}
    assert rows["score15"]["agreed"] == "0" and rows["score15"]["declared_on_form"] == "0"
    assert rows["score15"]["component_label"] == "SCORE-15 questionnaire"
    assert rows["case_records"]["gates"] == "case_status"


def test_its_column_names_fit_stata() -> None:
    from fieldwork.export.columns import MAX_CODED_NAME, MAX_NAME, numeric_codes
    from fieldwork.export.consent_files import components_spec

    spec = components_spec({"interview": "The interview"}, ["school_reports"])
    assert all(len(c.name) <= MAX_NAME for c in spec.columns)
    assert all(len(c.name) <= MAX_CODED_NAME for c in spec.columns if numeric_codes(c))
    gates = next(c for c in spec.columns if c.name == "gates")
    assert gates.codes["school_reports"] == "School reports (a gate the study's own form declared)"
