"""SCORE-15 scoring: item scores, total and subscales, pro-rating, change between waves.

Reliable change is judged by ``ReliableChangeSettings`` (a study setting: threshold,
clinical cut-off and their source), defaulting to the only published SCORE-15 values found
(Nebeker Adams 2018: 17.51 points, cut-off 51.92).

Owns the arithmetic of SCORE-15 (Stratton et al.). Keying and subscales come from the loaded
instrument file, and ``check_official_keying`` makes sure that file agrees with the
published scoring, so data and code cannot drift apart. Higher scores mean more
difficulty: positively worded items score as answered, the others score 6 − answer; the
total runs 15–75 and each subscale 5–25.

No official rule for missing items exists, so gaps are never filled silently: a total is
given only when every item of it was answered; a pro-rated score is given only when asked
for, only when at most one item is missing (for the total: at most one per subscale), and
always in its own field. Never imports Qt.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, replace
from enum import Enum
from typing import Literal

from fieldwork.domain.errors import InvalidInput, ResourceFileError
from fieldwork.domain.instruments import Instrument, InstrumentItem

SCORE15_ID = "score15"
TOTAL = "total"
"""The id of the whole-scale score, alongside the subscale ids."""

ANSWER_CODES = (1, 2, 3, 4, 5)  # 1 = 'Describes us: Very well' … 5 = 'Not at all'
ITEM_COUNT = 15

MEAN_TOTAL_AT_START_OF_THERAPY = 39
"""Average total of families starting family therapy (Stratton)."""
MEAN_TOTAL_NON_CLINICAL = 26
"""Average total of non-clinical families (Stratton)."""

RELIABLE_CHANGE_SOURCE = (
    "Nebeker Adams, C. A. (2018), The Development of a Reliable Change Index and Cutoff for "
    "the SCORE-15 (MS thesis, Brigham Young University): reliable change index 17.51 points "
    "on the total and clinical cut-off 51.92, from a US sample of 63 clinical and 244 "
    "community respondents; the only published SCORE-15 reliable change index found"
)


@dataclass(frozen=True)
class ReliableChangeSettings:
    """A study's rule for calling a change in SCORE-15 total reliable, with its source.

    ``threshold``: the smallest change in total (points, either way) that counts as
    reliable. ``clinical_cutoff``: totals above it are in the clinical range. ``source``:
    where both numbers come from, shown wherever the flag is shown. The defaults are the
    only published values found (Nebeker Adams 2018); a study may set its own.
    """

    threshold: float = 17.51
    clinical_cutoff: float = 51.92
    source: str = RELIABLE_CHANGE_SOURCE

    def __post_init__(self) -> None:
        for name, low, high in (("threshold", 1, 60), ("clinical_cutoff", 15, 75)):
            value = getattr(self, name)
            if isinstance(value, bool) or not isinstance(value, (int, float)) or not low <= value <= high:
                raise InvalidInput(f"reliable change {name.replace('_', ' ')}",
                                   f"must be a number from {low} to {high}, not {value!r}.")
        if not isinstance(self.source, str) or not self.source.strip():
            raise InvalidInput("reliable change source", "say where the numbers come from.")

    def to_dict(self) -> dict[str, float | str]:
        return {"threshold": self.threshold, "clinical_cutoff": self.clinical_cutoff,
                "source": self.source}

    @classmethod
    def from_dict(cls, data: Mapping[str, object]) -> ReliableChangeSettings:
        try:
            return cls(data["threshold"], data["clinical_cutoff"], data["source"])  # type: ignore[arg-type]
        except (KeyError, TypeError) as error:
            raise InvalidInput("reliable change settings", f"incomplete ({error}).") from None

    def describe(self) -> str:
        """One line for screens and the codebook: the numbers and where they come from."""
        return (f"reliable change: at least {self.threshold:g} points; clinical cut-off "
                f"{self.clinical_cutoff:g} (source: {self.source})")


DEFAULT_RELIABLE_CHANGE = ReliableChangeSettings()

# The published scoring, by item number, to check instrument files against.
OFFICIAL_REVERSE_KEYED_ITEMS = frozenset({2, 4, 5, 7, 8, 9, 11, 12, 13, 14})
OFFICIAL_SUBSCALE_ITEMS: Mapping[str, tuple[int, ...]] = {
    "strengths_and_adaptability": (1, 3, 6, 10, 15),
    "overwhelmed_by_difficulties": (5, 7, 9, 11, 14),
    "disrupted_communication": (2, 4, 8, 12, 13),
}


class NotAnswered(Enum):
    """Why an item has no answer. Both count as missing when scoring."""

    DECLINED = "declined"
    NOT_YET_ASKED = "not_yet_asked"


DECLINED = NotAnswered.DECLINED
NOT_YET_ASKED = NotAnswered.NOT_YET_ASKED

Answer = int | NotAnswered
ChangeDirection = Literal["improved", "worsened", "unchanged"]


@dataclass(frozen=True)
class ScaleScore:
    """The score of the total (``id == TOTAL``) or of one subscale.

    ``score`` and ``item_mean`` exist only when every item was answered. The pro-rated
    values (mean of answered item scores × number of items, and that mean) are filled only
    when pro-rating was asked for and allowed, and are always labelled by their field name.
    """

    id: str
    item_count: int
    answered_count: int
    score: int | None
    item_mean: float | None
    prorated_score: float | None = None
    prorated_item_mean: float | None = None

    @property
    def is_complete(self) -> bool:
        return self.answered_count == self.item_count

    @property
    def is_prorated(self) -> bool:
        return self.prorated_score is not None


@dataclass(frozen=True)
class Score15Result:
    """One respondent's SCORE-15 at one wave.

    ``item_scores`` holds the scored value (after reverse keying) of each answered item;
    ``declined`` and ``not_yet_asked`` list the item ids without an answer.
    """

    instrument_version: str
    item_scores: Mapping[str, int]
    declined: tuple[str, ...]
    not_yet_asked: tuple[str, ...]
    total: ScaleScore
    subscales: tuple[ScaleScore, ...]

    def subscale(self, subscale_id: str) -> ScaleScore:
        for subscale in self.subscales:
            if subscale.id == subscale_id:
                return subscale
        raise InvalidInput("SCORE-15 subscale", f"there is no subscale '{subscale_id}'.")

    @property
    def prorated(self) -> tuple[str, ...]:
        """Ids (``TOTAL`` and/or subscale ids) whose values in this result are pro-rated."""
        return tuple(s.id for s in (self.total, *self.subscales) if s.is_prorated)


@dataclass(frozen=True)
class Score15Change:
    """The change in total between an earlier and a later wave (later − earlier).

    Lower is better, so a negative change is an improvement. ``is_reliable`` says whether
    the change reaches the study's threshold, ``crossed_cutoff`` whether the total moved
    across the clinical cut-off (``settings``, with their source).
    """

    earlier_total: int
    later_total: int
    settings: ReliableChangeSettings = DEFAULT_RELIABLE_CHANGE

    @property
    def change(self) -> int:
        return self.later_total - self.earlier_total

    @property
    def direction(self) -> ChangeDirection:
        if self.change < 0:
            return "improved"
        return "worsened" if self.change > 0 else "unchanged"

    @property
    def threshold(self) -> float:
        return self.settings.threshold

    @property
    def threshold_basis(self) -> str:
        return self.settings.source

    @property
    def is_reliable(self) -> bool:
        return abs(self.change) >= self.settings.threshold

    @property
    def earlier_above_cutoff(self) -> bool:
        return self.earlier_total > self.settings.clinical_cutoff

    @property
    def later_above_cutoff(self) -> bool:
        return self.later_total > self.settings.clinical_cutoff

    @property
    def crossed_cutoff(self) -> bool:
        """The total moved from one side of the clinical cut-off to the other."""
        return self.earlier_above_cutoff != self.later_above_cutoff

    def with_settings(self, settings: ReliableChangeSettings) -> Score15Change:
        """The same change judged by another study's settings."""
        return replace(self, settings=settings)


def scored_items(instrument: Instrument) -> list[InstrumentItem]:
    """The 15 scored items: those of the subscales (the total is their sum). The form's other
    indicators (its open questions and 1-10 ratings, item 16 and any a study adds from its
    own copy of the form) are asked and exported, never scored."""
    in_subscales = {item_id for subscale in instrument.subscales for item_id in subscale.item_ids}
    return [item for item in instrument.items if item.id in in_subscales]


def unscored_items(instrument: Instrument) -> list[InstrumentItem]:
    """The items asked beside the 15 (open questions, ratings), in the file's order."""
    scored = {item.id for item in scored_items(instrument)}
    return [item for item in instrument.items if item.id not in scored]


def item_score(answer: int, reverse_keyed: bool) -> int:
    """The scored value of one answer (1–5): as answered, or 6 − answer if reverse keyed."""
    _check_answer_code(answer, "SCORE-15 answer")
    return 6 - answer if reverse_keyed else answer


_KEYING_CHECKED: dict[int, Instrument] = {}
"""The instruments (frozen) already found scored as published: an export scores thousands of
administrations with the same one or two."""


def score_score15(instrument: Instrument, answers: Mapping[str, Answer | None], *,
                  prorate: bool = False) -> Score15Result:
    """Score one respondent's answers, keyed by item id.

    An item absent from ``answers`` (or given as None) has not yet been asked. Raises
    ``InvalidInput`` for an unknown item id or an answer that is not 1–5, DECLINED or
    NOT_YET_ASKED, and ``ResourceFileError`` if the instrument file does not match the
    published SCORE-15 scoring.
    """
    if _KEYING_CHECKED.get(id(instrument)) is not instrument:
        check_official_keying(instrument)
        _KEYING_CHECKED[id(instrument)] = instrument  # kept, so its id is not reused
    known = {item.id for item in instrument.items}
    for item_id in answers:
        if item_id not in known:
            raise InvalidInput(f"SCORE-15 answer for '{item_id}'", "there is no such item.")

    item_scores: dict[str, int] = {}
    declined: list[str] = []
    not_yet_asked: list[str] = []
    for item in scored_items(instrument):
        answer = answers.get(item.id)
        if answer is None or answer is NOT_YET_ASKED:
            not_yet_asked.append(item.id)
        elif answer is DECLINED:
            declined.append(item.id)
        else:
            _check_answer_code(answer, f"SCORE-15 answer to item {item.number}")
            item_scores[item.id] = item_score(answer, item.reverse_keyed)

    subscales = tuple(
        _scale_score(subscale.id, subscale.item_ids, item_scores, prorate and
                     _missing(subscale.item_ids, item_scores) <= 1)
        for subscale in instrument.subscales)
    total_may_prorate = prorate and all(
        _missing(subscale.item_ids, item_scores) <= 1 for subscale in instrument.subscales)
    total = _scale_score(TOTAL, tuple(item.id for item in scored_items(instrument)), item_scores,
                         total_may_prorate)
    return Score15Result(instrument.version, item_scores, tuple(declined), tuple(not_yet_asked),
                         total, subscales)


def change_between_waves(earlier: Score15Result | int, later: Score15Result | int,
                         settings: ReliableChangeSettings = DEFAULT_RELIABLE_CHANGE) -> Score15Change:
    """The change in total from ``earlier`` to ``later`` (results or complete totals), judged
    by the study's reliable change ``settings``.

    Pro-rated totals are not compared: a wave without a complete total raises
    ``InvalidInput`` saying how many items were answered.
    """
    return Score15Change(_complete_total(earlier, "earlier wave"),
                         _complete_total(later, "later wave"), settings)


def check_official_keying(instrument: Instrument) -> None:
    """Raise ``ResourceFileError`` unless ``instrument`` is scored as published.

    Checks, by item number: 15 scored items (the subscales' items) numbered 1 to 15 on a 1–5
    scale, reverse keying on items 2, 4, 5, 7, 8, 9, 11, 12, 13, 14, and the three subscales
    with their items. Items in no subscale (the form's open questions and ratings) are
    allowed beside them and never scored (item numbers are unique, so they come after 15).
    """
    def wrong(field: str, problem: str) -> ResourceFileError:
        return ResourceFileError(instrument.path or instrument.id, field, problem)

    if instrument.id != SCORE15_ID:
        raise wrong("id", f"is '{instrument.id}', not the SCORE-15 id '{SCORE15_ID}'.")
    numbers = sorted(item.number for item in scored_items(instrument))
    if numbers != list(range(1, ITEM_COUNT + 1)):
        raise wrong("items", "SCORE-15 needs exactly the scored items numbered 1 to 15, each in "
                    "one of its subscales (the form's open questions and ratings are items in no "
                    "subscale, numbered from 16, and are not scored).")
    by_id = {item.id: item for item in instrument.items}
    scored = {item.id for item in scored_items(instrument)}
    for i, item in enumerate(instrument.items):
        if item.id not in scored:
            continue
        scale = instrument.scale_for(item)
        if scale is None or scale.codes != ANSWER_CODES:
            raise wrong(f"items[{i}].scale",
                        f"item {item.number} needs a scale with the codes 1 to 5 in that order.")
        if item.reverse_keyed != (item.number in OFFICIAL_REVERSE_KEYED_ITEMS):
            should = "should" if item.number in OFFICIAL_REVERSE_KEYED_ITEMS else "should not"
            raise wrong(f"items[{i}].reverse_keyed",
                        f"item {item.number} {should} be reverse keyed.")
    found = {s.id: sorted(by_id[item_id].number for item_id in s.item_ids)
             for s in instrument.subscales}
    official = {name: sorted(numbers) for name, numbers in OFFICIAL_SUBSCALE_ITEMS.items()}
    if found != official:
        raise wrong("subscales", "SCORE-15 subscales should be " + "; ".join(
            f"{subscale_id}: items {', '.join(map(str, numbers))}"
            for subscale_id, numbers in OFFICIAL_SUBSCALE_ITEMS.items()) + ".")


def _check_answer_code(answer: object, field: str) -> None:
    # bool is an int in Python, but True is not an answer.
    if type(answer) is not int or answer not in ANSWER_CODES:
        raise InvalidInput(field, f"{answer!r} is not an answer: "
                                  "use 1 to 5, declined, or not yet asked.")


def _missing(item_ids: tuple[str, ...], item_scores: Mapping[str, int]) -> int:
    return sum(1 for item_id in item_ids if item_id not in item_scores)


def _scale_score(scale_id: str, item_ids: tuple[str, ...], item_scores: Mapping[str, int],
                 may_prorate: bool) -> ScaleScore:
    answered = [item_scores[item_id] for item_id in item_ids if item_id in item_scores]
    count = len(item_ids)
    if len(answered) == count:
        return ScaleScore(scale_id, count, count, sum(answered), sum(answered) / count)
    if may_prorate and answered:
        mean = sum(answered) / len(answered)
        return ScaleScore(scale_id, count, len(answered), None, None, mean * count, mean)
    return ScaleScore(scale_id, count, len(answered), None, None)


def _complete_total(wave: Score15Result | int, name: str) -> int:
    if isinstance(wave, Score15Result):
        if wave.total.score is None:
            raise InvalidInput(f"SCORE-15 total at the {name}", f"only {wave.total.answered_count} "
                               f"of {wave.total.item_count} items were answered, so there is no "
                               "total to compare.")
        return wave.total.score
    if type(wave) is not int or not 15 <= wave <= 75:
        raise InvalidInput(f"SCORE-15 total at the {name}",
                           f"{wave!r} is not a total from 15 to 75.")
    return wave
