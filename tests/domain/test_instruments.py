"""Instrument files: the shipped files load, bad files are named by file and field."""

from __future__ import annotations

import copy
import json
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from fieldwork.domain.errors import InvalidInput, ResourceFileError
from fieldwork.domain.instruments import (
    FREE_TEXT,
    Instrument,
    find_english_version,
    side_by_side,
)
from fieldwork.domain.resource_loading import load_instrument, load_instruments

ROOT = Path(__file__).resolve().parents[2]
SHIPPED = ROOT / "resources" / "instruments"
TEST_DATA = ROOT / "tests" / "data" / "instruments"
TINY = TEST_DATA / "tiny.en.json"

SCORE15_ITEMS = [
    "In my family we talk to each other about things which matter to us",
    "People often don't tell each other the truth in my family",
    "Each of us gets listened to in our family",
    "It feels risky to disagree in our family",
    "We find it hard to deal with everyday problems",
    "We trust each other",
    "It feels miserable in our family",
    "When people in my family get angry they ignore each other on purpose",
    "We seem to go from one crisis to another in my family",
    "When one of us is upset they get looked after within the family",
    "Things always seem to go wrong for my family",
    "People in the family are nasty to each other",
    "People in my family interfere too much in each other's lives",
    "In my family we blame each other when things go wrong",
    "We are good at finding new ways to deal with things that are difficult",
]


@pytest.fixture(scope="module")
def score15() -> Instrument:
    return load_instrument(SHIPPED / "score15.en.json")


@pytest.fixture(scope="module")
def family_questions() -> Instrument:
    return load_instrument(SHIPPED / "family_questions.en.json")


# --- the shipped files -------------------------------------------------------------------

def test_shipped_folder_loads_without_errors():
    instruments, errors = load_instruments(SHIPPED)
    assert errors == []
    assert sorted(i.key for i in instruments) == [
        ("family_questions", "1.0", "en"), ("score15", "1.0", "en")]


def test_score15_items_are_word_for_word(score15):
    rated = [item for item in score15.items if not item.is_free_text]
    assert [item.text for item in rated] == SCORE15_ITEMS
    assert [item.number for item in rated] == list(range(1, 16))
    assert all(item.verbatim for item in rated)


def test_the_words_that_describe_the_family_are_back_in_score15(score15):
    # The evaluation (3.2.6): "When asked what words summed up their family ..."
    words = score15.item("score15_family_words")
    assert words.is_free_text and words.number == 16
    # Its published wording could not be checked: it is not marked as verbatim wording.
    assert words.verbatim is False
    # "For each line, would you say this describes our family" is the stem of the fifteen
    # lines, not of an open question (seen on screen above "What words would you use ...").
    assert not score15.uses_item_prompt(words)
    assert score15.uses_item_prompt(score15.item("score15_01")) and score15.item_prompt


# The published form, as reproduced by the PhenX Toolkit (protocol 662102).
PUBLISHED_INSTRUCTIONS = (
    "We would like you to tell us about how you see your family at the moment. So we are "
    "asking for YOUR view of your family.\n\nWhen people say \"your family\" they often mean "
    "the people who live in your house. But we want you to choose who you want to count as "
    "the family you are going to describe.\n\nFor each item, make your choice by putting a "
    "tick in just one of the boxes numbered 1 to 5. If a statement was \"We are always "
    "fighting each other\" and you felt this was not especially true of your family, you "
    "would put a tick in box 4 for \"Describes us: not well.\"")


def test_score15_header(score15):
    assert score15.language == "en" and score15.direction == "ltr" and score15.is_english
    assert score15.translation_validated is True
    assert "Stratton" in score15.translation_source and "PhenX" in score15.translation_source
    assert score15.instructions == PUBLISHED_INSTRUCTIONS
    assert "..." not in score15.instructions and "…" not in score15.instructions
    assert score15.item_prompt == "For each line, would you say this describes our family"


def test_score15_options_keep_their_stem(score15):
    scale = score15.scale("describes_us")
    assert [(o.code, o.label) for o in scale.options] == [
        (1, "Describes us: Very well"), (2, "Describes us: Well"), (3, "Describes us: Partly"),
        (4, "Describes us: Not well"), (5, "Describes us: Not at all")]
    assert scale.label_for(3) == "Describes us: Partly"
    assert scale.accepts(5)
    assert not scale.accepts(6) and not scale.accepts("5") and not scale.accepts(True)


def test_score15_subscales_and_keying(score15):
    numbers = {s.id: [score15.item(i).number for i in s.item_ids] for s in score15.subscales}
    assert numbers == {"strengths_and_adaptability": [1, 3, 6, 10, 15],
                       "overwhelmed_by_difficulties": [5, 7, 9, 11, 14],
                       "disrupted_communication": [2, 4, 8, 12, 13]}
    assert [s.label for s in score15.subscales] == [
        "Strengths and adaptability", "Overwhelmed by difficulties", "Disrupted communication"]
    reverse_keyed = [i.number for i in score15.items if i.reverse_keyed]
    assert reverse_keyed == [2, 4, 5, 7, 8, 9, 11, 12, 13, 14]


def test_every_item_has_an_interpreter_note_that_is_not_the_item(score15, family_questions):
    for instrument in (score15, family_questions):
        for item in instrument.items:
            assert len(item.interpreter_note) > 20 and item.interpreter_note != item.text
        assert "not validated" in instrument.interpreter_notes_source


# Focus on Practice 2016, the rows and columns of its tables, word for word:
TABLE_3_11 = ("Disagree", "Agree", "Not Sure")
TABLE_3_11_ROWS = (
    "I don't like talking to professionals like social workers, health visitors and so on",
    "I am good at getting help when I need it",
    "I don't understand how to deal with social workers",
)
TABLE_3_12 = ("Positive", "Negative", "Neutral", "Mixed Feelings")
TABLE_3_12_ROW = "Feelings about being involved with services"
TABLE_3_13 = ("Yes", "No", "Some disagreement", "Not sure")
TABLE_3_13_ROW = "Agreement with social workers about priorities for change"


def test_family_questions_are_the_reports_tables_in_their_order(family_questions):
    fq = family_questions
    labels = {item.id: tuple(o.label for o in fq.scale_for(item).options) for item in fq.items}
    assert [item.text for item in fq.items] == [*TABLE_3_11_ROWS, TABLE_3_12_ROW, TABLE_3_13_ROW]
    for item_id in ("professionals_dislike_talking", "professionals_good_at_getting_help",
                    "professionals_dont_understand_social_workers"):
        assert tuple(x.lower() for x in labels[item_id]) == tuple(x.lower() for x in TABLE_3_11)
    assert tuple(x.lower() for x in labels["feelings_about_services"]) == tuple(
        x.lower() for x in TABLE_3_12)
    assert labels["agreement_on_priorities"] == TABLE_3_13
    assert fq.scale("agree_disagree").codes == ("disagree", "agree", "not_sure")
    # Every item is the report's own words, so every item is marked verbatim.
    assert all(item.verbatim for item in fq.items)
    assert fq.subscales == ()


def test_table_3_12_ambiguity_is_stated(family_questions):
    note = family_questions.item("feelings_about_services").interpreter_note
    assert "Feelings about being involved with social workers" in note
    assert "positive about social work involvement" in note


def test_social_worker_closeness_is_not_asked_twice(family_questions):
    """The report took it 'during the Family Network exercise': it comes from the map."""
    ids = {item.id for item in family_questions.items}
    assert not ids & {"social_worker_contact_frequency", "social_worker_closeness",
                      "family_in_words"}


# --- the test-only right-to-left pack and side-by-side -----------------------------------

def test_rtl_test_pack_is_marked_as_test_only():
    pack = load_instrument(TEST_DATA / "score15.ar-test.json")
    assert pack.direction == "rtl" and pack.language == "ar-x-test" and not pack.is_english
    assert pack.translation_validated is False and pack.translation_source is None
    assert pack.title.startswith("TEST ONLY, not a translation")


def test_rtl_pack_pairs_with_english_by_id(score15):
    pack = load_instrument(TEST_DATA / "score15.ar-test.json")
    instruments, _ = load_instruments(SHIPPED)
    english = find_english_version(pack, instruments)
    assert english == score15
    pairs = side_by_side(pack, english)
    assert len(pairs) == 15
    assert pairs[3].item.text == "نص تجريبي للبند 4"
    assert pairs[3].english.text == "It feels risky to disagree in our family"
    assert all(p.item.id == p.english.id for p in pairs)


def test_english_version_needs_same_id_and_version(score15):
    pack = load_instrument(TEST_DATA / "score15.ar-test.json")
    tiny = load_instrument(TINY)
    assert find_english_version(pack, [tiny]) is None
    assert find_english_version(score15, []) is score15
    with pytest.raises(InvalidInput):
        side_by_side(pack, tiny)


def test_side_by_side_leaves_gap_for_item_missing_in_english(tmp_path, score15):
    data = json.loads((TEST_DATA / "score15.ar-test.json").read_text(encoding="utf-8"))
    data["items"][0]["id"] = "extra_item"
    data["subscales"][0]["item_ids"][0] = "extra_item"
    path = tmp_path / "x.json"
    path.write_text(json.dumps(data), encoding="utf-8")
    pairs = side_by_side(load_instrument(path), score15)
    assert pairs[0].english is None and pairs[1].english.number == 2


# --- bad files ---------------------------------------------------------------------------

@pytest.mark.parametrize(("name", "field", "words"), [
    ("not_json.json", "file", "not valid JSON (line 2"),
    ("missing_title.json", "$.title", "is missing"),
    ("reverse_keyed_not_true_or_false.json", "$.items[1].reverse_keyed",
     "should be true or false, not text"),
    ("unknown_scale.json", "$.items[1].scale", "no scale 'agree_disagree'"),
    ("subscale_item_missing.json", "$.subscales[0].item_ids[1]", "no item 'z'"),
    ("duplicate_item_ids.json", "$.items[2].id", "'a' is used twice"),
])
def test_bad_file_names_file_and_field(name, field, words):
    path = TEST_DATA / "bad" / name
    with pytest.raises(ResourceFileError) as caught:
        load_instrument(path)
    error = caught.value
    assert (error.path, error.field) == (str(path), field)
    assert words in error.problem
    assert str(error).startswith(f"{path}: {field}: ")


def test_folder_of_bad_files_gives_one_error_each():
    instruments, errors = load_instruments(TEST_DATA / "bad")
    assert instruments == []
    bad_files = sorted(p.name for p in (TEST_DATA / "bad").glob("*.json"))
    assert sorted(Path(e.path).name for e in errors) == bad_files


def test_app_still_gets_good_files_when_one_is_bad(tmp_path):
    shutil.copy(SHIPPED / "score15.en.json", tmp_path)
    shutil.copy(TEST_DATA / "bad" / "unknown_scale.json", tmp_path)
    (tmp_path / "readme.txt").write_text("not an instrument")
    instruments, errors = load_instruments(tmp_path)
    assert [i.id for i in instruments] == ["score15"]
    reported = [(Path(e.path).name, e.field) for e in errors]
    assert reported == [("unknown_scale.json", "$.items[1].scale")]


def test_duplicate_id_version_language_across_files():
    # One rule for every kind of resource: two files under one name are both refused.
    instruments, errors = load_instruments(TEST_DATA / "duplicates")
    assert instruments == []
    assert sorted(Path(e.path).name for e in errors) == ["tiny-copy.en.json", "tiny.en.json"]
    first = next(e for e in errors if e.path.endswith("/tiny.en.json"))
    assert first.field == "$" and "also in tiny-copy.en.json; neither file is used" in first.problem


def test_missing_folder_is_reported(tmp_path):
    instruments, errors = load_instruments(tmp_path / "nowhere")
    assert instruments == []
    assert [(e.path, e.field) for e in errors] == [(str(tmp_path / "nowhere"), "folder")]


def _mutate(path_dir: Path, change) -> Path:
    data = json.loads(TINY.read_text(encoding="utf-8"))
    change(data)
    path = path_dir / "mutated.json"
    path.write_text(json.dumps(data), encoding="utf-8")
    return path


def _set(where: str, value):
    def change(data):
        target, *keys = data, *where.split(".")
        for key in keys[:-1]:
            target = target[int(key)] if key.isdigit() else target[key]
        last = keys[-1]
        target[int(last) if last.isdigit() else last] = value
    return change


@pytest.mark.parametrize(("change", "field"), [
    (lambda d: d.clear(), "$.id"),  # the first of the missing fields
    (_set("language", "English"), "$.language"),
    (_set("direction", "up"), "$.direction"),
    (_set("version", 1), "$.version"),
    (_set("title", "  "), "$.title"),
    (_set("translation.source", None), "$.translation.source"),
    (_set("translation.validated", "yes"), "$.translation.validated"),
    (_set("reverse_keyd", True), "$.reverse_keyd"),
    (_set("items.0.colour", "red"), "$.items[0].colour"),
    (_set("items", []), "$.items"),
    (_set("items.1.number", 1), "$.items[1].number"),
    (_set("items.1.number", 0), "$.items[1].number"),
    (_set("items.2.reverse_keyed", True), "$.items[2].reverse_keyed"),
    (_set("items.0.interpreter_note", None), "$.items[0].interpreter_note"),
    (_set("scales.0.options.1.code", "yes"), "$.scales[0].options[1].code"),
    (_set("scales.0.options.1.code", 1.5), "$.scales[0].options[1].code"),
    (_set("scales.0.options", []), "$.scales[0].options"),
    (_set("scales.0.id", FREE_TEXT), "$.scales[0].id"),
    (lambda d: d["scales"].append(copy.deepcopy(d["scales"][0])), "$.scales[1].id"),
    (_set("subscales.0.item_ids", ["a", "a"]), "$.subscales[0].item_ids[1]"),
    (_set("subscales.0.item_ids", ["a", 2]), "$.subscales[0].item_ids[1]"),
    (_set("subscales.0", []), "$.subscales[0]"),
])
def test_each_field_is_checked(tmp_path, change, field):
    with pytest.raises(ResourceFileError) as caught:
        load_instrument(_mutate(tmp_path, change))
    assert caught.value.field == field


def test_comment_fields_and_unvalidated_translation_are_accepted(tmp_path):
    def change(data):
        data["_note"] = "a comment for whoever edits the file"
        data["translation"] = {"validated": False, "source": None}
        data["language"], data["direction"] = "so", "ltr"
    tiny = load_instrument(_mutate(tmp_path, change))
    assert tiny.language == "so" and not tiny.translation_validated and tiny.item_prompt == ""


def test_file_that_is_not_utf8(tmp_path):
    path = tmp_path / "latin1.json"
    path.write_bytes('{"title": "caf\u00e9"}'.encode("latin-1"))
    with pytest.raises(ResourceFileError, match="not UTF-8"):
        load_instrument(path)


def test_instruments_and_scoring_never_import_qt():
    code = ("import sys, fieldwork.domain.instruments, fieldwork.domain.score15; "
            "sys.exit(any(name.startswith('PySide6') for name in sys.modules))")
    assert subprocess.run([sys.executable, "-c", code], cwd=ROOT).returncode == 0
