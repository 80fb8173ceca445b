"""Metrics and the proposed support level, on hand-built maps and on Family X."""

from __future__ import annotations

import pytest

from fieldwork.domain.network_map import MapSettings, NetworkMap
from fieldwork.domain.network_metrics import (
    SUPPORT_REASONS,
    MapMetrics,
    measure,
    support_level,
    support_verdict,
    tie_density,
)
from tests.domain.family_x_maps import KEYS, family_x_wave_1, family_x_wave_2


def test_family_x_wave_1_metrics():
    got = measure(family_x_wave_1())
    assert got.people_named == 9 and got.people_on_map == 7
    assert got.per_ring == (3, 4, 0)
    assert dict(got.per_sector) == {"family_household": 5, "friends_neighbours": 0,
                                    "community": 1, "professionals": 1}
    assert got.off_map_total == 2                 # the child's father, her own father
    assert dict(got.off_map) == {"no_contact": 0, "excluded": 1, "deceased": 0, "other": 1}
    assert got.professionals_on_map == 1 and got.professionals_share == pytest.approx(1 / 7)
    assert got.household_members == 2            # Mother X and her mother
    assert got.difficult_ties_to_centre == 1     # the child's father, off the map
    assert got.difficult_ties_between == 1       # Mother X and the father
    assert got.informal_support == 2             # grandmother, aunt (not the respondent)
    assert got.close_frequent_informal_support == 2
    assert got.informal_in_frequent_contact == 2
    assert got.professionals_giving_support == 2  # nursery teachers, social worker
    assert got.ties_between == 5                 # the tie to the off-map father is not counted
    assert got.density == pytest.approx(5 / 21)
    assert got.support_level == "strong"


def test_family_x_wave_2_metrics():
    got = measure(family_x_wave_2())
    assert got.people_named == 12 and got.people_on_map == 8
    assert got.per_ring == (4, 4, 0)
    assert dict(got.per_sector) == {"family_household": 6, "friends_neighbours": 1,
                                    "community": 1, "professionals": 0}
    assert dict(got.off_map) == {"no_contact": 3, "excluded": 0, "deceased": 0, "other": 1}
    assert got.professionals_share == pytest.approx(0.0)
    assert got.household_members == 2            # Mother X and the baby; grandmother moved out of it
    assert got.difficult_ties_to_centre == 1 and got.difficult_ties_between == 1
    assert got.informal_support == 3             # grandmother, aunt, friend N
    assert got.informal_in_frequent_contact == 4  # + the baby sister
    assert got.professionals_giving_support == 1  # the school's teachers
    assert got.ties_between == 6 and got.density == pytest.approx(6 / 28)
    assert got.support_level == "strong"


def test_measured_from_the_people_and_ties_an_export_walked_once():
    """An export passes the map's people and its ties (ends in either order), walked once;
    the numbers are those ``measure`` finds by itself."""
    for network in (family_x_wave_1(), family_x_wave_2()):
        flipped = [(b, a, closeness) for a, b, closeness in network.tie_ends()]
        assert measure(network, network.people(), flipped) == measure(network)


def test_as_row_is_flat_plain_values():
    row = measure(family_x_wave_1()).as_row()
    assert row["ring_1"] == 3 and row["ring_2"] == 4 and row["ring_3"] == 0
    assert row["ring_4"] is None and row["ring_5"] is None
    assert row["sector_professionals"] == 1 and row["off_map_excluded"] == 1
    assert row["support_level"] == "strong" and row["density"] == pytest.approx(5 / 21)
    assert all(v is None or type(v) in (int, float, str, bool) for v in row.values())
    assert row["support_reason"] == "practical_or_emotional_help"
    assert len(row) == 29


def test_empty_map():
    got = measure(NetworkMap("Ana"))
    assert got.people_named == 0 and got.per_ring == (0, 0, 0)
    assert got.professionals_share is None and got.density == 0.0
    assert (got.support_level, got.support_reason) == ("not_enough_information", "nobody_on_map")
    with pytest.raises(AttributeError):
        got.density = 1.0  # type: ignore[misc]
    assert isinstance(got, MapMetrics)


def _map(*people: dict) -> NetworkMap:
    m = NetworkMap("Ana", settings=MapSettings(rings=4))
    for p in people:
        p = dict(p)
        m.add_person(p.pop("label"), p.pop("relationship"), ring=p.pop("ring", 1), **p)
    return m


def _verdict(*people: dict) -> tuple[str, str]:
    got = support_verdict(_map(*people).people())
    return got.level, got.reason


# The report, section 3.2.6 (Focus on Practice evaluation, 2016), sentence by sentence:
STRONG = ("Strong levels of support were when the respondent could call on practical help with "
          "looking after children and/or on emotional support")
MODERATE = ("moderate support was recorded where they reported fewer or weaker ties or because "
            "they were in less frequent contact with people in their networks or, alternatively, "
            "because within the networks, regardless of size, support was less available or less "
            "adequate")
LOW = ("Low support was where respondents identified themselves as isolated or reported very "
       "little contact or support from family and friends or were mainly dependent on "
       "professionals for support")

SISTER = dict(label="Sister", relationship="sibling", closeness="very_close",
              frequency="daily_weekly", support={"practical_children"})
SW = dict(label="SW", relationship="social_worker", sector="professionals", ring=2,
          closeness="very_close", frequency="daily_weekly", support={"emotional"})
HV = dict(label="HV", relationship="health_visitor", sector="professionals", ring=2,
          closeness="very_close", frequency="daily_weekly", support={"practical_children"})


def test_the_rule_quotes_the_report():
    reasons = " ".join(SUPPORT_REASONS.values())
    for sentence in (STRONG, MODERATE, "identified themselves as isolated or reported very "
                     "little contact or support from family and friends",
                     "were mainly dependent on professionals for support"):
        assert sentence in reasons
    assert set(SUPPORT_REASONS) >= {"practical_or_emotional_help", "less_available_support"}


def test_strong_practical_help_with_the_children_or_emotional_support():
    # STRONG: "could call on practical help with looking after children and/or on emotional support"
    assert _verdict(SISTER) == ("strong", "practical_or_emotional_help")
    friend = dict(label="Jo", relationship="friend", closeness="moderately_close",
                  frequency="weekly_monthly", support={"emotional"})
    assert _verdict(friend)[0] == "strong"


def test_a_very_close_sister_seen_less_than_monthly_who_helps_with_the_children_is_strong():
    sister = {**SISTER, "frequency": "monthly_six_monthly"}
    assert _verdict(sister) == ("strong", "practical_or_emotional_help")


def test_a_grandmother_helping_daily_on_a_loose_tie_is_strong():
    grandmother = dict(label="Gran", relationship="grandparent", closeness="loose",
                       frequency="daily_weekly", support={"practical_children"})
    assert _verdict(grandmother) == ("strong", "practical_or_emotional_help")


def test_moderate_support_less_available_or_less_adequate():
    # MODERATE: "... support was less available or less adequate", "fewer or weaker ties",
    # "less frequent contact": family help, but neither with the children nor emotional.
    advice_only = {**SISTER, "support": {"advice"}, "closeness": "loose",
                   "frequency": "monthly_six_monthly"}
    assert _verdict(advice_only) == ("moderate", "less_available_support")
    money = dict(label="Uncle", relationship="other_relative", closeness="moderately_close",
                 frequency="weekly_monthly", support={"material"})
    assert _verdict(money, SW)[0] == "moderate"  # one professional, one relative: not mainly


def test_low_very_little_support_from_family_and_friends():
    # LOW: "reported very little contact or support from family and friends"
    assert _verdict({**SISTER, "support": {"none"}}) == ("low", "no_support_from_family_friends")
    assert _verdict(SW, HV) == ("low", "only_professionals")


def test_low_very_little_contact():
    rarely = {**SISTER, "support": {"advice"}, "frequency": "rarely_never"}
    assert _verdict(rarely) == ("low", "very_little_contact")


def test_low_mainly_dependent_on_professionals():
    # LOW: "were mainly dependent on professionals for support"
    friend = dict(label="Jo", relationship="friend", closeness="loose",
                  frequency="weekly_monthly", support={"advice"})
    assert _verdict(friend, SW)[0] == "moderate"  # 1 friend, 1 professional
    assert _verdict(friend, SW, HV) == ("low", "mainly_professionals")


def test_relatives_not_asked_are_not_enough_information_never_a_silent_low():
    relatives = [dict(label=f"Relative {n}", relationship="other_relative") for n in range(8)]
    assert _verdict(*relatives) == ("not_enough_information", "support_not_asked")
    # support asked of all, contact of none: "very little contact" cannot be told
    asked = [{**r, "support": {"advice"}} for r in relatives]
    assert _verdict(*asked) == ("not_enough_information", "contact_not_asked")
    # one of them is seen weekly: contact is not "very little", whatever the others
    asked[0]["frequency"] = "daily_weekly"
    assert _verdict(*asked) == ("moderate", "less_available_support")
    # closeness was asked of no one, and the rule never needed it
    assert all("closeness" not in r for r in asked)
    # professionals whose support was not asked could make her mainly dependent on them
    unasked_sw, unasked_hv = ({**p, "support": frozenset()} for p in (SW, HV))
    assert _verdict(asked[0], unasked_sw)[0] == "moderate"  # one each way: never "mainly"
    assert _verdict(asked[0], unasked_sw, unasked_hv) == ("not_enough_information",
                                                          "professional_support_not_asked")
    assert _verdict() == ("not_enough_information", "nobody_on_map")


def test_respondent_and_off_map_people_do_not_count_as_support():
    m = NetworkMap("Child", centre_role="child")
    m.add_person("Mum", "mother", ring=1, is_respondent=True, closeness="very_close",
                 frequency="daily_weekly", support={"practical_children", "emotional"})
    assert measure(m).support_level == "not_enough_information"  # only the respondent on it
    assert measure(m).informal_support == 0
    gran = m.add_person("Gran", "grandparent", off_map_reason="other", closeness="very_close",
                        frequency="daily_weekly", support={"practical_children"})
    assert measure(m).support_level == "not_enough_information"
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


def test_density_is_networkx_density_of_the_people_on_the_map_to_the_last_bit():
    import networkx as nx

    def networkx_density(m: NetworkMap) -> tuple[int, float]:
        sub = m.graph.subgraph([p.key for p in m.people_on_map()])
        return sub.number_of_edges(), (nx.density(sub) if len(m.people_on_map()) > 1 else 0.0)

    m = _map(SISTER, dict(label="Jo", relationship="friend"), dict(label="Pat", relationship="neighbour"))
    a, b, c = (p.key for p in m.people())
    maps = [family_x_wave_1(), family_x_wave_2(), _map(SISTER), m]
    for tie in [(a, b), (b, c)]:
        maps.append(m.carried_forward())
        maps[-1].add_tie(*tie, "loose")
    for network in maps:
        got, expected = tie_density(network), networkx_density(network)
        # The same value and type: a map without ties has always been written as "0".
        assert got == expected and type(got[1]) is type(expected[1]), network.people()
        assert measure(network).density == expected[1]
