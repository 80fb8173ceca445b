"""Loading consent forms from JSON files, reporting bad files, pairing with English."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from fieldwork.domain.consent import ConsentComponent, TextDirection
from fieldwork.domain.consent_forms import CONSENT_FORMS_FOLDER, english_version, side_by_side
from fieldwork.domain.errors import InvalidInput, ResourceFileError
from fieldwork.domain.resource_loading import load_consent_forms, read_consent_form

DATA = Path(__file__).resolve().parents[1] / "data" / "consent"
TEST_ONLY_RTL_PACK = DATA / "rtl" / "family-interview.ar-x-test.json"


def test_shipped_english_form_asks_one_statement_per_component() -> None:
    forms, errors = load_consent_forms(CONSENT_FORMS_FOLDER)
    assert errors == []
    [form] = [f for f in forms if f.form_id == "family-interview" and f.language == "en" and not f.retired]
    assert form.direction is TextDirection.LEFT_TO_RIGHT
    assert [s.component for s in form.statements] == [c.component for c in form.component_specs]
    # The app cannot record audio: the default form never asks about it.
    assert ConsentComponent.AUDIO_RECORDING not in form.components
    assert {"social_worker_interview", "case_records", "case_study", "anonymous_quotes"} <= form.components
    sheet = " ".join(form.information_sheet).lower()
    for topic in ("map of the people", "score-15", "your choice", "withdraw", "confidential",
                  "harm", "encrypted", "codes", "contact", "department for education",
                  "innovation programme", "focus on practice", "social worker"):  # fmt: skip
        assert topic in sheet, topic


def test_test_only_rtl_pack_is_marked_and_pairs_with_english() -> None:
    arabic = read_consent_form(TEST_ONLY_RTL_PACK)
    assert arabic.direction is TextDirection.RIGHT_TO_LEFT
    assert arabic.language == "ar-x-test"
    assert "TEST-ONLY" in arabic.note and "not a validated translation" in arabic.note.lower()
    english_forms, _ = load_consent_forms(CONSENT_FORMS_FOLDER)
    pair = side_by_side(arabic, english_forms)
    assert pair is not None and pair.english.language == "en"
    assert [(a.statement_id, e.statement_id) for a, e in pair.statements] == [
        (s.statement_id, s.statement_id) for s in arabic.statements
    ]
    assert all(a.component == e.component for a, e in pair.statements)


def test_rtl_folder_loads_on_its_own_without_an_english_version() -> None:
    forms, errors = load_consent_forms(DATA / "rtl")
    assert errors == [] and [f.language for f in forms] == ["ar-x-test"]
    assert english_version(forms[0], forms) is None
    assert side_by_side(forms[0], forms) is None


EXPECTED_BAD_FILES = {
    "bad-direction.json": "$.direction",
    "bad-language.json": "$.language",
    "duplicate-one.en.json": "$",
    "duplicate-two.en.json": "$",
    "empty-paragraph.json": "$.information_sheet[1]",
    "mismatched-translation.pl.json": "$.statements",
    "missing-title.json": "$.title",
    "no-interview-statement.json": "$.statements",
    "not-an-object.json": "$",
    "not-json.json": "file",
    "not-utf8.json": "file",
    "repeated-key.json": "$.title",
    "repeated-statement-id.json": "$.statements[2].id",
    "statement-not-object.json": "$.statements[0]",
    "unknown-component.json": "$.statements[3].component",
    "unknown-field.json": "$.statments",
}


def test_bad_files_are_reported_and_the_valid_form_still_loads() -> None:
    forms, errors = load_consent_forms(DATA / "bad")
    assert [(f.form_id, f.language) for f in forms] == [("bad-folder", "en")]
    assert all(isinstance(e, ResourceFileError) for e in errors)
    assert {Path(e.path).name: e.field for e in errors} == EXPECTED_BAD_FILES
    assert len(errors) == len(EXPECTED_BAD_FILES)  # one error per bad file, notes.txt ignored


@pytest.mark.parametrize(
    ("name", "words"),
    [
        ("unknown-component.json", "'photographs' is not a built-in consent component; declare"),
        ("repeated-statement-id.json", "'map' repeats statements[1].id"),
        ("not-json.json", "not valid JSON (line 2"),
        ("not-utf8.json", "not UTF-8"),
        ("missing-title.json", "is missing"),
        ("no-interview-statement.json", "'interview' component"),
    ],
)
def test_error_names_the_file_the_field_and_the_problem(name: str, words: str) -> None:
    with pytest.raises(ResourceFileError) as raised:
        read_consent_form(DATA / "bad" / name)
    assert raised.value.path.endswith(name)
    assert words in raised.value.problem
    assert str(raised.value).startswith(f"{raised.value.path}: {raised.value.field}: ")


def test_duplicates_name_each_other_and_neither_is_used() -> None:
    _, errors = load_consent_forms(DATA / "bad")
    one = next(e for e in errors if e.path.endswith("duplicate-one.en.json"))
    assert "duplicate-two.en.json" in one.problem


def test_missing_folder_is_an_error_not_a_crash(tmp_path: Path) -> None:
    forms, errors = load_consent_forms(tmp_path / "nowhere")
    assert forms == [] and len(errors) == 1 and errors[0].field == "folder"


def write_form(folder: Path, name: str, **changes: object) -> None:
    data = json.loads(TEST_ONLY_RTL_PACK.read_text(encoding="utf-8"))
    data.update(changes)
    (folder / name).write_text(json.dumps(data, ensure_ascii=False), encoding="utf-8")


def test_english_version_prefers_plain_en_and_matches_version(tmp_path: Path) -> None:
    write_form(tmp_path, "f.ar.json", language="ar")
    write_form(tmp_path, "f.en-gb.json", language="en-GB", direction="ltr")
    write_form(tmp_path, "f.en.json", language="en", direction="ltr")
    write_form(tmp_path, "f2.en.json", language="en", version="2.0", direction="ltr")
    forms, errors = load_consent_forms(tmp_path)
    assert errors == []
    arabic = next(f for f in forms if f.language == "ar")
    english = english_version(arabic, forms)
    assert english is not None and (english.language, english.version) == ("en", "1.0")
    assert english_version(english, forms) is english


def test_side_by_side_refuses_forms_whose_statements_differ(tmp_path: Path) -> None:
    write_form(tmp_path, "f.ar.json", language="ar")
    write_form(tmp_path, "f.en.json", language="en", direction="ltr")
    forms, _ = load_consent_forms(tmp_path)
    arabic = next(f for f in forms if f.language == "ar")
    english = next(f for f in forms if f.language == "en")
    shorter = english.__class__(**{**english.__dict__, "statements": english.statements[:3],
                                   "component_specs": ()})
    with pytest.raises(InvalidInput, match="do not match the English version"):
        side_by_side(arabic, [shorter])


def test_a_byte_order_mark_is_tolerated(tmp_path: Path) -> None:
    text = TEST_ONLY_RTL_PACK.read_text(encoding="utf-8")
    (tmp_path / "bom.json").write_text(text, encoding="utf-8-sig")
    assert read_consent_form(tmp_path / "bom.json").language == "ar-x-test"
