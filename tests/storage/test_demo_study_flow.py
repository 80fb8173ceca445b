"""The demo's fieldwork follows the shape of the evaluation's (seed report, 3.2 and 3.2.6)."""

from __future__ import annotations

from collections import Counter

from fieldwork.demo.study_flow import FAMILIES
from fieldwork.storage.study_store import StudyStore

# "Within each family network type there was a wide range of SCORE-15 marks: from 16 - 27
# among those with strong networks; 20 - 51 among those with a moderate network and 25- 48
# among those with low levels of support in their network map."
REPORT_RANGES = {"strong": (16, 27), "moderate": (20, 51), "low": (25, 48)}


def _score15_totals(store: StudyStore) -> dict[tuple[str, int], int]:
    rows = store.db.execute(
        "SELECT f.code, i.wave, a.item_id, a.answer_code FROM instrument_answers a "
        "JOIN instrument_administrations d ON d.key = a.administration_key "
        "JOIN interviews i ON i.key = d.interview_key JOIN families f ON f.key = i.family_key "
        "WHERE d.instrument_id = 'score15' AND a.item_id != 'score15_family_words'").fetchall()
    from fieldwork.domain.score15 import OFFICIAL_REVERSE_KEYED_ITEMS  # keyed as the published form

    totals: Counter[tuple[str, int]] = Counter()
    for code, wave, item, value in rows:
        if value is None:
            continue
        number = int(item.rsplit("_", 1)[-1])
        totals[(code, wave)] += 6 - int(value) if number in OFFICIAL_REVERSE_KEYED_ITEMS else int(value)
    return dict(totals)


def test_families_approached_interviewed_and_seen_again_as_in_the_evaluation(demo_store) -> None:
    db = demo_store.db
    families = db.execute("SELECT count(*) FROM families").fetchone()[0]
    erased = db.execute("SELECT count(*) FROM withdrawals WHERE erased = 1").fetchone()[0]
    assert families + erased == 24  # "aimed for 24 families"
    wave_1 = db.execute("SELECT count(DISTINCT family_key) FROM interviews WHERE wave = 1").fetchone()[0]
    assert wave_1 + erased == 19  # "interviewed 19" (the erased family was interviewed, then withdrew)
    stopped = db.execute("SELECT count(*) FROM interviews WHERE status = 'terminated'").fetchone()[0]
    assert stopped == 1
    wave_2 = db.execute("SELECT count(DISTINCT family_key) FROM interviews WHERE wave = 2").fetchone()[0]
    assert wave_2 == 13  # "13 at wave 2" (one of them still to come in the demo)
    reasons = Counter(r for (r,) in db.execute("SELECT reason FROM fieldwork_outcomes WHERE wave = 2 AND "
                                               "outcome = 'not_interviewed'"))
    assert reasons == {"moved_away": 1}
    routes = Counter(r for (r,) in db.execute("SELECT route FROM recruitment"))
    assert routes["social_worker_nomination"] > routes["sample_from_list"] > 0
    outcomes = Counter(o for (o,) in db.execute("SELECT outcome FROM recruitment"))
    assert outcomes["declined"] >= 2 and outcomes["gatekeeper_declined"] == 1 and outcomes["not_contactable"] >= 2


def test_score15_totals_lie_in_the_reports_range_for_each_support_level(demo_store) -> None:
    totals = _score15_totals(demo_store)
    for family in FAMILIES:
        if family.support is None:
            continue
        low, high = REPORT_RANGES[family.support]
        assert totals[(family.code, 1)] == family.score15_total
        assert low <= family.score15_total <= high, family.code
        assert (family.code, 2) not in totals  # no SCORE-15 by telephone
    rated = Counter(level for (level,) in demo_store.db.execute(
        "SELECT m.researcher_support_level FROM network_maps m JOIN interviews i ON i.key = m.interview_key "
        "WHERE i.wave = 1 AND m.researcher_support_level IS NOT NULL"))
    assert rated["strong"] == 5  # "5 expressed strong support"


def test_wave_2_maps_are_carried_forward_with_the_change_the_family_had(demo_store) -> None:
    db = demo_store.db
    summaries = dict(db.execute(
        "SELECT f.code, m.change_summary FROM network_maps m JOIN interviews i ON i.key = m.interview_key "
        "JOIN families f ON f.key = i.family_key WHERE i.wave = 2 AND f.code >= 'F010'").fetchall())
    expected = {f.code: f.wave_2 for f in FAMILIES if f.wave_2 in ("no_change", "some_change", "major_change")}
    assert summaries == expected
    modes = {m for (m,) in db.execute("SELECT i.mode FROM interviews i JOIN families f ON f.key = i.family_key "
                                      "WHERE i.wave = 2 AND f.code >= 'F010'")}
    assert modes == {"telephone"}
