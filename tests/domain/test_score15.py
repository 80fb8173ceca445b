"""SCORE-15 scoring, checked against hand-worked answers."""

from __future__ import annotations

import dataclasses
import json
from pathlib import Path

import pytest

from fieldwork.domain.errors import InvalidInput, ResourceFileError
from fieldwork.domain.instruments import Instrument
from fieldwork.domain.resource_loading import load_instrument
from fieldwork.domain.score15 import (
    DECLINED,
    DEFAULT_RELIABLE_CHANGE,
    MEAN_TOTAL_AT_START_OF_THERAPY,
    MEAN_TOTAL_NON_CLINICAL,
    NOT_YET_ASKED,
    OFFICIAL_REVERSE_KEYED_ITEMS,
    OFFICIAL_SUBSCALE_ITEMS,
    TOTAL,
    ReliableChangeSettings,
    change_between_waves,
    check_official_keying,
    item_score,
    score_score15,
)

ROOT = Path(__file__).resolve().parents[2]
SCORE15_FILE = ROOT / "resources" / "instruments" / "score15.en.json"
RTL_TEST_PACK = ROOT / "tests" / "data" / "instruments" / "score15.ar-test.json"

STRENGTHS = "strengths_and_adaptability"
OVERWHELMED = "overwhelmed_by_difficulties"
DISRUPTED = "disrupted_communication"


def item(number: int) -> str:
    return f"score15_{number:02d}"


def answers(by_number: dict[int, object]) -> dict[str, object]:
    return {item(n): a for n, a in by_number.items()}


@pytest.fixture(scope="module")
def score15() -> Instrument:
    return load_instrument(SCORE15_FILE)


# Mixed pattern, worked by hand. Positive items (1, 3, 6, 10, 15) score as answered;
# the others score 6 - answer.
#   item:    1  2  3  4  5  6  7  8  9 10 11 12 13 14 15
#   answer:  2  4  3  5  2  1  4  3  5  2  3  4  1  2  3
#   score:   2  2  3  1  4  1  2  3  1  2  3  2  5  4  3
# Strengths (1, 3, 6, 10, 15):     2 + 3 + 1 + 2 + 3 = 11, item mean 2.2
# Overwhelmed (5, 7, 9, 11, 14):   4 + 2 + 1 + 3 + 4 = 14, item mean 2.8
# Disrupted (2, 4, 8, 12, 13):     2 + 1 + 3 + 2 + 5 = 13, item mean 2.6
# Total: 11 + 14 + 13 = 38, item mean 38 / 15 = 2.5333...
MIXED = {1: 2, 2: 4, 3: 3, 4: 5, 5: 2, 6: 1, 7: 4, 8: 3, 9: 5, 10: 2,
         11: 3, 12: 4, 13: 1, 14: 2, 15: 3}


# --- the shipped file matches the published scoring --------------------------------------

def test_shipped_file_has_official_keying(score15):
    check_official_keying(score15)  # raises if not
    reverse_keyed = {i.number for i in score15.items if i.reverse_keyed}
    assert reverse_keyed == {2, 4, 5, 7, 8, 9, 11, 12, 13, 14}
    assert OFFICIAL_REVERSE_KEYED_ITEMS == {2, 4, 5, 7, 8, 9, 11, 12, 13, 14}
    assert dict(OFFICIAL_SUBSCALE_ITEMS) == {
        STRENGTHS: (1, 3, 6, 10, 15), OVERWHELMED: (5, 7, 9, 11, 14), DISRUPTED: (2, 4, 8, 12, 13)}


def test_rtl_test_pack_scores_like_english(score15):
    pack = load_instrument(RTL_TEST_PACK)
    assert score_score15(pack, answers(MIXED)).total.score == 38


@pytest.mark.parametrize(("change", "field"), [
    (lambda d: d["items"][1].update(reverse_keyed=False), "items[1].reverse_keyed"),
    (lambda d: d["items"][0].update(reverse_keyed=True), "items[0].reverse_keyed"),
    # Item 1 left out of every subscale: it is no longer one of the 15 scored items.
    (lambda d: d["subscales"][0]["item_ids"].__setitem__(0, "score15_02"), "items"),
    (lambda d: (d["subscales"][0]["item_ids"].__setitem__(1, "score15_05"),
                d["subscales"][1]["item_ids"].__setitem__(0, "score15_03")), "subscales"),
    (lambda d: d["scales"][0]["options"].reverse(), "items[0].scale"),
    (lambda d: d["items"][14].update(number=17), "items"),
])
def test_file_with_wrong_keying_is_refused(tmp_path, change, field):
    data = json.loads(SCORE15_FILE.read_text(encoding="utf-8"))
    change(data)
    path = tmp_path / "score15.xx.json"
    path.write_text(json.dumps(data), encoding="utf-8")
    # Refused as it is read (so `resources check` names it), not first when scoring.
    with pytest.raises(ResourceFileError) as caught:
        load_instrument(path)
    problems = getattr(caught.value, "problems", [caught.value])
    assert [(p.field, p.path) for p in problems] == [(f"$.{field}", str(path))]


# --- item scores -------------------------------------------------------------------------

def test_item_score():
    assert [item_score(a, False) for a in (1, 2, 3, 4, 5)] == [1, 2, 3, 4, 5]
    assert [item_score(a, True) for a in (1, 2, 3, 4, 5)] == [5, 4, 3, 2, 1]


# --- complete answers --------------------------------------------------------------------

def test_all_ones(score15):
    # 'Describes us very well' to everything: the 5 positive items score 1 each (5),
    # the 10 reverse-keyed items score 6 - 1 = 5 each (50). Total 55.
    result = score_score15(score15, answers({n: 1 for n in range(1, 16)}))
    assert result.total.score == 55
    assert result.total.item_mean == pytest.approx(55 / 15)
    assert result.subscale(STRENGTHS).score == 5
    assert result.subscale(STRENGTHS).item_mean == 1.0
    assert result.subscale(OVERWHELMED).score == 25
    assert result.subscale(DISRUPTED).score == 25
    assert result.subscale(DISRUPTED).item_mean == 5.0
    assert result.prorated == ()


def test_all_fives(score15):
    # 'Not at all' to everything: positive items 5 each (25), reverse items 1 each (10).
    result = score_score15(score15, answers({n: 5 for n in range(1, 16)}))
    assert result.total.score == 35
    assert (result.subscale(STRENGTHS).score, result.subscale(OVERWHELMED).score,
            result.subscale(DISRUPTED).score) == (25, 5, 5)


def test_extremes_are_15_and_75(score15):
    best = {n: (5 if n in OFFICIAL_REVERSE_KEYED_ITEMS else 1) for n in range(1, 16)}
    worst = {n: (1 if n in OFFICIAL_REVERSE_KEYED_ITEMS else 5) for n in range(1, 16)}
    assert score_score15(score15, answers(best)).total.score == 15
    assert score_score15(score15, answers(worst)).total.score == 75
    assert score_score15(score15, answers(worst)).total.item_mean == 5.0


def test_mixed_pattern_worked_by_hand(score15):
    result = score_score15(score15, answers(MIXED))
    assert result.item_scores == answers(
        {1: 2, 2: 2, 3: 3, 4: 1, 5: 4, 6: 1, 7: 2, 8: 3, 9: 1, 10: 2,
         11: 3, 12: 2, 13: 5, 14: 4, 15: 3})
    assert result.total.score == 38
    assert result.total.item_mean == pytest.approx(2.5333333)
    assert result.subscale(STRENGTHS).score == 11
    assert result.subscale(STRENGTHS).item_mean == pytest.approx(2.2)
    assert result.subscale(OVERWHELMED).score == 14
    assert result.subscale(OVERWHELMED).item_mean == pytest.approx(2.8)
    assert result.subscale(DISRUPTED).score == 13
    assert result.subscale(DISRUPTED).item_mean == pytest.approx(2.6)
    assert result.total.is_complete and result.declined == () and result.not_yet_asked == ()
    assert result.instrument_version == "1.0"


def test_reference_points():
    assert MEAN_TOTAL_AT_START_OF_THERAPY == 39
    assert MEAN_TOTAL_NON_CLINICAL == 26


# --- missing items -----------------------------------------------------------------------

def test_one_missing_gives_no_total(score15):
    result = score_score15(score15, answers({n: a for n, a in MIXED.items() if n != 13}))
    assert result.total.score is None and result.total.item_mean is None
    assert (result.total.answered_count, result.total.item_count) == (14, 15)
    assert result.subscale(DISRUPTED).score is None
    assert result.subscale(DISRUPTED).answered_count == 4
    assert result.subscale(STRENGTHS).score == 11  # untouched subscales still score
    assert result.not_yet_asked == (item(13),)
    assert result.prorated == ()
    assert result.total.prorated_score is None


def test_one_missing_prorated_when_asked(score15):
    # Item 13 (score 5) missing. Disrupted: 2 + 1 + 3 + 2 = 8 over 4 items,
    # mean 2.0, pro-rated 2.0 x 5 = 10.0. Total: 38 - 5 = 33 over 14 items,
    # pro-rated 33 / 14 x 15 = 35.357...
    without_13 = {n: a for n, a in MIXED.items() if n != 13}
    result = score_score15(score15, answers(without_13), prorate=True)
    disrupted = result.subscale(DISRUPTED)
    assert disrupted.score is None
    assert disrupted.prorated_score == pytest.approx(10.0)
    assert disrupted.prorated_item_mean == pytest.approx(2.0)
    assert result.total.score is None
    assert result.total.prorated_score == pytest.approx(35.357142857)
    assert result.total.prorated_item_mean == pytest.approx(33 / 14)
    assert result.prorated == (TOTAL, DISRUPTED)
    assert not result.subscale(STRENGTHS).is_prorated


def test_two_missing_in_one_subscale_never_prorated(score15):
    # Items 12 and 13 (both Disrupted communication) missing.
    without = {n: a for n, a in MIXED.items() if n not in (12, 13)}
    result = score_score15(score15, answers(without), prorate=True)
    disrupted = result.subscale(DISRUPTED)
    assert (disrupted.score, disrupted.prorated_score, disrupted.answered_count) == (None, None, 3)
    total = result.total
    assert (total.score, total.prorated_score, total.answered_count) == (None, None, 13)
    assert result.subscale(OVERWHELMED).score == 14
    assert result.prorated == ()


def test_one_missing_in_each_subscale_total_prorated(score15):
    # Items 1 (score 2), 5 (score 4), 2 (score 2) missing: 38 - 8 = 30 over 12 items,
    # pro-rated 30 / 12 x 15 = 37.5. Strengths 9/4 x 5 = 11.25; Overwhelmed 10/4 x 5 = 12.5;
    # Disrupted 11/4 x 5 = 13.75.
    without = {n: a for n, a in MIXED.items() if n not in (1, 2, 5)}
    result = score_score15(score15, answers(without), prorate=True)
    assert result.total.prorated_score == pytest.approx(37.5)
    assert result.subscale(STRENGTHS).prorated_score == pytest.approx(11.25)
    assert result.subscale(OVERWHELMED).prorated_score == pytest.approx(12.5)
    assert result.subscale(DISRUPTED).prorated_score == pytest.approx(13.75)
    assert set(result.prorated) == {TOTAL, STRENGTHS, OVERWHELMED, DISRUPTED}


def test_declined_counts_as_missing_and_is_recorded(score15):
    given = dict(MIXED)
    given[7] = DECLINED
    given[9] = NOT_YET_ASKED
    result = score_score15(score15, answers(given))
    assert result.declined == (item(7),)
    assert result.not_yet_asked == (item(9),)
    assert item(7) not in result.item_scores
    assert result.subscale(OVERWHELMED).score is None
    assert result.subscale(OVERWHELMED).answered_count == 3
    assert result.total.answered_count == 13


def test_nothing_answered(score15):
    result = score_score15(score15, {}, prorate=True)
    assert result.total.answered_count == 0 and result.total.score is None
    assert result.prorated == ()
    assert len(result.not_yet_asked) == 15


def test_none_means_not_yet_asked(score15):
    result = score_score15(score15, answers({1: None}))
    assert item(1) in result.not_yet_asked


# --- invalid answers ---------------------------------------------------------------------

@pytest.mark.parametrize("bad", [0, 6, -1, "x", "3", 2.0, True, [3]])
def test_invalid_answer_refused(score15, bad):
    with pytest.raises(InvalidInput) as caught:
        score_score15(score15, answers({**MIXED, 4: bad}))
    assert "item 4" in caught.value.field


def test_unknown_item_refused(score15):
    with pytest.raises(InvalidInput, match="score15_16"):
        score_score15(score15, {**answers(MIXED), "score15_16": 3})


def test_item_score_refuses_invalid_answer():
    with pytest.raises(InvalidInput):
        item_score(6, False)


def test_result_is_frozen(score15):
    result = score_score15(score15, answers(MIXED))
    with pytest.raises(dataclasses.FrozenInstanceError):
        result.total = None  # type: ignore[misc]


# --- change between waves ----------------------------------------------------------------

def test_reliable_change_defaults_to_the_only_published_index():
    # Nebeker Adams (2018): "Results established a cutoff of 51.92 and a reliable change
    # index of 17.51 for the SCORE-15" (a US sample of 63 clinical, 244 community respondents).
    assert (DEFAULT_RELIABLE_CHANGE.threshold, DEFAULT_RELIABLE_CHANGE.clinical_cutoff) == (17.51, 51.92)
    assert "Nebeker Adams" in DEFAULT_RELIABLE_CHANGE.source and "2018" in DEFAULT_RELIABLE_CHANGE.source
    assert "NHS" not in DEFAULT_RELIABLE_CHANGE.source
    assert "17.51 points" in DEFAULT_RELIABLE_CHANGE.describe()


def test_a_change_of_eighteen_is_reliable_seventeen_is_not():
    change = change_between_waves(55, 37)
    assert (change.change, change.direction, change.is_reliable) == (-18, "improved", True)
    assert change.threshold == 17.51 and change.threshold_basis == DEFAULT_RELIABLE_CHANGE.source
    assert change.earlier_above_cutoff and not change.later_above_cutoff and change.crossed_cutoff
    change = change_between_waves(45, 28)
    assert (change.change, change.is_reliable, change.crossed_cutoff) == (-17, False, False)
    assert change_between_waves(28, 46).direction == "worsened"
    assert change_between_waves(30, 30).direction == "unchanged"


def test_a_study_sets_its_own_threshold_and_cutoff_with_a_source():
    own = ReliableChangeSettings(10, 40, "our pilot study")
    change = change_between_waves(38, 28, own)
    assert change.is_reliable and not change.crossed_cutoff
    assert change_between_waves(38, 28).is_reliable is False
    assert change_between_waves(38, 28).with_settings(own).is_reliable is True
    assert ReliableChangeSettings.from_dict(own.to_dict()) == own
    with pytest.raises(InvalidInput, match="threshold"):
        ReliableChangeSettings(0, 40, "x")
    with pytest.raises(InvalidInput, match="cutoff"):
        ReliableChangeSettings(10, 90, "x")
    with pytest.raises(InvalidInput, match="source"):
        ReliableChangeSettings(10, 40, "  ")


def test_change_from_results(score15):
    earlier = score_score15(score15, answers(MIXED))  # 38
    later = score_score15(score15, answers({n: 5 for n in range(1, 16)}))  # 35
    change = change_between_waves(earlier, later)
    assert (change.earlier_total, change.later_total, change.change) == (38, 35, -3)
    assert not change.is_reliable


def test_change_needs_complete_totals(score15):
    without_1 = {n: a for n, a in MIXED.items() if n != 1}
    incomplete = score_score15(score15, answers(without_1), prorate=True)
    with pytest.raises(InvalidInput, match="only 14 of 15 items were answered"):
        change_between_waves(incomplete, 38)
    with pytest.raises(InvalidInput):
        change_between_waves(38, 76)
    with pytest.raises(InvalidInput):
        change_between_waves(14, 38)
