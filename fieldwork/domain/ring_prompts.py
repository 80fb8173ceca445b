"""The map's ring prompts in the family's language, from data files (one per language).

``resources/map_prompts/<language>.json`` holds the three convoy prompts in one language
(checked against ``resources/schemas/map_prompts.schema.json`` by the resource library).
When a map is started for an interview in that language and the study uses the default
convoy rings, the map's prompts are the family's words; the map shows the English beneath.
A bad file is reported by file and JSON path; the others still load.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from fieldwork.domain.errors import ResourceFileError
from fieldwork.domain.language_tags import choose_language, is_english
from fieldwork.domain.map_geometry import CONVOY_RING_PROMPTS, MapSettings
from fieldwork.resource_files import resource_folder

MAP_PROMPTS_FOLDER = resource_folder("map_prompts")

MAP_PROMPTS_KIND = "map_prompts"
"""The folder of ring prompts in a resources folder, and the kind the resource library reads."""


@dataclass(frozen=True)
class MapPrompts:
    """The convoy ring prompts in one language, as read from one file."""

    language: str
    prompts: tuple[str, ...]
    direction: str = "ltr"


def prompts_from_document(data: dict[str, Any], shown: str) -> MapPrompts:
    """The prompts in a document the schema has passed (three non-empty texts, a language tag)."""
    if len(data["ring_prompts"]) != len(CONVOY_RING_PROMPTS):  # the schema's count, said again here
        raise ResourceFileError(shown, "$.ring_prompts",
                                f"give the {len(CONVOY_RING_PROMPTS)} convoy prompts as text.")
    return MapPrompts(data["language"].strip(), tuple(p.strip() for p in data["ring_prompts"]),
                      data.get("direction", "ltr"))


def prompts_for(language: str, available: dict[str, tuple[str, ...]]) -> tuple[str, ...] | None:
    """The prompts for ``language`` by the one fallback rule (``language_tags.choose_language``).

    None when only English would be found for another language: the study's own settings,
    in English, then stay as they are.
    """
    chosen = choose_language(language, available)
    if chosen is None or (is_english(chosen) and not is_english(language)):
        return None
    return available[chosen]


def settings_in_language(settings: MapSettings, language: str,
                         available: dict[str, tuple[str, ...]]) -> MapSettings:
    """The study's settings with the prompts in ``language``, when the study uses the convoy rings."""
    prompts = prompts_for(language, available)
    if prompts is None or settings.rings != len(CONVOY_RING_PROMPTS) \
            or tuple(settings.ring_prompts or ()) != CONVOY_RING_PROMPTS:
        return settings
    return MapSettings(settings.rings, settings.sectors, settings.start_angle, prompts)
