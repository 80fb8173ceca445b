"""Topic guides: the conversation's themes for one wave, each with its questions and probes.

Each file in ``resources/guides/`` (or a study's own ``guides/`` folder) holds one guide
for one wave in one language, checked against ``resources/schemas/guide.schema.json`` by
the resource library; ``guide_from_document`` then checks what a schema cannot say (a
theme id used twice), naming the file and JSON path. A translation must have the themes,
questions and probes of its English version in the same order, so the two can be shown
side by side (``refuse_mismatched_translations``). Which guide an interview uses is
``choose_guide``: the study's own guide for the wave when its folder has one, else the
shipped one; the file in the interview's language by the one fallback rule
(``language_tags.choose_language``), with its English beside it. Never imports Qt.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from typing import Any

from fieldwork.domain.errors import ResourceFileError
from fieldwork.domain.language_tags import choose_language, is_english
from fieldwork.resource_files import resource_folder

GUIDES_KIND = "guides"
"""The folder of topic guides in a resources folder, and the kind the resource library reads."""

GUIDES_FOLDER = resource_folder(GUIDES_KIND)


@dataclass(frozen=True)
class GuideTheme:
    """One theme of the conversation: what to ask, and the probes to follow up with."""

    theme_id: str
    title: str
    questions: tuple[str, ...]
    probes: tuple[str, ...] = ()
    interpreter_note: str = ""  # our plain-English guidance; never read out as the family's wording


@dataclass(frozen=True)
class TopicGuide:
    """A named version of one wave's guide in one language, themes in the order they are asked."""

    guide_id: str
    version: str
    wave: int
    language: str
    direction: str
    title: str
    themes: tuple[GuideTheme, ...]
    study: str = ""
    source: str = ""
    translation_validated: bool = True  # False when any text is marked not validated

    def theme(self, theme_id: str) -> GuideTheme | None:
        return next((theme for theme in self.themes if theme.theme_id == theme_id), None)

    @property
    def theme_ids(self) -> tuple[str, ...]:
        return tuple(theme.theme_id for theme in self.themes)


@dataclass(frozen=True)
class GuidePair:
    """The guide shown in the interview's language and its English version (the same when English)."""

    shown: TopicGuide
    english: TopicGuide

    @property
    def translated(self) -> bool:
        return self.shown is not self.english


def guide_from_document(data: dict[str, Any], shown: str, texts_not_validated: int = 0) -> TopicGuide:
    """The guide in a document the schema has passed, with the rules a schema cannot say."""
    themes: list[GuideTheme] = []
    for index, raw in enumerate(data["themes"]):
        theme_id = raw["id"].strip()
        if theme_id in {theme.theme_id for theme in themes}:
            raise ResourceFileError(shown, f"$.themes[{index}].id",
                                    f"theme id '{theme_id}' is used twice; give each theme its own id.")
        themes.append(GuideTheme(
            theme_id, raw["title"].strip(), tuple(q.strip() for q in raw["questions"]),
            tuple(p.strip() for p in raw.get("probes", ())), raw.get("interpreter_note", "").strip()))
    return TopicGuide(
        guide_id=data["guide_id"].strip(), version=data["version"].strip(), wave=data["wave"],
        language=data["language"].strip(), direction=data["direction"], title=data["title"].strip(),
        themes=tuple(themes), study=data.get("study", "").strip(), source=data.get("source", ""),
        translation_validated=texts_not_validated == 0)


def guide_identity(guide: TopicGuide) -> tuple[str, str, str, str]:
    return guide.guide_id, guide.version, f"wave {guide.wave}", guide.language.lower()


def describe_guide(guide: TopicGuide) -> str:
    return (f"topic guide '{guide.guide_id}' version {guide.version} for wave {guide.wave} "
            f"in '{guide.language}'")


def english_guide(guide: TopicGuide, guides: Sequence[TopicGuide]) -> TopicGuide | None:
    """The English version of ``guide`` (same id, version and wave), or None."""
    if is_english(guide.language):
        return guide
    wanted = (guide.guide_id, guide.version, guide.wave)
    same = [g for g in guides if (g.guide_id, g.version, g.wave) == wanted]
    tag = choose_language("en", [g.language for g in same if is_english(g.language)])
    return next((g for g in same if g.language == tag), None)


def _mismatch(guide: TopicGuide, english: TopicGuide) -> tuple[str, str] | None:
    """(JSON path, problem) where a translation's themes differ from its English version's."""
    if guide.theme_ids != english.theme_ids:
        return "$.themes", (f"the theme ids ({', '.join(guide.theme_ids)}) do not match the English "
                            f"version's ({', '.join(english.theme_ids)}); keep the same themes in the "
                            "same order.")
    for index, (theirs, ours) in enumerate(zip(guide.themes, english.themes, strict=True)):
        for part in ("questions", "probes"):
            count, wanted = len(getattr(theirs, part)), len(getattr(ours, part))
            if count != wanted:
                return f"$.themes[{index}].{part}", (f"has {count}, the English version {wanted}; translate "
                                                     "each one, in the same order.")
    return None


def refuse_mismatched_translations(
    guides: list[tuple[str, TopicGuide]],
) -> tuple[list[tuple[str, TopicGuide]], list[ResourceFileError]]:
    """The (file, guide) pairs that can be shown beside their English, and an error for the others."""
    every = [guide for _, guide in guides]
    kept: list[tuple[str, TopicGuide]] = []
    errors: list[ResourceFileError] = []
    for shown, guide in guides:
        english = english_guide(guide, every)
        mismatch = None if english is None or english is guide else _mismatch(guide, english)
        if mismatch:
            errors.append(ResourceFileError(shown, *mismatch))
        else:
            kept.append((shown, guide))
    return kept, errors


def choose_guide(guides: Sequence[TopicGuide], wave: int, language: str, *,
                 guide_id: str | None = None, version: str | None = None) -> GuidePair | None:
    """The guide for an interview at ``wave`` in ``language``, with its English version.

    ``guides`` in the library's order: a study's own files come after the shipped ones, so
    the last guide id with a guide for the wave is the study's own. ``guide_id`` and
    ``version`` pin the guide a conversation already started with. None when no guide for
    the wave is loaded in English.
    """
    for_wave = [g for g in guides if g.wave == wave]
    if guide_id is not None:
        for_wave = [g for g in for_wave
                    if g.guide_id == guide_id and (version is None or g.version == version)]
    if not for_wave:
        return None
    chosen_id, chosen_version = for_wave[-1].guide_id, for_wave[-1].version
    same = [g for g in for_wave if (g.guide_id, g.version) == (chosen_id, chosen_version)]
    tag = choose_language(language, [g.language for g in same])
    shown = next((g for g in same if g.language == tag), None)
    english = None if shown is None else english_guide(shown, same)
    if shown is None or english is None:
        return None
    return GuidePair(shown, english)
