"""The network map in the database: each action one commit, keys kept across waves, consent first."""

from __future__ import annotations

import pytest

from fieldwork.demo.network_maps import KEYS, add_network_map_demo, family_x_wave_1
from fieldwork.domain.errors import InvalidInput
from fieldwork.domain.network_map_io import map_to_dict
from fieldwork.storage.consent_store import ConsentRequired
from fieldwork.storage.map_store import (
    StoredMap,
    earlier_map_interview,
    has_map,
    load_map,
)
from fieldwork.storage.study_store import SaveFailed, StudyStore
from tests.conftest import give_consent


@pytest.fixture
def saves(consented_interview):
    store, _key = consented_interview
    heard: list[str] = []
    store.add_save_listener(lambda e: heard.append(e.what) if e.saved else None)
    return heard


@pytest.fixture
def stored(consented_interview) -> StoredMap:
    store, key = consented_interview
    return StoredMap.start(store, key, "Child A", centre_role="child")


def reopened(stored: StoredMap):
    return load_map(stored.store, stored.interview_key)


def test_a_new_map_is_stored_with_its_centre(stored):
    again = reopened(stored)
    assert again.centre == stored.network.centre
    assert again.settings == stored.network.settings
    assert has_map(stored.store, stored.interview_key)


def test_each_action_is_its_own_commit_and_survives_reopening(stored, saves):
    gran = stored.add_person("Gran", "grandparent", ring=1, sector="family_household", angle=90,
                             closeness="very_close", support={"emotional", "practical_children"})
    sw = stored.add_person("Ms B", "social_worker", ring=3, sector="professionals", angle=0)
    stored.move_person(sw.key, 2, "professionals", 10)
    stored.update_person(gran.key, frequency="daily_weekly", lives_in_household=True)
    stored.add_tie(gran.key, sw.key, "difficult")
    assert len(saves) == 5
    assert map_to_dict(reopened(stored)) == map_to_dict(stored.network)
    again = reopened(stored)
    assert again.person(sw.key).ring == 2 and again.person(sw.key).angle == 10
    assert again.person(gran.key).support == {"emotional", "practical_children"}
    assert again.tie(sw.key, gran.key).closeness == "difficult"


def test_people_keep_the_order_they_were_named_in(stored):
    keys = [stored.add_person(f"P{n}", "friend", ring=1, sector="friends_neighbours").key
            for n in range(5)]
    stored.move_person(keys[0], 3, "friends_neighbours", 180)
    assert [p.key for p in reopened(stored).people()] == keys


def test_off_the_map_keeps_the_reason_and_no_ring(stored):
    dad = stored.add_person("Dad", "father", ring=2, sector="family_household")
    stored.put_off_map(dad.key, "excluded", "nowhere on the map")
    again = reopened(stored).person(dad.key)
    assert (again.ring, again.angle, again.off_map_reason, again.off_map_note) == (
        None, None, "excluded", "nowhere on the map")
    row = stored.store.db["map_people"].get((stored.interview_key, dad.key))
    assert row["off_map_reason"] == "excluded" and row["ring"] is None


def test_remove_takes_the_ties_and_restore_brings_them_back(stored):
    a = stored.add_person("A", "friend", ring=1, sector="friends_neighbours")
    b = stored.add_person("B", "friend", ring=2, sector="friends_neighbours")
    stored.add_tie(a.key, b.key, "loose")
    removed = stored.remove_person(a.key)
    assert stored.store.db["map_ties"].count == 0
    assert a.key not in reopened(stored)
    stored.restore_removed(removed)
    again = reopened(stored)
    assert again.person(a.key) == a and again.tie(a.key, b.key).closeness == "loose"


def test_replace_person_is_how_an_undo_puts_a_record_back(stored):
    p = stored.add_person("A", "friend", ring=1, sector="friends_neighbours")
    before = stored.move_person(p.key, 3, "community", 270)
    assert stored.replace_person(before).ring == 3
    assert reopened(stored).person(p.key) == p


def test_remove_tie_and_change_its_closeness(stored):
    a = stored.add_person("A", "friend", ring=1, sector="friends_neighbours")
    b = stored.add_person("B", "friend", ring=2, sector="friends_neighbours")
    stored.add_tie(a.key, b.key, "loose")
    assert stored.change_tie_closeness(a.key, b.key, "difficult").closeness == "loose"
    assert reopened(stored).tie(a.key, b.key).closeness == "difficult"
    stored.remove_tie(b.key, a.key)
    assert reopened(stored).ties() == []


def test_wrong_input_writes_nothing(stored, saves):
    with pytest.raises(InvalidInput):
        stored.add_person("A", "friend", ring=7, sector="friends_neighbours")
    with pytest.raises(InvalidInput):
        stored.add_person("", "friend", ring=1, sector="friends_neighbours")
    assert saves == [] and stored.store.db["map_people"].count == 0


def test_a_failed_write_puts_the_model_back(stored, monkeypatch):
    p = stored.add_person("A", "friend", ring=1, sector="friends_neighbours")

    def broken(what):
        raise SaveFailed(f"Not saved ({what}): disk full.")
    monkeypatch.setattr(stored.store, "edit", broken)
    with pytest.raises(SaveFailed):
        stored.move_person(p.key, 3, "friends_neighbours", 180)
    with pytest.raises(SaveFailed):
        stored.remove_person(p.key)
    with pytest.raises(SaveFailed):
        stored.add_person("B", "friend", ring=1, sector="friends_neighbours")
    assert stored.network.people() == [p]


def test_refused_consent_blocks_every_write(store: StudyStore):
    family = store.add_family()
    interview = store.add_interview(family.key)
    with pytest.raises(ConsentRequired):
        StoredMap.start(store, interview.key, "Ana")
    give_consent(store, interview.key, refuse=("network_map",))
    with pytest.raises(ConsentRequired) as refused:
        StoredMap.start(store, interview.key, "Ana")
    assert "network map" in str(refused.value)
    assert not has_map(store, interview.key)


def test_consent_lost_after_starting_blocks_the_next_action(consented_interview, monkeypatch):
    store, key = consented_interview
    stored = StoredMap.start(store, key, "Ana")
    import fieldwork.storage.map_store as map_store

    def refuse(*_args: object) -> None:
        raise ConsentRequired("Not recorded: consent was withdrawn (network map).")
    monkeypatch.setattr(map_store, "require_consent", refuse)
    with pytest.raises(ConsentRequired):
        stored.add_person("A", "friend", ring=1, sector="friends_neighbours")
    with pytest.raises(ConsentRequired):
        stored.rate_support("low")
    assert stored.network.people() == [] and store.db["map_people"].count == 0


def test_wave_2_starts_from_wave_1_with_the_same_person_keys(consented_interview):
    store, first = consented_interview
    StoredMap.save_new(store, first, family_x_wave_1())
    family_key = store.interview(first).family_key
    second = store.add_interview(family_key).key
    give_consent(store, second)
    assert earlier_map_interview(store, second) == first
    wave_2 = StoredMap.carry_forward(store, second)
    assert [p.key for p in wave_2.network.people()] == [p.key for p in family_x_wave_1().people()]
    wave_2.remove_person(KEYS["social_worker"])
    assert KEYS["social_worker"] in load_map(store, first)
    assert KEYS["social_worker"] not in load_map(store, second)
    assert wave_2.judgements().carried_from == first
    with pytest.raises(InvalidInput):
        StoredMap.carry_forward(store, second)


def test_carry_forward_needs_an_earlier_map(consented_interview):
    store, key = consented_interview
    with pytest.raises(InvalidInput):
        StoredMap.carry_forward(store, key)


def test_the_researchers_rating_and_change_summary_are_kept(stored):
    stored.rate_support("moderate", "fewer ties than she wants")
    stored.confirm_change_summary("major_change", "some_change", "new baby")
    j = stored.judgements()
    assert (j.support_level, j.support_note) == ("moderate", "fewer ties than she wants")
    assert (j.change_summary, j.proposed_change_summary, j.change_summary_note) == (
        "major_change", "some_change", "new baby")
    with pytest.raises(InvalidInput):
        stored.rate_support("excellent")
    with pytest.raises(InvalidInput):
        stored.confirm_change_summary("huge", None)


def test_demo_gives_family_x_both_maps(demo_store):
    if not has_map(demo_store, demo_store.interviews_of(
            next(s.family.key for s in demo_store.family_summaries() if s.family.code == "F001"))[0].key):
        add_network_map_demo(demo_store)
    family = next(s.family for s in demo_store.family_summaries() if s.family.code == "F001")
    first, second = demo_store.interviews_of(family.key)[:2]
    w1, w2 = load_map(demo_store, first.key), load_map(demo_store, second.key)
    assert w1.centre.role == "child" and w1.person(KEYS["father"]).off_map_reason == "excluded"
    assert KEYS["baby_sister"] in w2 and not w2.person(KEYS["social_worker"]).on_map
    assert StoredMap(demo_store, second.key, w2).judgements().change_summary == "major_change"
