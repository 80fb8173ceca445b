"""Questionnaires as the app reads them: one JSON file per instrument and language.

Owns the model of an instrument file (response scales, items, subscales, whether the
wording is a validated translation, and our own interpreter notes) and the loader that
checks a file field by field. A bad file is reported by file and field
(e.g. ``items[3].scale``) so whoever prepared it can mend it, and the app still starts with
the good files. Also pairs a file in another language with its English version for
side-by-side display. Wording lives in the files, never in code. Never imports Qt.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass, field
from typing import Literal

from fieldwork.domain import language_tags
from fieldwork.domain.errors import InvalidInput

FREE_TEXT = "free_text"
"""The scale id of an item answered in the respondent's own words."""

ENGLISH = "en"

TextDirection = Literal["ltr", "rtl"]
ResponseCode = int | str
InstrumentKey = tuple[str, str, str]  # (instrument id, version, language)


@dataclass(frozen=True)
class ResponseOption:
    """One answer a respondent can give: the raw code analysts get, the words shown."""

    code: ResponseCode
    label: str


@dataclass(frozen=True)
class RatingEnds:
    """A numbered rating (e.g. 1 to 10) and the words at its two ends, as the form gives them.

    Only the ends carry words: the numbers between are answered as numbers.
    """

    lowest: int
    highest: int
    lowest_label: str
    highest_label: str

    def option_label(self, number: int) -> str:
        """'1 (words at the low end)', '7', '10 (words at the high end)'."""
        if number == self.lowest:
            return f"{number} ({self.lowest_label})"
        if number == self.highest:
            return f"{number} ({self.highest_label})"
        return str(number)

    def describe(self) -> str:
        """'1 to 10: 1 = ..., 10 = ...', for the codebook."""
        return (f"{self.lowest} to {self.highest}: {self.lowest} = {self.lowest_label}, "
                f"{self.highest} = {self.highest_label}")


@dataclass(frozen=True)
class ResponseScale:
    """The answers offered for an item, in the order they are shown.

    A rating scale (``rating`` set) offers the whole numbers from its lowest to its highest,
    each an option whose label is the number (with the end's words at either end).
    """

    id: str
    options: tuple[ResponseOption, ...]
    rating: RatingEnds | None = None

    @classmethod
    def numbered(cls, scale_id: str, rating: RatingEnds) -> ResponseScale:
        """The rating scale ``rating`` as options: one per whole number, ends labelled."""
        return cls(scale_id, tuple(ResponseOption(n, rating.option_label(n))
                                   for n in range(rating.lowest, rating.highest + 1)), rating)

    @property
    def is_rating(self) -> bool:
        return self.rating is not None

    @property
    def codes(self) -> tuple[ResponseCode, ...]:
        return tuple(option.code for option in self.options)

    def accepts(self, code: object) -> bool:
        """True if ``code`` is one of this scale's codes (1 and "1" and True differ)."""
        return any(type(o.code) is type(code) and o.code == code for o in self.options)

    def label_for(self, code: ResponseCode) -> str:
        for option in self.options:
            if type(option.code) is type(code) and option.code == code:
                return option.label
        raise InvalidInput(f"answer on scale '{self.id}'", f"{code!r} is not one of its answers.")


@dataclass(frozen=True)
class InstrumentItem:
    """One question or statement.

    ``interpreter_note`` is our own plain-English guidance on what the item means, for the
    researcher and interpreter; it is never validated wording and must not be read out as
    if it were part of the instrument.
    """

    id: str
    number: int
    text: str
    scale_id: str
    reverse_keyed: bool
    interpreter_note: str
    verbatim: bool = True
    from_study: bool = False
    """True for an item the study added in its own resources folder: no file the app
    ships for this instrument has it (e.g. the SCORE-15 form's ratings, from the study's
    licensed copy of the form)."""

    @property
    def is_free_text(self) -> bool:
        return self.scale_id == FREE_TEXT


@dataclass(frozen=True)
class Subscale:
    """A named group of items scored together."""

    id: str
    label: str
    item_ids: tuple[str, ...]


@dataclass(frozen=True)
class Instrument:
    """One instrument in one language and version, as loaded from its file.

    ``translation_validated`` is true for the original-language text and for a translation
    validated through a recognised protocol; ``translation_source`` then says which. An
    interpreter's oral rendering is never a validated translation.
    """

    id: str
    version: str
    language: str
    direction: TextDirection
    title: str
    instructions: str
    item_prompt: str
    translation_validated: bool
    translation_source: str | None
    interpreter_notes_source: str
    scales: tuple[ResponseScale, ...]
    items: tuple[InstrumentItem, ...]
    subscales: tuple[Subscale, ...]
    path: str = field(default="", compare=False)
    from_study: bool = field(default=False, compare=False)
    """True when the file came from the study's own resources folder, not the app."""

    @property
    def key(self) -> InstrumentKey:
        return (self.id, self.version, self.language)

    @property
    def is_english(self) -> bool:
        return primary_language(self.language) == ENGLISH

    def item(self, item_id: str) -> InstrumentItem:
        for item in self.items:
            if item.id == item_id:
                return item
        raise InvalidInput(f"item of {self.id}", f"there is no item '{item_id}'.")

    def scale(self, scale_id: str) -> ResponseScale:
        for scale in self.scales:
            if scale.id == scale_id:
                return scale
        raise InvalidInput(f"scale of {self.id}", f"there is no scale '{scale_id}'.")

    def scale_for(self, item: InstrumentItem) -> ResponseScale | None:
        """The item's response scale, or None for a free-text item."""
        return None if item.is_free_text else self.scale(item.scale_id)

    @property
    def study_items(self) -> tuple[InstrumentItem, ...]:
        """The items the study added in its own file (none the app ships)."""
        return tuple(item for item in self.items if item.from_study)

    def uses_item_prompt(self, item: InstrumentItem) -> bool:
        """Whether the item prompt ('For each line, would you say ...') belongs before this
        item: it introduces the statements answered on the instrument's option scales,
        not an open question or a numbered rating, which are read as they stand."""
        scale = self.scale_for(item)
        return bool(self.item_prompt) and scale is not None and not scale.is_rating

    def subscale(self, subscale_id: str) -> Subscale:
        for subscale in self.subscales:
            if subscale.id == subscale_id:
                return subscale
        raise InvalidInput(f"subscale of {self.id}", f"there is no subscale '{subscale_id}'.")


@dataclass(frozen=True)
class ItemSideBySide:
    """An item in the interview language next to the same item in English (None if absent)."""

    item: InstrumentItem
    english: InstrumentItem | None


def find_english_version(
    instrument: Instrument, instruments: Iterable[Instrument]
) -> Instrument | None:
    """The English file of the same instrument id and version, or None.

    The version must match because item ids only line up within one version. For an
    English instrument this is the instrument itself.
    """
    if instrument.is_english:
        return instrument
    for candidate in instruments:
        same = (candidate.id, candidate.version) == (instrument.id, instrument.version)
        if same and candidate.is_english:
            return candidate
    return None


def side_by_side(instrument: Instrument, english: Instrument) -> tuple[ItemSideBySide, ...]:
    """Each item of ``instrument`` paired by id with the English item, in interview order."""
    if english.id != instrument.id or not english.is_english:
        raise InvalidInput("English version", f"'{english.id}' in '{english.language}' is not "
                           f"the English version of '{instrument.id}'.")
    by_id = {item.id: item for item in english.items}
    return tuple(ItemSideBySide(item, by_id.get(item.id)) for item in instrument.items)


def primary_language(tag: str) -> str:
    """'ar' for 'ar-x-test', 'en' for 'en-GB' (the one rule: ``language_tags``)."""
    return language_tags.primary_language(tag)
