"""The SCORE-15 form's other indicators, supplied by a study, from the study file to the bundle.

A real encrypted study uses its own resources folder (the shipped SCORE-15 plus two open
questions and three 1-10 ratings with placeholder TEST wording); answers are saved through
the answer store, the study is closed and opened again, and the exported files are read back:
the scores count only the 15 scored items, score15_wide.csv has a column per extra item,
the codebook, datapackage.json and the SPSS/Stata files describe them in the study's words."""

from __future__ import annotations

import csv
import json
from pathlib import Path

import frictionless
import pyreadstat
import pytest

from fieldwork.export.bundle import ExportOptions, write_bundle
from fieldwork.export.columns import MAX_CODED_NAME, MAX_NAME
from fieldwork.storage.answer_store import AnswerStore, choose_wording
from fieldwork.storage.study_resources import load_study_resources, save_study_resources_folder
from fieldwork.storage.study_store import StudyStore
from tests.conftest import PASSPHRASE, give_consent
from tests.support.score15_study_items import OPEN_ITEMS, RATING_ITEMS, write_study_score15

THREES = {f"score15_{n:02d}": 3 for n in range(1, 16)}


def _answered_study(path: Path, resources: Path) -> None:
    """Two families: one answers the study's items too, one only the 15 (asked before them)."""
    store = StudyStore.create(path, PASSPHRASE, "Study items", "R01 Test Researcher")
    try:
        store.add_site("Borough A")
        save_study_resources_folder(store, write_study_score15(resources))
        answers = AnswerStore(store, load_study_resources(store).instruments)
        for extras in (True, False):
            family = store.add_family(site="Borough A")
            interview = store.add_interview(family.key)
            store.change_status(interview.key, "in_progress")
            give_consent(store, interview.key)
            shown, _english = choose_wording(answers.instruments, "score15", "en")
            administration = answers.start(interview.key, shown)
            for item_id, code in THREES.items():
                answers.answer(administration.key, item_id, code)
            if extras:
                answers.answer_text(administration.key, "score15_family_words", "close, busy")
                answers.answer_text(administration.key, OPEN_ITEMS[0], "test words A")
                answers.decline(administration.key, OPEN_ITEMS[1])
                answers.answer(administration.key, RATING_ITEMS[0], 10)
                answers.answer(administration.key, RATING_ITEMS[1], 1)
                # Rating C: never asked.
    finally:
        store.close()


@pytest.fixture(scope="module")
def bundles(tmp_path_factory) -> dict[str, Path]:
    folder = tmp_path_factory.mktemp("study-items")
    _answered_study(folder / "study.db", folder / "study-resources")
    store = StudyStore.open(folder / "study.db", PASSPHRASE)  # the folder is a study setting
    try:
        write_bundle(store.db, folder / "plain", ExportOptions(formats=("csv", "sav", "dta")))
        write_bundle(store.db, folder / "words", ExportOptions(include_free_text=True))
    finally:
        store.close()
    return {"plain": folder / "plain", "words": folder / "words"}


def _rows(bundle: Path, name: str) -> list[dict[str, str]]:
    with (bundle / name).open(encoding="utf-8-sig", newline="") as handle:
        return list(csv.DictReader(handle))


def _by_extras(rows: list[dict[str, str]]) -> tuple[dict[str, str], dict[str, str]]:
    first, second = sorted(rows, key=lambda r: r["family_code"])
    return first, second


def test_the_scores_count_the_15_scored_items_only(bundles) -> None:
    with_extras, without = _by_extras(_rows(bundles["plain"], "score15_scores.csv"))
    for row in (with_extras, without):
        assert row["total"] == "45" and row["total_missing"] == ""
        assert (row["items_answered"], row["items_declined"], row["items_not_asked"],
                row["items_asked_not_answered"]) == ("15", "0", "0", "0")
    # Every answer is in the long file, the study's own items too.
    responses = [r for r in _rows(bundles["plain"], "responses.csv")]
    assert {r["item_number"] for r in responses} == {str(n) for n in range(1, 21)}
    rating_a = next(r for r in responses if r["item_id"] == RATING_ITEMS[0])
    assert (rating_a["answer_code"], rating_a["item_number"]) == ("10", "19")


def test_the_wide_file_has_a_column_per_item_of_the_form(bundles) -> None:
    plain = _rows(bundles["plain"], "score15_wide.csv")
    header = list(plain[0])
    extra = ["item_16_missing", "item_17_missing", "item_18_missing", "item_19", "item_19_missing",
             "item_20", "item_20_missing", "item_21", "item_21_missing"]
    assert header[-len(extra):] == extra  # own words (16-18) only with --include-free-text
    assert all(len(name) <= MAX_NAME for name in header)
    with_extras, without = _by_extras(plain)
    assert (with_extras["item_19"], with_extras["item_20"], with_extras["item_21"]) == ("10", "1", "")
    assert with_extras["item_21_missing"] == "not_asked"
    assert (with_extras["item_16_missing"], with_extras["item_17_missing"],
            with_extras["item_18_missing"]) == ("", "", "declined")
    assert without["item_19"] == "" and without["item_19_missing"] == "not_asked"
    words, _ = _by_extras(_rows(bundles["words"], "score15_wide.csv"))
    assert (words["item_16"], words["item_17"], words["item_18"]) == ("close, busy", "test words A", "")


def test_the_codebook_says_what_each_value_means_in_the_studys_words(bundles) -> None:
    codebook = {(r["file"], r["column"]): r for r in _rows(bundles["plain"], "codebook.csv")}
    rating = codebook["score15_wide.csv", "item_19"]
    assert "Test rating A (1 = test low end A, 10 = test high end A)" in rating["meaning"]
    assert "1 to 10: 1 = Test low end A, 10 = Test high end A" in rating["meaning"]
    assert "study's own SCORE-15 file" in rating["meaning"] and "never scored" in rating["meaning"]
    assert rating["type"] == "integer"
    assert rating["allowed_codes"].startswith("1 = 1 (Test low end A) | 2 = 2")
    assert rating["spss_stata_codes"].endswith("9 = 9 | 10 = 10")  # the numbers stay themselves
    assert "declined" in codebook["score15_wide.csv", "item_19_missing"]["allowed_codes"]
    family_words = codebook["score15_wide.csv", "item_16_missing"]["meaning"]
    assert "item 16" in family_words
    item_ids = codebook["responses.csv", "item_id"]["allowed_codes"]
    assert f"{RATING_ITEMS[0]} = score15 item 19: Test rating A" in item_ids
    assert "the study's own item, from its resources folder" in item_ids
    assert "score15_01 = score15 item 1: In my family we talk" in item_ids
    assert "score15_01 = score15 item 1: In my family we talk to each other about things which " \
           "matter to us |" in item_ids  # a shipped item is not called the study's
    words = {(r["file"], r["column"]): r for r in _rows(bundles["words"], "codebook.csv")}
    open_a = words["score15_wide.csv", "item_17"]
    assert "Test open question A" in open_a["meaning"] and open_a["identifying"] == "yes"
    assert "own words" in open_a["meaning"]


def test_the_data_package_types_the_ratings_and_validates(bundles) -> None:
    descriptor = json.loads((bundles["plain"] / "datapackage.json").read_text(encoding="utf-8"))
    wide = next(r for r in descriptor["resources"] if r["name"] == "score15_wide")
    fields = {f["name"]: f for f in wide["schema"]["fields"]}
    assert fields["item_19"]["type"] == "integer"
    assert fields["item_19"]["constraints"]["enum"] == list(range(1, 11))
    assert {"value": 10, "label": "10 (Test high end A)"} in fields["item_19"]["categories"]
    report = frictionless.validate(bundles["plain"] / "datapackage.json")
    assert report.valid, report.flatten(["resourcePath", "rowNumber", "fieldName", "type", "note"])


@pytest.mark.parametrize("kind", ["sav", "dta"])
def test_spss_and_stata_label_the_ratings(bundles, kind: str) -> None:
    folder = {"sav": "spss", "dta": "stata"}[kind]
    reader = pyreadstat.read_sav if kind == "sav" else pyreadstat.read_dta
    frame, meta = reader(str(bundles["plain"] / folder / f"score15_wide.{kind}"), user_missing=True)
    rows = sorted(zip(frame["family_code"], frame["item_19"], frame["item_21"], strict=True))
    assert rows[0][1] == 10
    assert rows[0][2] == (-2 if kind == "sav" else "b")  # not_asked, the second reason
    labels = meta.variable_value_labels["item_19"]
    assert labels[1] == "1 (Test low end A)" and labels[10] == "10 (Test high end A)"
    assert meta.column_names_to_labels["item_19"].startswith("SCORE-15 item 19 (study's own): Test rating A")
    assert all(len(name) <= MAX_CODED_NAME for name in frame.columns if name.endswith("_missing"))


def test_an_export_without_the_studys_folder_says_so(tmp_path: Path) -> None:
    import shutil

    _answered_study(tmp_path / "study.db", tmp_path / "study-resources")
    shutil.rmtree(tmp_path / "study-resources")  # e.g. a laptop the folder was not copied to
    store = StudyStore.open(tmp_path / "study.db", PASSPHRASE)
    try:
        result = write_bundle(store.db, tmp_path / "bundle")
    finally:
        store.close()
    [note] = [n for n in result.notes if "study-resources" in n]
    assert "does not exist" in note and "without their wording" in note
    manifest = json.loads((tmp_path / "bundle" / "manifest.json").read_text(encoding="utf-8"))
    assert note in manifest["notes"]
    # Nothing saved is lost: the answers are still in the long file.
    rating = [r for r in _rows(tmp_path / "bundle", "responses.csv") if r["item_id"] == RATING_ITEMS[0]]
    assert [r["answer_code"] for r in rating] == ["10"]
    scores = _rows(tmp_path / "bundle", "score15_scores.csv")
    assert {r["total"] for r in scores} == {"45"}
