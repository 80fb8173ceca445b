"""The SCORE-15 form's other indicators in ``score15_wide.csv``: one column per item beside the 15.

Owns the columns and values of the items asked with SCORE-15 but never scored: the form's
open question on the words that describe the family (item 16, shipped) and whatever open
questions and 1-10 ratings a study adds from its own licensed copy of the form (its
resources folder; the app does not ship their wording). Each item gets ``item_NN`` (its
number on the form, so a name stays within 32 characters however long its id) and
``item_NN_missing``. The codebook row of each says what the value means in words, in the
loaded file's own wording, and whether that wording came from the study's resources.
A free-text answer is written only with --include-free-text, as in responses.csv. Qt-free.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from pathlib import Path

from fieldwork.domain.instruments import Instrument, InstrumentItem, ResponseScale
from fieldwork.domain.score15 import SCORE15_ID, unscored_items
from fieldwork.export.columns import (
    CODE,
    FREE_TEXT,
    INTEGER,
    TEXT,
    Column,
    missing_column,
)
from fieldwork.export.study_reader import Row


@dataclass(frozen=True)
class FormItemColumn:
    """One unscored item's column: its number, and the item as each loaded version has it."""

    number: int
    versions: tuple[tuple[Instrument, InstrumentItem], ...]

    @property
    def name(self) -> str:
        return f"item_{self.number:02d}"

    @property
    def first(self) -> tuple[Instrument, InstrumentItem]:
        return self.versions[0]

    @property
    def is_free_text(self) -> bool:
        return self.first[1].is_free_text

    def same_kind(self, instrument: Instrument, item: InstrumentItem) -> bool:
        """Whether ``item`` (of another version) is answered like this column's first item."""
        first_instrument, first = self.first
        if first.is_free_text or item.is_free_text:
            return first.is_free_text == item.is_free_text
        return _codes(first_instrument.scale_for(first)) == _codes(instrument.scale_for(item))


def _codes(scale: ResponseScale | None) -> tuple[str, ...]:
    return tuple(str(code) for code in scale.codes) if scale else ()


def score15_versions(instruments: Iterable[Instrument]) -> list[Instrument]:
    """The loaded English SCORE-15 files, in the order they were loaded."""
    return [i for i in instruments if i.id == SCORE15_ID and i.is_english]


def form_item_columns(instruments: Iterable[Instrument]) -> list[FormItemColumn]:
    """One column per number of an unscored SCORE-15 item in any loaded version, in order."""
    by_number: dict[int, list[tuple[Instrument, InstrumentItem]]] = {}
    for instrument in score15_versions(instruments):
        for item in unscored_items(instrument):
            by_number.setdefault(item.number, []).append((instrument, item))
    return [FormItemColumn(number, tuple(found)) for number, found in sorted(by_number.items())]


def _where_from(instrument: Instrument, item: InstrumentItem) -> str:
    if item.from_study:
        return (f"An item of the study's own SCORE-15 file (its resources folder, "
                f"instruments/{Path(instrument.path).name}): the wording is the study's, from its "
                "copy of the form; the app does not ship it and has not checked it.")
    if not item.verbatim:
        return "Shipped with the app; its wording is ours (the published wording could not be checked)."
    return "Shipped with the app."


def _answer_words(instrument: Instrument, item: InstrumentItem) -> str:
    scale = instrument.scale_for(item)
    if scale is None:
        return "The respondent's own words (written only with --include-free-text)."
    if scale.rating is not None:
        return f"A rating from {scale.rating.describe()}; the number as given."
    return "The answer code: " + "; ".join(f"{o.code} = {o.label}" for o in scale.options) + "."


def _meaning(column: FormItemColumn) -> str:
    texts = []
    for instrument, item in column.versions:
        said = (f"“{item.text}”. {_answer_words(instrument, item)} {_where_from(instrument, item)}")
        texts.append(said if len(column.versions) == 1 else f"Version {instrument.version}: {said}")
    return (f"SCORE-15 form, item {column.number} (asked, never scored): " + " ".join(texts)
            + f" Empty: see {column.name}_missing.")


def wide_columns(instruments: Iterable[Instrument]) -> list[Column]:
    """The columns of the unscored items, each with its ``_missing`` column."""
    columns: list[Column] = []
    for column in form_item_columns(instruments):
        instrument, item = column.first
        scale = instrument.scale_for(item)
        label = f"SCORE-15 item {column.number}" + (" (study's own)" if item.from_study else "") + \
            f": {item.text}"
        if scale is None:
            value = Column(column.name, TEXT, _meaning(column), identifying=True, only_with=FREE_TEXT,
                           label=label)
        elif all(type(code) is int for code in scale.codes):
            value = Column(column.name, INTEGER, _meaning(column),
                           {str(o.code): o.label for o in scale.options}, label=label)
        else:
            value = Column(column.name, CODE, _meaning(column),
                           {str(o.code): o.label for o in scale.options}, label=label)
        columns += [value, missing_column(column.name, f"SCORE-15 item {column.number}'s answer")]
    return columns


def wide_values(instrument: Instrument | None, answers: Iterable[Row], reasons: dict[str, str],
                columns: list[FormItemColumn], free_text: bool) -> Row:
    """This administration's cells of the unscored items' columns.

    ``reasons`` says why an item of the administration's version has no answer (as for the
    scored items); an item its version does not have is not_applicable, and every item of a
    version not loaded is not_scored.
    """
    by_item = {a["item_id"]: a for a in answers}
    row: Row = {}
    for column in columns:
        item = None
        if instrument is not None:
            item = next((i for i in unscored_items(instrument) if i.number == column.number), None)
            if item is not None and not column.same_kind(instrument, item):
                item = None
        answer = by_item.get(item.id) if item is not None else None
        if column.is_free_text:
            value = (answer or {}).get("answer_text") or ""
            if free_text:
                row[column.name] = value
            answered = bool(value)
        else:
            code = (answer or {}).get("answer_code")
            row[column.name] = "" if code is None else (int(code) if _is_integer(column) else code)
            answered = code is not None
        if instrument is None:
            why = "not_scored"
        elif item is None:
            why = "not_applicable"
        elif answered:
            why = ""
        else:
            why = reasons.get(item.id, "not_asked") or "not_answered"
        row[f"{column.name}_missing"] = why
    return row


def _is_integer(column: FormItemColumn) -> bool:
    instrument, item = column.first
    scale = instrument.scale_for(item)
    return scale is not None and all(type(code) is int for code in scale.codes)
