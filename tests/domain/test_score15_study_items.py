"""The SCORE-15 form's open questions and 1-10 ratings, supplied by a study in its own resources.

The app ships the 15 items and item 16 (the family words); the form's other open questions
and ratings come from a study's licensed copy of the form. Here their wording is test
placeholder text (``tests/support/score15_study_items``)."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from fieldwork.domain.instruments import Instrument
from fieldwork.domain.resource_library import check_resource_folder, load_resource_library
from fieldwork.domain.score15 import DECLINED, score_score15, scored_items, unscored_items
from fieldwork.domain.translation_packs import translation_pack
from tests.support.score15_study_items import (
    OPEN_ITEMS,
    RATING_ITEMS,
    STUDY_ITEMS,
    study_score15_document,
    write_study_score15,
)


def _score15(library) -> Instrument:
    [instrument] = [i for i in library.instruments if i.id == "score15" and i.is_english]
    return instrument


def _write(folder: Path, document: dict) -> Path:
    (folder / "instruments").mkdir(parents=True, exist_ok=True)
    (folder / "instruments" / "score15.en.json").write_text(json.dumps(document), encoding="utf-8")
    return folder


def test_the_studys_file_passes_the_check_and_replaces_the_shipped_one(tmp_path: Path) -> None:
    library, problems = check_resource_folder(write_study_score15(tmp_path))
    assert problems == []
    score15 = _score15(library)
    assert score15.from_study and len(score15.items) == 21
    assert [i.id for i in score15.study_items] == list(STUDY_ITEMS)
    # The shipped items keep the app's wording and are not the study's own.
    shipped = _score15(load_resource_library())
    assert [(i.id, i.text) for i in score15.items[:16]] == [(i.id, i.text) for i in shipped.items]
    assert not any(i.from_study for i in score15.items[:16])


def test_a_rating_runs_1_to_10_with_words_at_both_ends(tmp_path: Path) -> None:
    score15 = _score15(load_resource_library(None, write_study_score15(tmp_path)))
    scale = score15.scale_for(score15.item(RATING_ITEMS[0]))
    assert scale is not None and scale.is_rating
    assert scale.codes == tuple(range(1, 11))
    assert scale.label_for(1) == "1 (Test low end A)" and scale.label_for(10) == "10 (Test high end A)"
    assert scale.label_for(5) == "5"
    assert scale.rating.describe() == "1 to 10: 1 = Test low end A, 10 = Test high end A"
    # The prompt 'For each line, would you say this describes our family' belongs to the 15
    # statements, not to an open question or a rating.
    assert score15.uses_item_prompt(score15.item("score15_01"))
    assert not score15.uses_item_prompt(score15.item(RATING_ITEMS[0]))
    assert not score15.uses_item_prompt(score15.item(OPEN_ITEMS[0]))
    assert not score15.uses_item_prompt(score15.item("score15_family_words"))


def test_the_total_and_subscales_ignore_the_forms_other_items(tmp_path: Path) -> None:
    score15 = _score15(load_resource_library(None, write_study_score15(tmp_path)))
    assert len(scored_items(score15)) == 15
    assert [i.id for i in unscored_items(score15)] == ["score15_family_words", *STUDY_ITEMS]
    fifteen = {f"score15_{n:02d}": 3 for n in range(1, 16)}
    alone = score_score15(score15, fifteen)
    with_extras = score_score15(score15, {**fifteen, RATING_ITEMS[0]: 10, RATING_ITEMS[1]: DECLINED})
    assert alone.total.score == with_extras.total.score == 45
    assert with_extras.declined == () and with_extras.not_yet_asked == ()
    assert with_extras.total.item_count == 15 and len(with_extras.item_scores) == 15


@pytest.mark.parametrize(("change", "where", "words"), [
    (lambda d: d["scales"][1]["rating"].update({"to": 11}), "$.scales[1].rating.to", "10"),
    (lambda d: d["scales"][1]["rating"].update({"from": 0}), "$.scales[1].rating.from", "1"),
    (lambda d: d["scales"][1]["rating"].pop("to_label"), "$.scales[1].rating.to_label", "missing"),
    (lambda d: d["scales"][1].update({"options": [{"code": 1, "label": "x"}]}), "$.scales[1]", ""),
    (lambda d: d["subscales"][0]["item_ids"].append(RATING_ITEMS[0]), "$.items", "in no subscale"),
])
def test_a_wrong_rating_is_named_by_file_and_field(tmp_path: Path, change, where, words) -> None:
    document = study_score15_document()
    change(document)
    _library, problems = check_resource_folder(_write(tmp_path, document))
    assert problems, "the mistake was not found"
    assert any(p.field.startswith(where) and words in p.problem for p in problems), \
        [str(p) for p in problems]
    assert all("score15.en.json" in p.path for p in problems)


def test_a_translation_pack_asks_for_the_rating_end_labels(tmp_path: Path) -> None:
    library = load_resource_library(None, write_study_score15(tmp_path))
    [pack] = [f for f in translation_pack(library, "so") if f.relative_path == "instruments/score15.so.json"]
    rating = pack.document["scales"][1]["rating"]
    assert rating["from_label"] == {"english": "Test low end A", "translation": "", "validated": False}
    assert rating["to"] == 10


def test_resources_check_names_the_items_the_study_adds(tmp_path: Path, capsys) -> None:
    from fieldwork.resource_commands import run_check

    folder = write_study_score15(tmp_path)
    assert run_check(folder) == 0
    assert ("score15.en.json adds 5 items the app does not ship (17, 18, 19, 20, 21), in the "
            "study's own wording; no problems.") in capsys.readouterr().out
