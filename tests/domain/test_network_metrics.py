"""Metrics and the proposed support level, on hand-built maps and on Family X."""

from __future__ import annotations

import pytest

from fieldwork.domain.network_map import MapSettings, NetworkMap
from fieldwork.domain.network_metrics import (
    MapMetrics,
    measure,
    support_level,
    tie_density,
)
from tests.domain.family_x_maps import KEYS, family_x_wave_1, family_x_wave_2


def test_family_x_wave_1_metrics():
    got = measure(family_x_wave_1())
    assert got.people_named == 11 and got.people_on_map == 10
    assert got.per_ring == (3, 7, 0)
    assert dict(got.per_sector) == {"family_household": 5, "friends_neighbours": 0,
                                    "community": 1, "professionals": 4}
    assert got.off_map_total == 1
    assert dict(got.off_map) == {"no_contact": 0, "excluded": 1, "deceased": 0, "other": 0}
    assert got.professionals_on_map == 4 and got.professionals_share == pytest.approx(0.4)
    assert got.household_members == 2            # Mother X and her mother
    assert got.difficult_ties_to_centre == 1     # the child's father, off the map
    assert got.difficult_ties_between == 1       # Mother X and the father
    assert got.informal_support == 2             # grandmother, aunt (not the respondent)
    assert got.close_frequent_informal_support == 2
    assert got.informal_in_frequent_contact == 2
    assert got.professionals_giving_support == 5  # nursery, social worker, doctor, SLT, lawyer
    assert got.ties_between == 5                 # the tie to the off-map father is not counted
    assert got.density == pytest.approx(5 / 45)
    assert got.support_level == "strong"


def test_family_x_wave_2_metrics():
    got = measure(family_x_wave_2())
    assert got.people_named == 11 and got.people_on_map == 10
    assert got.per_ring == (4, 6, 0)
    assert dict(got.per_sector) == {"family_household": 6, "friends_neighbours": 1,
                                    "community": 1, "professionals": 2}
    assert dict(got.off_map)["excluded"] == 1
    assert got.professionals_share == pytest.approx(0.2)
    assert got.household_members == 2            # Mother X and the baby; grandmother moved out of it
    assert got.difficult_ties_to_centre == 1 and got.difficult_ties_between == 1
    assert got.informal_support == 3             # grandmother, aunt, friend N
    assert got.informal_in_frequent_contact == 4  # + the baby sister
    assert got.professionals_giving_support == 3
    assert got.ties_between == 6 and got.density == pytest.approx(6 / 45)
    assert got.support_level == "strong"


def test_as_row_is_flat_plain_values():
    row = measure(family_x_wave_1()).as_row()
    assert row["ring_1"] == 3 and row["ring_2"] == 7 and row["ring_3"] == 0
    assert row["ring_4"] is None and row["ring_5"] is None
    assert row["sector_professionals"] == 4 and row["off_map_excluded"] == 1
    assert row["support_level"] == "strong" and row["density"] == pytest.approx(0.1111111)
    assert all(v is None or type(v) in (int, float, str, bool) for v in row.values())
    assert len(row) == 28


def test_empty_map():
    got = measure(NetworkMap("Ana"))
    assert got.people_named == 0 and got.per_ring == (0, 0, 0)
    assert got.professionals_share is None and got.density == 0.0
    assert got.support_level == "low"
    with pytest.raises(AttributeError):
        got.density = 1.0  # type: ignore[misc]
    assert isinstance(got, MapMetrics)


def _map(*people: dict) -> NetworkMap:
    m = NetworkMap("Ana", settings=MapSettings(rings=4))
    for p in people:
        p = dict(p)
        m.add_person(p.pop("label"), p.pop("relationship"), ring=p.pop("ring", 1), **p)
    return m


SISTER = dict(label="Sister", relationship="sibling", closeness="very_close",
              frequency="daily_weekly", support={"practical_children"})


def test_strong_needs_close_frequent_informal_practical_or_emotional_support():
    assert support_level(_map(SISTER).people()) == "strong"
    emotional_friend = dict(label="Jo", relationship="friend", closeness="moderately_close",
                            frequency="weekly_monthly", support={"emotional"})
    assert support_level(_map(emotional_friend).people()) == "strong"


def test_moderate_when_support_is_weaker_or_less_frequent():
    loose = {**SISTER, "closeness": "loose"}
    assert support_level(_map(loose).people()) == "moderate"
    advice_only = {**SISTER, "support": {"advice"}}
    assert support_level(_map(advice_only).people()) == "moderate"
    # the supporter is seen rarely, but someone else informal is in frequent contact
    rarely = {**SISTER, "frequency": "monthly_six_monthly"}
    neighbour = dict(label="Pat", relationship="neighbour", ring=3, closeness="loose",
                     frequency="daily_weekly", support={"none"})
    assert support_level(_map(rarely, neighbour).people()) == "moderate"


def test_low_when_isolated_unsupported_or_mainly_professionals():
    rarely = {**SISTER, "frequency": "monthly_six_monthly"}
    assert support_level(_map(rarely).people()) == "low"  # no informal frequent contact
    no_support = {**SISTER, "support": {"none"}}
    assert support_level(_map(no_support).people()) == "low"
    difficult = {**SISTER, "closeness": "difficult", "support": {"advice"}}
    assert support_level(_map(difficult).people()) == "low"
    friend = dict(label="Jo", relationship="friend", closeness="loose",
                  frequency="weekly_monthly", support={"advice"})
    sw = dict(label="SW", relationship="social_worker", sector="professionals", ring=2,
              closeness="very_close", frequency="daily_weekly", support={"emotional"})
    hv = dict(label="HV", relationship="health_visitor", sector="professionals", ring=2,
              closeness="very_close", frequency="daily_weekly", support={"practical_children"})
    assert support_level(_map(friend, sw).people()) == "moderate"   # 1 informal, 1 professional
    assert support_level(_map(friend, sw, hv).people()) == "low"    # mainly professionals
    # professionals, however close and frequent, never make support strong
    assert support_level(_map(sw, hv).people()) == "low"


def test_respondent_and_off_map_people_do_not_count_as_support():
    m = NetworkMap("Child", centre_role="child")
    m.add_person("Mum", "mother", ring=1, is_respondent=True, closeness="very_close",
                 frequency="daily_weekly", support={"practical_children", "emotional"})
    assert measure(m).support_level == "low" and measure(m).informal_support == 0
    gran = m.add_person("Gran", "grandparent", off_map_reason="other", closeness="very_close",
                        frequency="daily_weekly", support={"practical_children"})
    assert measure(m).support_level == "low"
    m.put_on_map(gran.key, 2, "family_household")
    assert measure(m).support_level == "strong"


def test_friend_placed_in_professionals_sector_is_not_informal():
    friend = dict(label="Jo", relationship="friend", sector="professionals", **{
        k: SISTER[k] for k in ("closeness", "frequency", "support")})
    m = _map(friend)
    assert measure(m).professionals_share == 1.0
    assert support_level(m.people()) == "low"


def test_density_ignores_centre_and_off_map_people():
    m = _map(SISTER, dict(label="Jo", relationship="friend"), dict(label="Pat", relationship="neighbour"))
    a, b, c = (p.key for p in m.people())
    assert tie_density(m) == (0, 0.0)
    m.add_tie(a, b, "very_close")
    assert tie_density(m) == (1, pytest.approx(1 / 3))
    m.add_tie(b, c, "difficult")
    m.put_off_map(c, "no_contact")
    assert tie_density(m) == (1, 1.0)
    got = measure(m)
    assert got.difficult_ties_between == 1 and got.off_map_total == 1
    assert measure(family_x_wave_1()).ties_between == 5
    assert KEYS["father"] not in {p.key for p in family_x_wave_1().people_on_map()}
