"""Translation packs for study teams: `resources template` writes the English beside empty
translations, `resources check` lists every problem, and a filled-in pack loads beside English."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from fieldwork.cli import main as cli_main
from fieldwork.domain.consent_forms import side_by_side
from fieldwork.domain.map_geometry import MapSettings
from fieldwork.domain.resource_library import load_resource_library
from fieldwork.domain.ring_prompts import settings_in_language
from fieldwork.domain.topic_guides import choose_guide
from fieldwork.storage.answer_store import choose_wording
from tests.support.resource_packs import fill_in


@pytest.fixture
def pack(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> Path:
    folder = tmp_path / "somali"
    assert cli_main(["resources", "template", "--language", "so", "--out", str(folder)]) == 0
    assert "Wrote a so translation pack" in capsys.readouterr().out
    return folder


def test_the_template_has_the_english_beside_empty_fields(pack: Path) -> None:
    assert sorted(str(p.relative_to(pack)) for p in pack.rglob("*.json")) == [
        "consent/family-interview-easy-read.so.json", "consent/family-interview-telephone.so.json",
        "consent/family-interview-wave2.so.json", "consent/family-interview.so.json",
        "guides/family-conversation.wave1.so.json", "guides/family-conversation.wave2.so.json",
        "instruments/family_questions.so.json",
        "instruments/score15.so.json", "map_prompts/so.json"]
    score15 = json.loads((pack / "instruments" / "score15.so.json").read_text(encoding="utf-8"))
    assert score15["language"] == "so" and score15["direction"] == "ltr"
    assert score15["items"][0]["text"] == {
        "english": "In my family we talk to each other about things which matter to us",
        "translation": "", "validated": False}
    assert score15["items"][0]["number"] == 1 and score15["items"][0]["scale"] == "describes_us"
    assert isinstance(score15["items"][0]["interpreter_note"], str)  # our English guidance stays English
    assert score15["translation"] == {"validated": False, "source": None}
    assert (pack / "README.txt").is_file()


def test_check_lists_every_empty_translation_and_exits_2(pack: Path, capsys) -> None:
    assert cli_main(["resources", "check", str(pack)]) == 2
    lines = capsys.readouterr().out.splitlines()
    assert f"{pack / 'instruments' / 'score15.so.json'}: $.items[3].text.translation: is empty." in lines
    assert f"{pack / 'map_prompts' / 'so.json'}: $.ring_prompts[2].translation: is empty." in lines
    consent = pack / "consent" / "family-interview.so.json"
    assert f"{consent}: $.statements[0].text.translation: is empty." in lines
    guide = pack / "guides" / "family-conversation.wave2.so.json"
    assert f"{guide}: $.themes[0].probes[1].translation: is empty." in lines
    assert lines[-1].startswith(f"{pack}: {len(lines) - 1} problems in 9 files")


def test_a_filled_in_pack_checks_clean_with_a_one_line_summary(pack: Path, capsys) -> None:
    fill_in(pack)
    assert cli_main(["resources", "check", str(pack)]) == 0
    out = capsys.readouterr().out.splitlines()
    assert len(out) == 1
    assert out[0].startswith(f"{pack}: 4 consent forms, 2 instruments, 1 map-prompt file, 2 topic guides (")
    assert out[0].endswith("texts marked not validated); no problems.")


def test_a_filled_in_pack_loads_beside_english(pack: Path) -> None:
    fill_in(pack)
    library = load_resource_library(None, pack)
    assert library.errors == ()
    shown, english = choose_wording(library.instruments, "score15", "so-SO")
    assert (shown.language, english.language) == ("so", "en")
    assert shown.items[0].text == "[so] In my family we talk to each other about things which matter to us"
    assert not shown.translation_validated  # the screens mark this wording as not validated
    form = next(f for f in library.consent_forms if f.language == "so")
    paired = side_by_side(form, library.consent_forms)
    assert paired is not None and paired.english.language == "en"
    assert paired.statements[0][0].text == f"[so] {paired.statements[0][1].text}"
    prompts = settings_in_language(MapSettings(), "so", library.map_prompts).ring_prompts
    assert prompts[0] == "[so] People so close that it is hard to imagine life without them"
    guides = choose_guide(library.topic_guides, 2, "so-SO")
    assert guides is not None and (guides.shown.language, guides.english.language) == ("so", "en")
    assert guides.shown.themes[0].title == f"[so] {guides.english.themes[0].title}"
    assert guides.shown.themes[0].theme_id == "what_changed"  # ids are never translated
    assert not guides.shown.translation_validated


def test_a_pack_validated_text_by_text_and_as_a_whole_is_validated(pack: Path) -> None:
    fill_in(pack, validated=True)
    shown, _english = choose_wording(load_resource_library(None, pack).instruments, "score15", "so")
    assert shown.translation_validated


def test_one_text_not_validated_makes_the_wording_not_validated(pack: Path) -> None:
    fill_in(pack, validated=True)
    path = pack / "instruments" / "score15.so.json"
    document = json.loads(path.read_text(encoding="utf-8"))
    document["items"][4]["text"]["validated"] = False
    path.write_text(json.dumps(document, ensure_ascii=False), encoding="utf-8")
    shown, _english = choose_wording(load_resource_library(None, pack).instruments, "score15", "so")
    assert not shown.translation_validated


def test_template_refuses_a_folder_with_work_in_it(pack: Path, capsys) -> None:
    assert cli_main(["resources", "template", "--language", "so", "--out", str(pack)]) == 2
    assert "already exists" in capsys.readouterr().err
    assert cli_main(["resources", "template", "--language", "Somali", "--out", str(pack.parent / "x")]) == 2
    assert "'Somali' is not a language tag" in capsys.readouterr().err


def test_a_right_to_left_language_starts_right_to_left(tmp_path: Path) -> None:
    assert cli_main(["resources", "template", "--language", "ar", "--out", str(tmp_path / "ar")]) == 0
    prompts = json.loads((tmp_path / "ar" / "map_prompts" / "ar.json").read_text(encoding="utf-8"))
    assert prompts["direction"] == "rtl"
