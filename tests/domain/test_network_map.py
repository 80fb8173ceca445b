"""The network map model: people, placement, off-map people, ties, settings, storage."""

from __future__ import annotations

import io
import json
import uuid

import networkx as nx
import pytest

from fieldwork.domain.errors import InvalidInput
from fieldwork.domain.network_codes import (
    CLOSENESS,
    FREQUENCY,
    OFF_MAP_REASONS,
    RELATIONSHIPS,
    SUPPORT,
)
from fieldwork.domain.network_map import (
    MapSettings,
    NetworkMap,
    Placement,
    RemovedPerson,
    SectorSetting,
    Tie,
)
from fieldwork.domain.network_map_io import graphml_graph, map_from_dict, map_to_dict
from tests.domain.family_x_maps import KEYS, family_x_wave_1, family_x_wave_2


@pytest.fixture
def m() -> NetworkMap:
    return NetworkMap("Ana")


def test_code_lists_are_stable_codes_with_english_labels():
    assert list(CLOSENESS) == ["very_close", "moderately_close", "loose", "difficult"]
    assert list(FREQUENCY) == ["daily_weekly", "weekly_monthly", "monthly_six_monthly", "rarely_never"]
    assert list(SUPPORT) == ["practical_children", "emotional", "advice", "material", "none"]
    assert list(OFF_MAP_REASONS) == ["no_contact", "excluded", "deceased", "other"]
    assert RELATIONSHIPS["gp_doctor"] == "GP / doctor"


def test_the_relationship_list_has_what_a_child_protection_map_needs():
    from fieldwork.domain.network_codes import PROFESSIONAL_RELATIONSHIPS, RELATIONSHIP_TABLE

    for code in ("step_parent", "foster_carer", "kinship_carer", "ex_partner", "special_guardian",
                 "half_sibling", "parents_partner", "family_support_worker"):
        assert code in RELATIONSHIPS and RELATIONSHIPS[code]
    # The codes stored before the list grew are all still there, with their words.
    old = ["mother", "father", "partner", "child", "sibling", "grandparent", "other_relative", "friend",
           "neighbour", "teacher_nursery", "social_worker", "health_visitor", "gp_doctor", "therapist",
           "lawyer", "other_professional", "other"]
    assert set(old) <= set(RELATIONSHIPS) and RELATIONSHIPS["sibling"] == "Brother or sister"
    assert len({r.code for r in RELATIONSHIP_TABLE}) == len(RELATIONSHIP_TABLE)
    assert "foster_carer" not in PROFESSIONAL_RELATIONSHIPS
    assert "family_support_worker" in PROFESSIONAL_RELATIONSHIPS
    m = NetworkMap("Child")
    assert m.add_person("Jo", "foster_carer", off_map_reason="other").sector == "family_household"
    assert m.add_person("Kim", "family_support_worker", off_map_reason="other").sector == "professionals"


def test_default_settings_three_convoy_rings_four_equal_sectors():
    s = MapSettings()
    assert s.rings == 3
    assert s.ring_prompts[0] == "People so close that it is hard to imagine life without them"
    assert s.ring_prompts[2] == "People not as close, but still important"
    assert s.sector_codes == ("family_household", "friends_neighbours", "community", "professionals")
    assert [x.span for x in s.sectors] == [90.0] * 4
    assert s.sector_span("family_household") == (45.0, 135.0)
    assert s.sector_span("professionals") == (315.0, 405.0)
    assert s.middle_angle("professionals") == 0.0


def test_settings_with_five_rings_pad_prompts_and_custom_sectors():
    s = MapSettings.with_equal_sectors({"kin": "Kin", "others": "Others", "services": "Services"},
                                       rings=5, start_angle=0)
    assert len(s.ring_prompts) == 5 and s.ring_prompts[3:] == ("", "")
    assert s.sector_span("others") == pytest.approx((120.0, 240.0))
    assert MapSettings.from_dict(s.to_dict()) == s


@pytest.mark.parametrize("kwargs", [
    {"rings": 1}, {"rings": 6}, {"rings": 3.0}, {"rings": True},
    {"sectors": ()},
    {"sectors": (SectorSetting("a", "A", 180), SectorSetting("a", "A2", 180))},
    {"sectors": (SectorSetting("a", "A", 180), SectorSetting("b", "B", 170))},
    {"sectors": (SectorSetting("Bad Code", "A", 360),)},
    {"sectors": (SectorSetting("a", "A", 0), SectorSetting("b", "B", 360))},
    {"ring_prompts": ("one", "two")},
    {"start_angle": float("nan")},
])
def test_invalid_settings_are_refused(kwargs):
    with pytest.raises(InvalidInput):
        MapSettings(**kwargs)


def test_add_person_gets_a_uuid_key_and_default_angle(m):
    p = m.add_person("  Gran ", "grandparent", ring=1, sector="family_household",
                     closeness="very_close", support=["emotional", "practical_children"])
    assert uuid.UUID(p.key)
    assert p.label == "Gran"
    assert p.placement == Placement(1, "family_household", 90.0)
    assert p.support == frozenset({"emotional", "practical_children"})
    assert m.person(p.key) == p and p.key in m and len(m) == 1


def test_add_person_off_map_keeps_sector_from_relationship(m):
    p = m.add_person("Dad", "father", off_map_reason="excluded", off_map_note="nowhere")
    assert not p.on_map and p.ring is None and p.angle is None and p.placement is None
    assert p.sector == "family_household"
    assert m.people_off_map() == [p] and m.people_on_map() == []
    sw = m.add_person("Sam", "social_worker", off_map_reason="no_contact")
    assert sw.sector == "professionals"


@pytest.mark.parametrize("kwargs", [
    {"relationship": "second_cousin"},
    {"ring": 0}, {"ring": 4}, {"ring": 1.5}, {"ring": None},
    {"sector": "school"},
    {"angle": 200.0},  # friends' wedge, not family's
    {"angle": float("inf")},
    {"closeness": "close"}, {"frequency": "often"},
    {"support": {"money"}}, {"support": {"none", "emotional"}}, {"support": "emotional"},
    {"label": "   "},
    {"lives_in_household": "yes"},
    {"key": "not-a-uuid"},
    {"off_map_reason": "moved"},
    {"ring_count": 3},
])
def test_invalid_person_is_refused(m, kwargs):
    args = {"label": "Gran", "relationship": "grandparent", "ring": 1,
            "sector": "family_household", **kwargs}
    if "off_map_reason" in kwargs:
        args["ring"] = None
    with pytest.raises(InvalidInput):
        m.add_person(args.pop("label"), args.pop("relationship"), **args)
    assert len(m) == 0


def test_duplicate_key_and_respondent_rules():
    m = NetworkMap("Child", centre_role="child")
    key = str(uuid.uuid4())
    m.add_person("Mum", "mother", ring=1, sector="family_household", key=key, is_respondent=True)
    with pytest.raises(InvalidInput):
        m.add_person("Mum again", "mother", ring=1, sector="family_household", key=key)
    with pytest.raises(InvalidInput, match="respondent"):
        m.add_person("Dad", "father", ring=1, sector="family_household", is_respondent=True)
    with pytest.raises(InvalidInput, match="respondent"):
        NetworkMap("Ana").add_person("Mum", "mother", ring=1, is_respondent=True)
    with pytest.raises(InvalidInput):
        NetworkMap("Ana", centre_role="parent")
    with pytest.raises(InvalidInput):
        NetworkMap("  ")


def test_update_person_returns_before_and_refuses_placement_fields(m):
    p = m.add_person("Gran", "grandparent", ring=1, sector="family_household")
    before = m.update_person(p.key, closeness="difficult", note="argued", support={"advice"})
    assert before == p
    assert m.person(p.key).closeness == "difficult"
    with pytest.raises(InvalidInput):
        m.update_person(p.key, ring=2)
    with pytest.raises(InvalidInput):
        m.update_person(p.key, frequency="sometimes")
    assert m.person(p.key).frequency is None
    m.replace_person(before)  # the undo
    assert m.person(p.key) == p
    with pytest.raises(InvalidInput):
        m.update_person(str(uuid.uuid4()), note="x")


def test_move_person_checks_ring_sector_and_angle(m):
    p = m.add_person("Jo", "friend", ring=1, sector="friends_neighbours")
    before = m.move_person(p.key, 3, "community", 270.0 + 360.0)
    assert before.placement == Placement(1, "friends_neighbours", 180.0)
    assert m.person(p.key).placement == Placement(3, "community", 270.0)
    for bad in [(4, "community", 270.0), (2, "community", 100.0), (2, "nowhere", 270.0)]:
        with pytest.raises(InvalidInput):
            m.move_person(p.key, *bad)
    assert m.person(p.key).placement == Placement(3, "community", 270.0)


def test_off_map_and_back(m):
    p = m.add_person("Dad", "father", ring=2, sector="family_household", angle=60)
    before = m.put_off_map(p.key, "deceased", "died in spring")
    assert before == p
    off = m.person(p.key)
    assert (off.on_map, off.ring, off.off_map_reason, off.off_map_note) == (
        False, None, "deceased", "died in spring")
    with pytest.raises(InvalidInput):
        m.move_person(p.key, 1, "family_household", 90)
    with pytest.raises(InvalidInput):
        m.put_off_map(p.key, "gone")
    m.put_on_map(p.key, 1, "family_household")
    back = m.person(p.key)
    assert back.placement == Placement(1, "family_household", 90.0)
    assert back.off_map_reason is None and back.off_map_note == ""


def test_remove_person_removes_ties_and_restore_puts_them_back(m):
    a = m.add_person("A", "friend", ring=1, sector="friends_neighbours")
    b = m.add_person("B", "friend", ring=2, sector="friends_neighbours")
    c = m.add_person("C", "neighbour", ring=3, sector="friends_neighbours")
    m.add_tie(a.key, b.key, "loose")
    m.add_tie(c.key, b.key, "difficult")
    m.add_tie(a.key, c.key, "very_close")
    removed = m.remove_person(b.key)
    assert isinstance(removed, RemovedPerson) and removed.person == b
    assert sorted(t.closeness for t in removed.ties) == ["difficult", "loose"]
    assert b.key not in m and len(m.ties()) == 1
    m.restore_removed(removed)
    assert m.person(b.key) == b and len(m.ties()) == 3
    assert m.tie(c.key, b.key).closeness == "difficult"
    with pytest.raises(InvalidInput):
        m.restore_removed(removed)


def test_ties_are_checked(m):
    a = m.add_person("A", "friend", ring=1, sector="friends_neighbours")
    b = m.add_person("B", "friend", ring=1, sector="friends_neighbours")
    tie = m.add_tie(b.key, a.key, "moderately_close")
    assert tie == Tie(*sorted((a.key, b.key)), "moderately_close")
    for x, y, c in [(a.key, a.key, "loose"), (a.key, b.key, "loose"), (b.key, a.key, "loose"),
                    (a.key, m.centre.key, "loose"), (a.key, str(uuid.uuid4()), "loose")]:
        with pytest.raises(InvalidInput):
            m.add_tie(x, y, c)
    assert m.change_tie_closeness(a.key, b.key, "difficult").closeness == "moderately_close"
    assert m.tie(b.key, a.key).closeness == "difficult"
    with pytest.raises(InvalidInput):
        m.change_tie_closeness(a.key, b.key, "hostile")
    assert m.remove_tie(a.key, b.key).closeness == "difficult"
    with pytest.raises(InvalidInput):
        m.remove_tie(a.key, b.key)


def test_graph_view_is_read_only(m):
    m.add_person("A", "friend", ring=1, sector="friends_neighbours")
    with pytest.raises(nx.NetworkXError):
        m.graph.add_node("x")
    assert m.graph.number_of_nodes() == 2  # the centre and A


def test_dict_round_trip_is_json_safe_and_keeps_keys():
    w1 = family_x_wave_1()
    data = json.loads(json.dumps(map_to_dict(w1)))
    again = map_from_dict(data)
    assert map_to_dict(again) == map_to_dict(w1)
    assert again.centre == w1.centre
    assert again.person(KEYS["father"]).off_map_reason == "excluded"


@pytest.mark.parametrize("damage", [
    lambda d: d.update(format=99),
    lambda d: d.pop("people"),
    lambda d: d["people"][0].update(ring=9),
    lambda d: d["people"].append(dict(d["people"][0])),
    lambda d: d["ties"].append({"a": d["ties"][0]["a"], "b": d["ties"][0]["a"], "closeness": "loose"}),
    lambda d: d["settings"].update(rings=7),
])
def test_damaged_dict_is_refused(damage):
    data = map_to_dict(family_x_wave_1())
    damage(data)
    with pytest.raises(InvalidInput):
        map_from_dict(data)


def test_carried_forward_keeps_keys_and_is_independent():
    w1 = family_x_wave_1()
    w2 = w1.carried_forward()
    assert [p.key for p in w2.people()] == [p.key for p in w1.people()]
    assert w2.centre.key == KEYS["child"]
    w2.remove_person(KEYS["nursery"])
    assert KEYS["nursery"] in w1 and KEYS["nursery"] not in w2


def test_family_x_wave_2_keeps_wave_1_keys():
    w1, w2 = family_x_wave_1(), family_x_wave_2()
    shared = {p.key for p in w1.people()} & {p.key for p in w2.people()}
    assert len(shared) == 8  # all of wave 1 but the nursery teachers
    assert {KEYS["baby_sister"], KEYS["friend_n"], KEYS["school"], KEYS["baby_father"]} <= {
        p.key for p in w2.people()}
    assert w2.person(KEYS["grandmother"]).lives_in_household is False


def test_graphml_graph_has_only_safe_values_and_writes():
    g = graphml_graph(family_x_wave_1())
    values = [*g.graph.values()]
    for _, d in g.nodes(data=True):
        values += d.values()
    for _, _, d in g.edges(data=True):
        values += d.values()
    assert all(type(v) in (str, int, float, bool) for v in values)
    assert g.nodes[KEYS["child"]]["ring"] == 0
    father = g.nodes[KEYS["father"]]
    assert father["on_map"] is False and "ring" not in father and father["off_map_reason"] == "excluded"
    gran = g.nodes[KEYS["grandmother"]]
    assert gran["support"] == "material;practical_children" and gran["support_advice"] is False
    assert gran["relationship_to_respondent"] == "mother"
    assert (g.graph["respondent_key"], g.graph["ties_meaning"]) == (KEYS["mother"], "respondent_view")
    kinds = [d["kind"] for _, _, d in g.edges(data=True)]
    assert kinds.count("to_centre") == 7 and kinds.count("between") == 6
    # A child-centred map: the tie to the centre carries the ring; closeness and contact are
    # the respondent's own, on the node, except for the respondent's own tie to the child.
    assert g.edges[KEYS["child"], KEYS["aunt"]]["closeness"] == ""
    assert g.edges[KEYS["child"], KEYS["aunt"]]["ring"] == 1
    assert g.edges[KEYS["child"], KEYS["mother"]]["closeness"] == "very_close"
    buffer = io.BytesIO()
    nx.write_graphml(g, buffer)
    back = nx.read_graphml(io.BytesIO(buffer.getvalue()))
    assert back.nodes[KEYS["grandmother"]]["ring"] == 1
