"""Translation packs: a study's own folder of resources, started from the English for a translator.

``translation_pack`` turns every English resource the app ships (consent forms, instruments,
map prompts, topic guides) into the files of a pack for one language, laid out as a study's resources
folder (``consent/``, ``instruments/``, ``map_prompts/``, ``guides/``). Each text a family sees becomes

    {"english": "In my family we talk ...", "translation": "", "validated": false}

so the translator sees the English beside an empty field, and every text says whether its
translation is validated (through a recognised protocol such as AFT/EFTA's for SCORE-15;
an interpreter's or a volunteer's rendering is not). Ids, codes, numbers and our
plain-English interpreter notes are copied unchanged: they are not shown as the family's
wording. A filled-in pack loads like any resource folder; until each translation is filled
in, ``resources check`` names every empty one by file and JSON path. Never imports Qt.
"""

from __future__ import annotations

import copy
from collections.abc import Iterator
from dataclasses import dataclass
from typing import Any

from fieldwork.domain.errors import InvalidInput
from fieldwork.domain.language_tags import is_english, is_language_tag
from fieldwork.domain.resource_library import KINDS, ResourceLibrary
from fieldwork.domain.resource_reading import parse_json

# The texts a family sees, per kind, as paths with '*' for every element of a list.
TRANSLATED_TEXTS: dict[str, tuple[str, ...]] = {
    "consent": ("title", "information_sheet.*", "components.*.label", "statements.*.text"),
    "instruments": ("title", "instructions", "item_prompt", "scales.*.options.*.label",
                    "scales.*.rating.from_label", "scales.*.rating.to_label", "items.*.text",
                    "subscales.*.label"),
    "map_prompts": ("ring_prompts.*",),
    "guides": ("title", "themes.*.title", "themes.*.questions.*", "themes.*.probes.*"),
}

# Scripts written right to left, by primary language; any other language starts as 'ltr'.
RIGHT_TO_LEFT = frozenset({"ar", "arc", "ckb", "dv", "fa", "he", "ks", "ku", "ps", "sd", "ug", "ur", "yi"})

TRANSLATOR_NOTE = (
    "Translation pack: write each text's translation in \"translation\", beside its \"english\". "
    "Set \"validated\" to true only for wording validated through a recognised protocol "
    "(an interpreter's rendering is not a validated translation). Leave ids, codes and numbers as they are. "
    "Check the folder with: python main.py resources check FOLDER"
)


@dataclass(frozen=True)
class PackFile:
    """One file of a pack: where it goes in the pack folder, and its JSON document."""

    relative_path: str
    document: dict[str, Any]


def default_direction(language: str) -> str:
    return "rtl" if language.split("-", 1)[0].lower() in RIGHT_TO_LEFT else "ltr"


def translation_pack(shipped: ResourceLibrary, language: str, direction: str | None = None) -> list[PackFile]:
    """The files of a pack for ``language``, one per English resource in ``shipped``."""
    if not is_language_tag(language):
        raise InvalidInput("language", f"'{language}' is not a language tag such as 'so', 'ar' or 'pt-BR'.")
    if is_english(language):
        raise InvalidInput("language",
                           "the English files are the ones a pack translates; give another language.")
    direction = direction or default_direction(language)
    if direction not in ("ltr", "rtl"):
        raise InvalidInput("direction", f"'{direction}' must be 'ltr' or 'rtl'.")
    files = []
    for resource in shipped.resources:
        if resource.source is None or not _is_english_resource(resource.kind, resource.value):
            continue
        english = parse_json(resource.source.read_bytes(), resource.shown)
        document = _translatable(resource.kind, english, language, direction)
        files.append(PackFile(f"{resource.kind}/{_file_name(resource.kind, document, language)}", document))
    return files


def _is_english_resource(kind: str, value: Any) -> bool:
    # A retired consent form is kept only to show old records: nobody should translate it.
    return kind in KINDS and is_english(value.language) and not getattr(value, "retired", False)


def _file_name(kind: str, document: dict[str, Any], language: str) -> str:
    if kind == "consent":
        return f"{document['form_id']}.{language}.json"
    if kind == "instruments":
        return f"{document['id']}.{language}.json"
    if kind == "guides":
        return f"{document['guide_id']}.wave{document['wave']}.{language}.json"
    return f"{language}.json"


def _translatable(kind: str, english: dict[str, Any], language: str, direction: str) -> dict[str, Any]:
    document = {key: value for key, value in copy.deepcopy(english).items() if not key.startswith("_")}
    for path in TRANSLATED_TEXTS[kind]:
        for holder, key in _places(document, path.split(".")):
            holder[key] = {"english": holder[key], "translation": "", "validated": False}
    document["language"] = language
    document["direction"] = direction
    if kind == "instruments":
        document["translation"] = {"validated": False, "source": None}
    if kind == "map_prompts":
        document.pop("source", None)  # says where the English comes from, not the translation
    return {"_translator": TRANSLATOR_NOTE, **document}


def _places(value: Any, parts: list[str]) -> Iterator[tuple[Any, Any]]:
    """(container, key) for every place ``parts`` names in ``value`` ('*': each list element)."""
    head, rest = parts[0], parts[1:]
    if head == "*":
        keys: list[Any] = list(range(len(value))) if isinstance(value, list) else []
    else:
        keys = [head] if isinstance(value, dict) and head in value else []
    for key in keys:
        if rest:
            yield from _places(value[key], rest)
        else:
            yield value, key
