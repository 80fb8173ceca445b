"""The bundle as analysts load it: typed columns, explicit missing reasons, Stata-sized
names, a Frictionless data package that validates, and SPSS/Stata files equal to the CSVs."""

from __future__ import annotations

import csv
import json
from pathlib import Path

import frictionless
import pandas as pd
import pyreadstat
import pytest

from fieldwork.export.bundle import ExportOptions, write_bundle

PANDAS_TYPES = {"integer": "Int64", "number": "Float64", "string": "string", "date": "string"}


@pytest.fixture(scope="module")
def bundle(tmp_path_factory) -> Path:
    from fieldwork.demo import write_demo_study
    from tests.conftest import PASSPHRASE

    folder = tmp_path_factory.mktemp("analyst")
    store = write_demo_study(folder / "demo.db", PASSPHRASE)
    try:
        write_bundle(store.db, folder / "bundle", ExportOptions(formats=("csv", "sav", "dta")))
    finally:
        store.close()
    return folder / "bundle"


def package(bundle: Path) -> dict:
    return json.loads((bundle / "datapackage.json").read_text(encoding="utf-8"))


def typed(bundle: Path, name: str):
    """Load a CSV as the README tells an analyst to with pandas: types from datapackage.json."""
    resource = next(r for r in package(bundle)["resources"] if r["path"] == name)
    dtype = {f["name"]: PANDAS_TYPES[f["type"]] for f in resource["schema"]["fields"]}
    return pd.read_csv(bundle / name, encoding="utf-8-sig", dtype=dtype, keep_default_na=False,
                       na_values=[""])


def rows(bundle: Path, name: str) -> list[dict[str, str]]:
    with (bundle / name).open(encoding="utf-8-sig", newline="") as handle:
        return list(csv.DictReader(handle))


def test_versions_stay_text_and_whole_numbers_stay_whole(bundle: Path) -> None:
    scores = typed(bundle, "score15_scores.csv")
    assert set(scores["instrument_version"]) == {"1.0"}  # not the number 1.0
    assert set(typed(bundle, "consent.csv")["form_version"]) <= {"1.0", "1.1", "2.0"}
    # Whole numbers with gaps (no earlier wave) and always-empty columns stay integers.
    assert str(scores["earlier_total"].dtype) == "Int64"
    assert scores["earlier_total"].isna().any() and scores["earlier_total"].notna().any()
    assert str(scores["wave"].dtype) == "Int64"
    summary = typed(bundle, "network_summary.csv")
    assert summary["ring_5"].isna().all() and str(summary["ring_5"].dtype) == "Int64"


def test_an_empty_score_or_metric_always_says_why(bundle: Path) -> None:
    codebook = {(r["file"], r["column"]): r for r in rows(bundle, "codebook.csv")}
    checked = 0
    for name in ("score15_scores.csv", "score15_wide.csv", "network_summary.csv"):
        for row in rows(bundle, name):
            for column, value in row.items():
                reason = row.get(f"{column}_missing")
                if reason is None:
                    continue
                checked += 1
                assert (value == "") == (reason != ""), (name, column, value, reason)
                assert reason == "" or reason in codebook[name, f"{column}_missing"]["allowed_codes"]
    assert checked > 50
    reasons = {r["total_missing"] for r in rows(bundle, "score15_scores.csv")}
    assert "declined" in reasons or "not_asked" in reasons
    assert {r["change_missing"] for r in rows(bundle, "score15_scores.csv")} >= {"", "not_applicable"}
    assert {r["ring_5_missing"] for r in rows(bundle, "network_summary.csv")} == {"not_applicable"}
    assert "not_applicable" in codebook["score15_scores.csv", "total_missing"]["allowed_codes"]


def test_the_wide_score15_file_matches_the_long_one(bundle: Path) -> None:
    wide = {r["administration_key"]: r for r in rows(bundle, "score15_wide.csv")}
    scores = {r["administration_key"]: r for r in rows(bundle, "score15_scores.csv")}
    assert wide.keys() == scores.keys()
    for answer in rows(bundle, "responses.csv"):
        if answer["instrument_id"] != "score15" or answer["item_number"] in ("", "16"):
            continue
        row = wide[answer["administration_key"]]
        item = f"item_{int(answer['item_number']):02d}"
        assert row[item] == answer["answer_code"]
        expected = "" if answer["answer_code"] else ("declined" if answer["declined"] == "1"
                                                    else "not_answered")
        assert row[f"{item}_missing"] == expected
    for key, row in wide.items():
        for scale in ("total", "strengths", "overwhelmed", "disrupted_comm"):
            assert (row[scale], row[f"{scale}_missing"]) == (scores[key][scale],
                                                             scores[key][f"{scale}_missing"])


def test_every_declared_column_name_fits_stata() -> None:
    from fieldwork.domain.map_geometry import SECTOR_LABELS
    from fieldwork.domain.resource_library import load_resource_library
    from fieldwork.export.bundle_tables import block_tables
    from fieldwork.export.columns import CASE_FILES, CODEBOOK, MAX_CODED_NAME, MAX_NAME, numeric_codes
    from fieldwork.export.fieldwork_files import FIELDWORK_FILES
    from fieldwork.export.study_reader import StudyData

    outline = StudyData({}, [], [], [], [], {}, [], {}, [], {})
    specs = [*block_tables(outline, load_resource_library(None, None).instruments, list(SECTOR_LABELS)),
             *CASE_FILES, *FIELDWORK_FILES, CODEBOOK]
    columns = [c for spec in specs for c in spec.columns]
    assert len(columns) > 300
    too_long = [c.name for c in columns if len(c.name) > MAX_NAME]
    assert not too_long
    assert not [c.name for c in columns if numeric_codes(c) and len(c.name) > MAX_CODED_NAME]


def test_the_data_package_validates_and_reads_every_resource(bundle: Path) -> None:
    descriptor = package(bundle)
    names = {r["path"] for r in descriptor["resources"]}
    assert names == {p.name for p in bundle.glob("*.csv")}
    report = frictionless.validate(bundle / "datapackage.json")
    assert report.valid, report.flatten(["resourcePath", "rowNumber", "fieldName", "type", "note"])
    dp = frictionless.Package(bundle / "datapackage.json")
    for resource in dp.resources:
        read = resource.read_rows()
        assert len(read) == len(rows(bundle, resource.path)), resource.path
    scores = dp.get_resource("score15_scores")
    first = scores.read_rows()[0]
    assert first["instrument_version"] == "1.0" and isinstance(first["wave"], int)
    field = scores.schema.get_field("total_missing")
    assert "not_applicable" in field.constraints["enum"]
    members = next(r for r in descriptor["resources"] if r["name"] == "network_members")
    assert members["schema"]["primaryKey"] == ["interview_key", "person_key"]
    relationship = next(f for f in members["schema"]["fields"] if f["name"] == "relationship")
    assert {"value": "social_worker", "label": "Social worker"} in relationship["categories"]


def _codebook_numbers(bundle: Path) -> dict[tuple[str, str], dict[int, str]]:
    numbers = {}
    for row in rows(bundle, "codebook.csv"):
        if row["spss_stata_codes"]:
            pairs = (p.split(" = ") for p in row["spss_stata_codes"].split(" | "))
            numbers[row["file"], row["column"]] = {int(n): code for n, code in pairs}
    return numbers


@pytest.mark.parametrize("kind", ["sav", "dta"])
def test_spss_and_stata_files_read_back_equal_to_the_csvs(bundle: Path, kind: str) -> None:
    from fieldwork.export.columns import MISSING_REASONS

    numbers = _codebook_numbers(bundle)
    labels = {(r["file"], r["column"]): r for r in rows(bundle, "codebook.csv")}
    folder = {"sav": "spss", "dta": "stata"}[kind]
    reader = pyreadstat.read_sav if kind == "sav" else pyreadstat.read_dta
    for name in ("families.csv", "interviews.csv", "score15_scores.csv", "network_summary.csv",
                 "network_members.csv", "responses.csv", "consent.csv"):
        frame, meta = reader(str(bundle / folder / name.replace(".csv", f".{kind}")),
                             user_missing=True)
        expected = rows(bundle, name)
        assert list(frame.columns) == list(expected[0])
        assert len(frame) == len(expected)
        for column in frame.columns:
            label = meta.column_names_to_labels[column]
            assert label and labels[name, column]["meaning"].startswith(label.removesuffix("...")[:40])
            codes = numbers.get((name, column))
            if codes:
                assert set(codes) <= set(meta.variable_value_labels[column])
            reason_of = f"{column}_missing" if f"{column}_missing" in frame.columns else None
            for got, row in zip(frame[column].tolist(), expected, strict=True):
                want = row[column]
                if want == "":
                    if reason_of and row[reason_of]:
                        n = list(MISSING_REASONS).index(row[reason_of]) + 1
                        assert got == (-n if kind == "sav" else chr(ord("a") + n - 1)), (name, column)
                    else:
                        assert got == "" or got is None or got != got, (name, column, got)
                elif codes:
                    assert codes[int(got)] == want, (name, column)
                elif isinstance(got, float):
                    assert got == pytest.approx(float(want)), (name, column)
                else:
                    assert str(got) == want, (name, column, got, want)
    # The numbers follow the declared order: the same in every export.
    families, meta = reader(str(bundle / folder / f"families.{kind}"))
    case_types = meta.variable_value_labels["case_type"]
    from fieldwork.domain.casebook import CASE_TYPE_LABELS

    assert list(case_types.values()) == list(CASE_TYPE_LABELS.values())
    if kind == "sav":
        scores, meta = pyreadstat.read_sav(str(bundle / "spss" / "score15_scores.sav"), user_missing=True)
        assert meta.missing_ranges["total"] == [{"lo": -float(len(MISSING_REASONS)), "hi": -1.0}]
