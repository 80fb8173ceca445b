"""The map's ring prompts in the family's language, from data files (one per language).

``resources/map_prompts/<language>.json`` holds the three convoy prompts in one language.
When a map is started for an interview in that language and the study uses the default
convoy rings, the map's prompts are the family's words; the map shows the English beneath.
A bad file is reported by file and field; the others still load.
"""

from __future__ import annotations

import json
from pathlib import Path

from fieldwork.domain.errors import ResourceFileError
from fieldwork.domain.map_geometry import CONVOY_RING_PROMPTS, MapSettings
from fieldwork.resource_files import resource_folder

MAP_PROMPTS_FOLDER = resource_folder("map_prompts")


def read_prompts(path: Path) -> tuple[str, tuple[str, ...]]:
    """(language, prompts) from one file; ``ResourceFileError`` names what is wrong."""
    try:
        data = json.loads(Path(path).read_text(encoding="utf-8-sig"))
    except (OSError, UnicodeDecodeError, json.JSONDecodeError, RecursionError) as error:
        raise ResourceFileError(str(path), "file", f"cannot be read as JSON text ({error}).") from None
    if not isinstance(data, dict):
        raise ResourceFileError(str(path), "file", "should be a group of fields in { }.")
    language = data.get("language")
    if not isinstance(language, str) or not language.strip():
        raise ResourceFileError(str(path), "language", "give the language code, e.g. 'pl'.")
    prompts = data.get("ring_prompts")
    if not isinstance(prompts, list) or len(prompts) != len(CONVOY_RING_PROMPTS) \
            or not all(isinstance(p, str) and p.strip() for p in prompts):
        raise ResourceFileError(str(path), "ring_prompts",
                                f"give the {len(CONVOY_RING_PROMPTS)} convoy prompts as text.")
    return language.strip(), tuple(p.strip() for p in prompts)


def load_prompts(*folders: Path) -> tuple[dict[str, tuple[str, ...]], list[ResourceFileError]]:
    """Every language's prompts in ``folders`` (the shipped folder when none given)."""
    found: dict[str, tuple[str, ...]] = {}
    errors: list[ResourceFileError] = []
    for folder in folders or (MAP_PROMPTS_FOLDER,):
        for path in sorted(Path(folder).glob("*.json")):
            try:
                language, prompts = read_prompts(path)
            except ResourceFileError as error:
                errors.append(error)
                continue
            found.setdefault(language, prompts)
    return found, errors


def prompts_for(language: str, available: dict[str, tuple[str, ...]]) -> tuple[str, ...] | None:
    """The prompts for ``language``: the exact tag, else the same primary language."""
    if language in available:
        return available[language]
    primary = language.split("-")[0]
    for tag, prompts in sorted(available.items()):
        if tag.split("-")[0] == primary:
            return prompts
    return None


def settings_in_language(settings: MapSettings, language: str,
                         available: dict[str, tuple[str, ...]]) -> MapSettings:
    """The study's settings with the prompts in ``language``, when the study uses the convoy rings."""
    prompts = prompts_for(language, available)
    if prompts is None or settings.rings != len(CONVOY_RING_PROMPTS) \
            or tuple(settings.ring_prompts or ()) != CONVOY_RING_PROMPTS:
        return settings
    return MapSettings(settings.rings, settings.sectors, settings.start_angle, prompts)
