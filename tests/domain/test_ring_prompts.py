"""Ring prompts per language, from data files."""

from __future__ import annotations

from pathlib import Path

import pytest

from fieldwork.domain.errors import ResourceFileError
from fieldwork.domain.map_geometry import CONVOY_RING_PROMPTS, MapSettings
from fieldwork.domain.resource_loading import load_prompts, read_prompts
from fieldwork.domain.ring_prompts import MAP_PROMPTS_FOLDER, prompts_for, settings_in_language

TEST_PACK = Path(__file__).parents[1] / "data" / "map_prompts"


def test_the_shipped_english_prompts_are_the_convoy_prompts() -> None:
    prompts, errors = load_prompts()
    assert errors == []
    assert prompts["en"] == CONVOY_RING_PROMPTS


def test_a_language_finds_its_pack_and_the_study_settings_take_its_words() -> None:
    prompts, _errors = load_prompts(MAP_PROMPTS_FOLDER, TEST_PACK)
    arabic = prompts_for("ar", prompts)
    assert arabic is not None and arabic[0].startswith("حلقة")
    translated = settings_in_language(MapSettings(), "ar", prompts)
    assert translated.ring_prompts == arabic
    assert settings_in_language(MapSettings(), "so", prompts) == MapSettings()  # no Somali file
    custom = MapSettings(rings=4)
    assert settings_in_language(custom, "ar", prompts) == custom  # the study's own rings stay


@pytest.mark.parametrize("content, field", [
    ("not json", "file"), ('{"language": "pl"}', "$.ring_prompts"),
    ('{"ring_prompts": ["a", "b", "c"]}', "$.language"),
    ('{"language": "pl", "ring_prompts": ["a", ""]}', "$.ring_prompts"),
    ('{"language": "pl", "ring_prompts": ["a", "", "c"]}', "$.ring_prompts[1]"), ("[1]", "$"),
])
def test_bad_files_are_reported_by_field_and_the_rest_load(tmp_path: Path, content: str, field: str) -> None:
    bad = tmp_path / "bad.json"
    bad.write_text(content, encoding="utf-8")
    with pytest.raises(ResourceFileError) as refused:
        read_prompts(bad)
    assert refused.value.field == field and str(bad) in str(refused.value)
    (tmp_path / "en.json").write_text((MAP_PROMPTS_FOLDER / "en.json").read_text(encoding="utf-8"), encoding="utf-8")
    prompts, errors = load_prompts(tmp_path)
    assert list(prompts) == ["en"] and len(errors) == 1
