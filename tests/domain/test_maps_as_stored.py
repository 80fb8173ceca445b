"""Maps read back as stored (the export's fast path) are the maps the checked path builds."""

from __future__ import annotations

import inspect
from dataclasses import fields

import pytest

from fieldwork.domain.errors import InvalidInput
from fieldwork.domain.map_people import Person, stored_person
from fieldwork.domain.network_map import NetworkMap

C, A, B, K, P1 = (f"00000000-0000-4000-8000-00000000000{n}" for n in range(5))
FIELDS = dict(key=P1, label="Aunt Zoë", relationship="aunt_uncle", sector="family_household", ring=2,
              angle=100.5, relationship_text="", closeness="very_close", frequency="daily_weekly",
              support=frozenset({"emotional"}), lives_in_household=False, note="", off_map_reason=None,
              off_map_note="", is_respondent=False, relationship_to_respondent=None)


def test_a_stored_person_is_the_person_made_the_usual_way() -> None:
    made = stored_person(**FIELDS)
    assert made == Person(**FIELDS) and hash(made) == hash(Person(**FIELDS))
    assert made.on_map and made.placement is not None
    with pytest.raises(AttributeError):
        made.label = "changed"  # still frozen


def test_a_stored_person_needs_every_field() -> None:
    fields = {k: v for k, v in FIELDS.items() if k != "note"}
    with pytest.raises(TypeError, match="note"):
        stored_person(**fields)
    with pytest.raises(TypeError, match="nickname"):
        stored_person(**FIELDS, nickname="Zo")


def test_a_stored_person_takes_the_fields_of_person_in_their_order() -> None:
    """By position too (the store passes them so): a field added to Person fails here."""
    assert list(inspect.signature(stored_person).parameters) == [f.name for f in fields(Person)]
    made = stored_person(*FIELDS.values())
    assert made == Person(*FIELDS.values()) and vars(made) == vars(Person(**FIELDS))


def _checked_and_stored() -> tuple[NetworkMap, NetworkMap]:
    checked = NetworkMap("Mother", centre_key=C)
    a = checked.add_person("Aunt", "aunt_uncle", ring=1, sector="family_household", key=A)
    b = checked.add_person("Friend", "friend", ring=2, sector="friends_neighbours", key=B)
    c = checked.add_person("Teacher", "teacher_nursery", sector="community", off_map_reason="no_contact", key=K)
    checked.add_tie(B, A, "difficult")
    checked.add_tie(A, K, "loose")
    stored = NetworkMap("Mother", centre_key=C)
    stored.fill_as_stored([a, b, c], [(t.a, t.b, t.closeness) for t in checked.ties()])
    return checked, stored


def test_a_map_filled_as_stored_is_the_map_built_person_by_person() -> None:
    checked, stored = _checked_and_stored()
    assert stored.people() == checked.people()
    assert stored.ties() == checked.ties()
    assert stored.tie(A, B).closeness == "difficult"
    assert list(stored.graph.edges(data=True)) == list(checked.graph.edges(data=True))
    assert len(stored) == 3 and K in stored and stored.respondent == stored.centre


def test_filling_as_stored_refuses_a_tie_to_someone_not_on_the_map() -> None:
    empty = NetworkMap("Mother", centre_key=C)
    person = stored_person(**FIELDS)
    with pytest.raises(InvalidInput, match="not on the map"):
        empty.fill_as_stored([person], [(P1, "nobody", "loose")])
    _checked, filled = _checked_and_stored()
    with pytest.raises(InvalidInput, match="new map only"):
        filled.fill_as_stored([], [])


def test_tie_ends_are_the_graphs_edges_in_its_own_order() -> None:
    """``tie_ends`` walks the graph itself (an export counts every map's ties): the same
    (a, b, closeness) in the order networkx's edge view gives, after a person is removed too."""
    checked, stored = _checked_and_stored()
    for network in (checked, stored):
        assert network.tie_ends() == list(network.graph.edges(data="closeness"))
        assert {frozenset((a, b)) for a, b, _c in network.tie_ends()} == {
            frozenset((t.a, t.b)) for t in network.ties()}
    checked.add_tie(B, K, "very_close")
    checked.remove_person(A)
    assert checked.tie_ends() == list(checked.graph.edges(data="closeness")) == [(B, K, "very_close")]
