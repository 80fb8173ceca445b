"""Comparing wave-1 and wave-2 maps by person key, and the proposed change summary."""

from __future__ import annotations

import pytest

from fieldwork.domain.map_changes import Move, compare_maps
from fieldwork.domain.network_map import NetworkMap
from tests.domain.family_x_maps import KEYS, family_x_wave_1, family_x_wave_2


def test_family_x_between_waves_is_a_major_change():
    changes = compare_maps(family_x_wave_1(), family_x_wave_2())
    assert not changes.centre_changed
    # Appendix 6: school instead of nursery, a baby daughter, friend N; the social worker
    # kept off the map once children's services were no longer involved.
    assert changes.added == (KEYS["school"], KEYS["baby_sister"], KEYS["friend_n"])
    assert changes.newly_named == changes.added
    assert changes.removed == (KEYS["nursery"], KEYS["social_worker"])
    assert changes.moved_off_map == (KEYS["social_worker"],)
    assert changes.ring_moves == () and changes.sector_moves == () and changes.closeness_changes == ()
    assert len(changes.people_changed) == 5
    assert changes.summary == "major_change"
    assert changes.major_reasons == ("ring_1_gained_or_lost", "many_people_changed")
    row = changes.as_row()
    assert (row["added"], row["removed"], row["people_changed"]) == (3, 2, 5)
    assert (row["on_map_wave_1"], row["on_map_wave_2"]) == (7, 8)
    assert row["change_summary"] == "major_change"


def test_same_map_is_no_change():
    w1 = family_x_wave_1()
    changes = compare_maps(w1, w1.carried_forward())
    assert changes.summary == "no_change" and changes.people_changed == frozenset()
    assert changes.major_reasons == ()


def test_detail_changes_alone_are_no_change():
    w1 = family_x_wave_1()
    w2 = w1.carried_forward()
    w2.update_person(KEYS["aunt"], note="moved nearby", support={"practical_children"})
    w2.change_tie_closeness(KEYS["mother"], KEYS["aunt"], "loose")
    assert compare_maps(w1, w2).summary == "no_change"


def test_moves_and_closeness_changes_are_some_change():
    w1 = family_x_wave_1()
    w2 = w1.carried_forward()
    w2.move_person(KEYS["aunt"], 2, "family_household", 110)
    w2.update_person(KEYS["great_aunt"], closeness="moderately_close")
    changes = compare_maps(w1, w2)
    assert changes.ring_moves == (Move(KEYS["aunt"], 1, 2),)
    assert changes.closeness_changes == (Move(KEYS["great_aunt"], "loose", "moderately_close"),)
    assert changes.sector_moves == ()
    assert changes.as_row()["moved_further"] == 1 and changes.as_row()["moved_closer"] == 0
    assert changes.summary == "some_change"
    w2.move_person(KEYS["nursery"], 2, "friends_neighbours", 200)
    changes = compare_maps(w1, w2)
    assert changes.sector_moves == (Move(KEYS["nursery"], "community", "friends_neighbours"),)
    # three people changed out of seven: at least three and at least a quarter
    assert changes.summary == "major_change"
    assert changes.major_reasons == ("many_people_changed",)


def test_moved_off_map_counts_as_removed():
    w1 = family_x_wave_1()
    w2 = w1.carried_forward()
    w2.put_off_map(KEYS["cousins"], "no_contact")
    changes = compare_maps(w1, w2)
    assert changes.removed == changes.moved_off_map == (KEYS["cousins"],)
    assert changes.summary == "some_change"
    w3 = w2.carried_forward()
    w3.put_on_map(KEYS["cousins"], 3, "family_household")
    back = compare_maps(w2, w3)
    assert back.added == (KEYS["cousins"],) and back.newly_named == ()


def test_losing_someone_from_ring_1_is_major():
    w1 = family_x_wave_1()
    w2 = w1.carried_forward()
    w2.put_off_map(KEYS["grandmother"], "deceased")
    changes = compare_maps(w1, w2)
    assert changes.summary == "major_change"
    assert changes.major_reasons == ("ring_1_gained_or_lost",)


def test_a_different_centre_is_major():
    a, b = NetworkMap("Child"), NetworkMap("Child")
    changes = compare_maps(a, b)
    assert changes.centre_changed and changes.summary == "major_change"


@pytest.mark.parametrize("size, changed, summary", [
    (12, 2, "some_change"), (12, 3, "major_change"), (20, 4, "some_change"), (20, 5, "major_change"),
])
def test_share_threshold_on_larger_maps(size, changed, summary):
    w1 = NetworkMap("Ana")
    keys = [w1.add_person(f"P{i}", "friend", ring=2, sector="friends_neighbours").key
            for i in range(size)]
    w2 = w1.carried_forward()
    for key in keys[:changed]:
        w2.move_person(key, 3, "friends_neighbours", 180)
    assert compare_maps(w1, w2).summary == summary
