"""Questionnaire answers in the study database: administrations, answers, flags, scores.

Owns reading and writing the ``instrument_administrations`` and ``instrument_answers``
tables. Every write (starting an instrument, who counts as family, each answer, decline
or flag) is its own committed edit through ``StudyStore.edit``, and each one first asks
the consent gate: SCORE-15 needs the 'score15' component, the other questions the
'interview' component. Also scores a SCORE-15 administration and finds the change from
the family's earlier wave. Never imports Qt.
"""

from __future__ import annotations

import json
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass
from datetime import datetime
from pathlib import Path
from typing import Any

from fieldwork.domain.casebook import new_key
from fieldwork.domain.consent import ConsentComponent
from fieldwork.domain.errors import InvalidInput, ResourceFileError
from fieldwork.domain.instrument_files import INSTRUMENTS_KIND
from fieldwork.domain.instruments import (
    Instrument,
    InstrumentItem,
    ResponseCode,
    find_english_version,
)
from fieldwork.domain.language_tags import choose_language, primary_language
from fieldwork.domain.resource_library import load_resource_library
from fieldwork.domain.resource_loading import load_instruments
from fieldwork.domain.score15 import (
    DECLINED,
    SCORE15_ID,
    Answer,
    Score15Change,
    Score15Result,
    change_between_waves,
    score_score15,
)
from fieldwork.storage.consent_store import require_consent
from fieldwork.storage.study_store import StudyStore

FLAGS = ("interpreted_orally", "needed_explanation", "respondent_unsure")
"""Per-item notes the researcher can tick, as stored (one column each)."""


def consent_component(instrument_id: str) -> ConsentComponent:
    """The consent component that must allow recording this instrument's answers."""
    return ConsentComponent.SCORE15 if instrument_id == SCORE15_ID else ConsentComponent.INTERVIEW


def load_shipped_instruments(
    *extra_folders: Path | str,
) -> tuple[list[Instrument], list[ResourceFileError]]:
    """The shipped instruments plus any in ``extra_folders``, and the files that failed.

    For code without a study at hand (the export's codebook, demo data); the app's screens
    are given the study's resource library instead.
    """
    library = load_resource_library()
    instruments, errors = library.instruments, library.errors_of(INSTRUMENTS_KIND)
    for folder in extra_folders:
        more, more_errors = load_instruments(folder)
        known = {instrument.key for instrument in instruments}
        instruments += [instrument for instrument in more if instrument.key not in known]
        errors += more_errors
    return instruments, errors


def choose_wording(instruments: Sequence[Instrument], instrument_id: str,
                   language: str) -> tuple[Instrument, Instrument] | None:
    """(wording to show, its English version) for an interview in ``language``.

    The file in the interview's language by the one fallback rule
    (``language_tags.choose_language``: 'so-SO', then 'so', then another 'so-…' tag, then
    English). None when the instrument is not loaded in English at all.
    """
    candidates = [i for i in instruments if i.id == instrument_id]
    tag = choose_language(language, {i.language for i in candidates})
    shown = next((i for i in candidates if i.language == tag), None)
    if shown is None:
        return None
    english = find_english_version(shown, instruments)
    return None if english is None else (shown, english)


def _now() -> str:
    return datetime.now().astimezone().isoformat(timespec="seconds")


@dataclass(frozen=True)
class FamilyMember:
    """Someone the respondent counts as 'the family' for a questionnaire.

    ``person_key`` is a person on the respondent's network map, or None for someone
    named only here ('someone else').
    """

    person_key: str | None
    label: str


@dataclass(frozen=True)
class Administration:
    """One instrument given in one interview, in the wording shown to the respondent."""

    key: str
    interview_key: str
    instrument_id: str
    instrument_version: str
    language_shown: str
    translation_validated: bool
    mode: str
    family_members: tuple[FamilyMember, ...]
    started_at: str
    completed_at: str | None


@dataclass(frozen=True)
class ItemAnswer:
    """What is recorded for one item that has been asked (no ItemAnswer = not yet asked)."""

    item_id: str
    code: ResponseCode | None
    text: str | None
    declined: bool
    answer_language: str
    translation_validated: bool
    interpreted_orally: bool
    needed_explanation: bool
    respondent_unsure: bool
    answered_at: str

    @property
    def is_answered(self) -> bool:
        return self.code is not None or self.text is not None

    def flag(self, name: str) -> bool:
        return bool(getattr(self, name))


class AnswerStore:
    """Questionnaire answers of one study, checked against the loaded instrument files."""

    def __init__(self, store: StudyStore, instruments: Iterable[Instrument]) -> None:
        self.store = store
        self.instruments = list(instruments)

    # -- instruments ---------------------------------------------------------------------

    def instrument(self, instrument_id: str, version: str, language: str) -> Instrument:
        for instrument in self.instruments:
            if instrument.key == (instrument_id, version, language):
                return instrument
        raise InvalidInput("instrument", f"'{instrument_id}' version {version} in '{language}' "
                           "is not loaded.")

    # -- administrations -----------------------------------------------------------------

    def administration(self, interview_key: str, instrument_id: str) -> Administration | None:
        rows = list(self.store.db["instrument_administrations"].rows_where(
            "interview_key = ? AND instrument_id = ?", [interview_key, instrument_id]))
        return _administration_from_row(rows[0]) if rows else None

    def administration_by_key(self, key: str) -> Administration:
        return _administration_from_row(self.store.db["instrument_administrations"].get(key))

    def start(self, interview_key: str, shown: Instrument) -> Administration:
        """The administration of ``shown``'s instrument in this interview, started if new.

        Records the language shown, whether it is validated, and the interview's mode.
        """
        existing = self.administration(interview_key, shown.id)
        if existing is not None:
            return existing
        require_consent(self.store, interview_key, consent_component(shown.id))
        interview = self.store.interview(interview_key)
        row = {
            "key": new_key(), "interview_key": interview_key, "instrument_id": shown.id,
            "instrument_version": shown.version, "language_shown": shown.language,
            "translation_validated": int(shown.translation_validated),
            "mode": interview.mode.value, "family_members": "[]", "started_at": _now(),
            "completed_at": None,
        }
        with self.store.edit(f"{shown.id} started") as db:
            db["instrument_administrations"].insert(row)
        return _administration_from_row(row)

    def set_family_members(self, administration_key: str,
                           members: Iterable[FamilyMember]) -> None:
        """Who the respondent counts as 'the family' for this questionnaire."""
        administration = self._writable(administration_key)
        members = tuple(members)
        for member in members:
            if not member.label.strip():
                raise InvalidInput("family member", "give each person a name or description.")
        value = json.dumps([{"person_key": m.person_key, "label": m.label.strip()}
                            for m in members], ensure_ascii=False)
        with self.store.edit(f"{administration.instrument_id}: who counts as family") as db:
            db["instrument_administrations"].update(administration_key, {"family_members": value})

    def mark_completed(self, administration_key: str) -> None:
        administration = self._writable(administration_key)
        if administration.completed_at:
            return
        with self.store.edit(f"{administration.instrument_id} completed") as db:
            db["instrument_administrations"].update(administration_key, {"completed_at": _now()})

    # -- answers -------------------------------------------------------------------------

    def answers(self, administration_key: str) -> dict[str, ItemAnswer]:
        """Every item asked so far, by item id."""
        administration = self.administration_by_key(administration_key)
        english = self._english(administration)
        return {row["item_id"]: _answer_from_row(row, english)
                for row in self.store.db["instrument_answers"].rows_where(
                    "administration_key = ?", [administration_key])}

    def answer(self, administration_key: str, item_id: str, code: ResponseCode) -> None:
        """Record a chosen response; replaces an earlier answer or a decline."""
        administration = self._writable(administration_key)
        item = self._english(administration).item(item_id)
        scale = self._english(administration).scale_for(item)
        if scale is None or not scale.accepts(code):
            raise InvalidInput(f"answer to item {item.number}", f"{code!r} is not one of its answers.")
        self._write(administration, item, {"answer_code": str(code), "answer_text": None,
                                           "declined": 0}, f"item {item.number} answered")

    def answer_text(self, administration_key: str, item_id: str, text: str) -> None:
        """Record the respondent's own words for a free-text item (empty = not answered)."""
        administration = self._writable(administration_key)
        item = self._english(administration).item(item_id)
        if not item.is_free_text:
            raise InvalidInput(f"answer to item {item.number}", "this item has response options.")
        self._write(administration, item, {"answer_code": None, "answer_text": text or None,
                                           "declined": 0}, f"item {item.number} answered")

    def decline(self, administration_key: str, item_id: str) -> None:
        """The respondent chose not to answer (kept apart from 'not yet asked')."""
        administration = self._writable(administration_key)
        item = self._english(administration).item(item_id)
        self._write(administration, item, {"answer_code": None, "answer_text": None,
                                           "declined": 1}, f"item {item.number} declined")

    def set_flag(self, administration_key: str, item_id: str, flag: str, on: bool) -> None:
        """Tick or untick 'interpreted orally', 'needed explanation' or 'respondent unsure'."""
        if flag not in FLAGS:
            raise InvalidInput("item note", f"'{flag}' is not one of {', '.join(FLAGS)}.")
        administration = self._writable(administration_key)
        item = self._english(administration).item(item_id)
        words = flag.replace("_", " ")
        self._write(administration, item, {flag: int(on)},
                    f"item {item.number}: {words} {'ticked' if on else 'unticked'}")

    def _write(self, administration: Administration, item: InstrumentItem,
               changes: Mapping[str, Any], what: str) -> None:
        table = self.store.db["instrument_answers"]
        pk = (administration.key, item.id)
        rows = list(table.rows_where("administration_key = ? AND item_id = ?", list(pk)))
        row: dict[str, Any] = rows[0] if rows else {
            "administration_key": administration.key, "item_id": item.id, "answer_code": None,
            "answer_text": None, "declined": 0, "interpreted_orally": 0,
            "needed_explanation": 0, "respondent_unsure": 0}
        row.update(changes)
        interview = self.store.interview(administration.interview_key)
        row["answer_language"] = interview.language
        row["translation_validated"] = int(_validated(administration, interview.language,
                                                      bool(row["interpreted_orally"])))
        row["answered_at"] = _now()
        with self.store.edit(f"{administration.instrument_id} {what}") as db:
            db["instrument_answers"].upsert(row, pk=("administration_key", "item_id"))

    def _writable(self, administration_key: str) -> Administration:
        administration = self.administration_by_key(administration_key)
        require_consent(self.store, administration.interview_key,
                        consent_component(administration.instrument_id))
        return administration

    def _english(self, administration: Administration) -> Instrument:
        return self.instrument(administration.instrument_id, administration.instrument_version, "en")

    # -- SCORE-15 ------------------------------------------------------------------------

    def score15_answers(self, administration_key: str) -> dict[str, Answer]:
        """The answers in the form ``score_score15`` takes: 1–5 or DECLINED; absent = not asked."""
        answers: dict[str, Answer] = {}
        for item_id, answer in self.answers(administration_key).items():
            if answer.declined:
                answers[item_id] = DECLINED
            elif isinstance(answer.code, int):
                answers[item_id] = answer.code
        return answers

    def score(self, interview_key: str, *, prorate: bool = False) -> Score15Result | None:
        """This interview's SCORE-15 result, or None if SCORE-15 was not started."""
        administration = self.administration(interview_key, SCORE15_ID)
        if administration is None:
            return None
        return score_score15(self._english(administration),
                             self.score15_answers(administration.key), prorate=prorate)

    def change_from_earlier_wave(self, interview_key: str) -> tuple[int, Score15Change] | None:
        """(earlier wave, change) against the family's latest earlier wave with a full total.

        None at a first wave, or when this wave or every earlier wave lacks a complete total.
        """
        interview = self.store.interview(interview_key)
        later = self.score(interview_key)
        if later is None or later.total.score is None:
            return None
        earlier = [i for i in self.store.interviews_of(interview.family_key) if i.wave < interview.wave]
        for candidate in sorted(earlier, key=lambda i: i.wave, reverse=True):
            result = self.score(candidate.key)
            if result is not None and result.total.score is not None:
                return candidate.wave, change_between_waves(result, later)
        return None


def _validated(administration: Administration, answer_language: str, interpreted_orally: bool) -> bool:
    """Whether the respondent answered the validated wording, in the language it was shown."""
    return (administration.translation_validated and not interpreted_orally
            and primary_language(administration.language_shown) == primary_language(answer_language))


def _administration_from_row(row: Mapping[str, Any]) -> Administration:
    members = tuple(FamilyMember(m.get("person_key"), m["label"])
                    for m in json.loads(row["family_members"] or "[]"))
    return Administration(
        key=row["key"], interview_key=row["interview_key"], instrument_id=row["instrument_id"],
        instrument_version=row["instrument_version"], language_shown=row["language_shown"],
        translation_validated=bool(row["translation_validated"]), mode=row["mode"],
        family_members=members, started_at=row["started_at"], completed_at=row["completed_at"])


def _answer_from_row(row: Mapping[str, Any], english: Instrument) -> ItemAnswer:
    """An answer as stored. An item the instrument does not hold here (a study's own item,
    its resources folder missing on this laptop) keeps its code as the stored text: the
    answer is read, shown and kept as it is, never refused, so the rest still opens."""
    code: ResponseCode | None = None
    if row["answer_code"] is not None:
        known = any(item.id == row["item_id"] for item in english.items)
        scale = english.scale_for(english.item(row["item_id"])) if known else None
        # Stored as text; give back the scale's own code (1 stays an int, 'agree' a str).
        code = next((c for c in (scale.codes if scale else ()) if str(c) == row["answer_code"]),
                    row["answer_code"])
    return ItemAnswer(
        item_id=row["item_id"], code=code, text=row["answer_text"], declined=bool(row["declined"]),
        answer_language=row["answer_language"],
        translation_validated=bool(row["translation_validated"]),
        interpreted_orally=bool(row["interpreted_orally"]),
        needed_explanation=bool(row["needed_explanation"]),
        respondent_unsure=bool(row["respondent_unsure"]), answered_at=row["answered_at"])
