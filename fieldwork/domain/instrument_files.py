"""Instrument files: one JSON file per instrument and language, and the rules beyond their schema.

The resource library (``resource_library``) reads a file and checks it against
``resources/schemas/instrument.schema.json``; ``instrument_from_document`` then builds the
``Instrument`` and checks what a schema cannot say (a scale an item names exists, ids are
not repeated, a validated translation names its source), each problem named by file and
JSON path (``$.items[3].scale``). ``load_instrument`` and ``load_instruments`` read one file
or one folder through the library, so the app still starts with the good files.
The model they build lives in ``fieldwork.domain.instruments``. Never imports Qt.
"""

from __future__ import annotations

from dataclasses import replace
from typing import Any

from fieldwork.domain.errors import ResourceFileError
from fieldwork.domain.instruments import (
    FREE_TEXT,
    Instrument,
    InstrumentItem,
    RatingEnds,
    ResponseOption,
    ResponseScale,
    Subscale,
)
from fieldwork.domain.language_tags import is_language_tag
from fieldwork.domain.score15 import SCORE15_ID, check_official_keying

INSTRUMENTS_KIND = "instruments"
"""The folder of instrument files in a resources folder, and the kind the resource library reads."""


def instrument_from_document(data: dict[str, Any], shown: str, texts_not_validated: int = 0) -> Instrument:
    """The instrument in a document the schema has passed, with the rules a schema cannot say.

    The wording counts as validated only when the file says so and no text in it is marked
    ``"validated": false`` (as a translation pack marks each text until it is validated).
    """
    try:
        instrument = _InstrumentReader(shown).read(data)
    except ResourceFileError as error:
        where = "$" if error.field == "file" else f"$.{error.field}"
        raise ResourceFileError(shown, where, error.problem) from None
    if instrument.id == SCORE15_ID:
        # Checked on loading, so `resources check` names a SCORE-15 file that could not be
        # scored (e.g. a rating put in a subscale) before a family is ever asked from it.
        try:
            check_official_keying(instrument)
        except ResourceFileError as error:
            where = error.field if error.field.startswith("$") else f"$.{error.field}"
            raise ResourceFileError(shown, where, error.problem) from None
    if texts_not_validated:
        instrument = replace(instrument, translation_validated=False)
    return instrument


def instrument_identity(instrument: Instrument) -> tuple[str, str, str]:
    return instrument.id, instrument.version, instrument.language.lower()


_KIND_WORDS = {str: "text", int: "a whole number", bool: "true or false",
               list: "a list in [ ]", dict: "a group of fields in { }"}


def _describe(value: object) -> str:
    if value is None:
        return "null"
    for kind, words in _KIND_WORDS.items():
        if type(value) is kind:
            return words
    return "a decimal number" if isinstance(value, float) else type(value).__name__


class _InstrumentReader:
    """Checks the parsed JSON of one file; every complaint names the file and field."""

    TOP_FIELDS = {"id", "version", "language", "direction", "title", "instructions", "item_prompt",
                  "translation", "interpreter_notes_source", "scales", "items", "subscales"}

    def __init__(self, path: str) -> None:
        self.path = path

    def error(self, where: str, problem: str) -> ResourceFileError:
        return ResourceFileError(self.path, where, problem)

    def fields(self, obj: object, where: str, allowed: set[str]) -> dict[str, Any]:
        """``obj`` as a dict with no unknown fields (keys starting with '_' are comments)."""
        if type(obj) is not dict:
            raise self.error(where or "file",
                             f"should be a group of fields in {{ }}, not {_describe(obj)}.")
        for key in obj:
            if key not in allowed and not key.startswith("_"):
                name = key if key.strip() else f"{key!r} (a field with no name)"
                raise self.error(_join(where, name), "is not a field this app knows (a typo?).")
        return obj

    def get(self, obj: dict[str, Any], key: str, where: str, kind: type, *,
            optional: bool = False, empty_ok: bool = False) -> Any:
        here = _join(where, key)
        if key not in obj:
            if optional:
                return None
            raise self.error(here, "is missing.")
        value = obj[key]
        if type(value) is not kind and not (optional and value is None):
            raise self.error(here, f"should be {_KIND_WORDS[kind]}, not {_describe(value)}.")
        if kind is str and value is not None and not empty_ok and not value.strip():
            raise self.error(here, "is empty.")
        return value

    def read(self, data: object) -> Instrument:
        top = self.fields(data, "", self.TOP_FIELDS)
        language = self.get(top, "language", "", str)
        if not is_language_tag(language):
            raise self.error("language",
                             f"'{language}' is not a language code such as 'en' or 'ar'.")
        direction = self.get(top, "direction", "", str)
        if direction not in ("ltr", "rtl"):
            raise self.error("direction", f"should be 'ltr' or 'rtl', not '{direction}'.")
        validated, source = self.read_translation(top)
        scales = self.read_scales(top)
        items = self.read_items(top, {scale.id for scale in scales})
        return Instrument(
            id=self.get(top, "id", "", str),
            version=self.get(top, "version", "", str),
            language=language,
            direction=direction,
            title=self.get(top, "title", "", str),
            instructions=self.get(top, "instructions", "", str),
            item_prompt=self.get(top, "item_prompt", "", str, optional=True, empty_ok=True) or "",
            translation_validated=validated,
            translation_source=source,
            interpreter_notes_source=self.get(top, "interpreter_notes_source", "", str),
            scales=scales,
            items=items,
            subscales=self.read_subscales(top, {item.id for item in items}),
            path=self.path,
        )

    def read_translation(self, top: dict[str, Any]) -> tuple[bool, str | None]:
        self.get(top, "translation", "", dict)
        translation = self.fields(top["translation"], "translation", {"validated", "source"})
        validated = self.get(translation, "validated", "translation", bool)
        source = self.get(translation, "source", "translation", str, optional=True)
        if validated and source is None:
            raise self.error("translation.source", "is needed when the translation is validated: "
                             "say which validated version this is.")
        return validated, source

    def read_scales(self, top: dict[str, Any]) -> tuple[ResponseScale, ...]:
        scales: list[ResponseScale] = []
        for i, raw in enumerate(self.get(top, "scales", "", list)):
            where = f"scales[{i}]"
            obj = self.fields(raw, where, {"id", "options", "rating"})
            scale_id = self.get(obj, "id", where, str)
            if scale_id == FREE_TEXT:
                raise self.error(f"{where}.id", f"'{FREE_TEXT}' is reserved for free-text items.")
            if scale_id in {scale.id for scale in scales}:
                raise self.error(f"{where}.id", f"scale '{scale_id}' is defined twice.")
            if ("options" in obj) == ("rating" in obj):
                raise self.error(where, "needs either 'options' (answers with words) or 'rating' "
                                 "(a numbered rating with words at its two ends), not both.")
            if "rating" in obj:
                scales.append(ResponseScale.numbered(scale_id, self.read_rating(obj, where)))
            else:
                scales.append(ResponseScale(scale_id, self.read_options(obj, where)))
        return tuple(scales)

    def read_rating(self, scale: dict[str, Any], where: str) -> RatingEnds:
        """A numbered rating: from 1 to at most 10 (keys 1-9 and 0 for 10), both ends in words."""
        where = f"{where}.rating"
        self.get(scale, "rating", where.rsplit(".", 1)[0], dict)
        obj = self.fields(scale["rating"], where, {"from", "to", "from_label", "to_label"})
        lowest = self.get(obj, "from", where, int)
        highest = self.get(obj, "to", where, int)
        if lowest != 1:
            raise self.error(f"{where}.from", f"should be 1 (a rating runs from 1), not {lowest}.")
        if not 2 <= highest <= 10:
            raise self.error(f"{where}.to", f"should be from 2 to 10, not {highest} (the answers "
                             "are keyed 1-9 and 0 for 10).")
        return RatingEnds(lowest, highest, self.get(obj, "from_label", where, str),
                          self.get(obj, "to_label", where, str))

    def read_options(self, scale: dict[str, Any], where: str) -> tuple[ResponseOption, ...]:
        raw_options = self.get(scale, "options", where, list)
        if not raw_options:
            raise self.error(f"{where}.options", "has no answers.")
        options: list[ResponseOption] = []
        for j, raw in enumerate(raw_options):
            here = f"{where}.options[{j}]"
            obj = self.fields(raw, here, {"code", "label"})
            if "code" not in obj:
                raise self.error(f"{here}.code", "is missing.")
            code = obj["code"]
            if type(code) not in (int, str) or (type(code) is str and not code.strip()):
                raise self.error(f"{here}.code", f"should be a short text code or a whole number, "
                                 f"not {_describe(code)}.")
            # Analysts see codes as CSV text, where 1 and "1" would be the same answer.
            if str(code) in {str(option.code) for option in options}:
                raise self.error(f"{here}.code", f"code {code!r} is used twice in this scale.")
            options.append(ResponseOption(code, self.get(obj, "label", here, str)))
        return tuple(options)

    def read_items(self, top: dict[str, Any], scale_ids: set[str]) -> tuple[InstrumentItem, ...]:
        raw_items = self.get(top, "items", "", list)
        if not raw_items:
            raise self.error("items", "has no items.")
        items: list[InstrumentItem] = []
        for i, raw in enumerate(raw_items):
            where = f"items[{i}]"
            obj = self.fields(raw, where, {"id", "number", "text", "scale", "reverse_keyed",
                                           "interpreter_note", "verbatim"})
            item_id = self.get(obj, "id", where, str)
            if item_id in {item.id for item in items}:
                raise self.error(f"{where}.id", f"item id '{item_id}' is used twice.")
            number = self.get(obj, "number", where, int)
            if number < 1:
                raise self.error(f"{where}.number", "should be 1 or more.")
            if number in {item.number for item in items}:
                raise self.error(f"{where}.number", f"item number {number} is used twice.")
            scale_id = self.get(obj, "scale", where, str)
            if scale_id != FREE_TEXT and scale_id not in scale_ids:
                raise self.error(f"{where}.scale", f"there is no scale '{scale_id}' in this file "
                                 f"(nor is it '{FREE_TEXT}').")
            reverse_keyed = self.get(obj, "reverse_keyed", where, bool)
            if reverse_keyed and scale_id == FREE_TEXT:
                raise self.error(f"{where}.reverse_keyed",
                                 "a free-text item cannot be reverse keyed.")
            items.append(InstrumentItem(
                id=item_id, number=number, text=self.get(obj, "text", where, str),
                scale_id=scale_id, reverse_keyed=reverse_keyed,
                interpreter_note=self.get(obj, "interpreter_note", where, str),
                # Optional (default true): false marks wording that is ours, not the source's.
                verbatim=self.get(obj, "verbatim", where, bool, optional=True) is not False))
        return tuple(items)

    def read_subscales(self, top: dict[str, Any], item_ids: set[str]) -> tuple[Subscale, ...]:
        subscales: list[Subscale] = []
        for i, raw in enumerate(self.get(top, "subscales", "", list)):
            where = f"subscales[{i}]"
            obj = self.fields(raw, where, {"id", "label", "item_ids"})
            subscale_id = self.get(obj, "id", where, str)
            if subscale_id in {subscale.id for subscale in subscales}:
                raise self.error(f"{where}.id", f"subscale '{subscale_id}' is defined twice.")
            members = self.get(obj, "item_ids", where, list)
            if not members:
                raise self.error(f"{where}.item_ids", "has no items.")
            for j, member in enumerate(members):
                here = f"{where}.item_ids[{j}]"
                if type(member) is not str:
                    raise self.error(here, f"should be an item id (text), not {_describe(member)}.")
                if member not in item_ids:
                    raise self.error(here, f"there is no item '{member}' in this file.")
                if members.index(member) != j:
                    raise self.error(here, f"item '{member}' is listed twice.")
            label = self.get(obj, "label", where, str)
            subscales.append(Subscale(subscale_id, label, tuple(members)))
        return tuple(subscales)


def _join(where: str, key: str) -> str:
    return f"{where}.{key}" if where else key
