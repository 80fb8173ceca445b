"""Where the names go on a map (Qt-free): no two overlap, none covers a sector title."""

from __future__ import annotations

import math

import pytest

from fieldwork.domain.map_geometry import point_for
from fieldwork.domain.map_look import (
    TIE_STYLES,
    LabelRequest,
    Rect,
    overlapping,
    place_labels,
    sector_colour,
)
from fieldwork.domain.network_map import NetworkMap
from tests.domain.crowded_maps import forty_person_map
from tests.domain.family_x_maps import family_x_wave_1, family_x_wave_2

CHAR, LINE = 0.018, 0.045  # a rough text measure in map units, as a caller would measure it


def title_rects(network: NetworkMap) -> list[Rect]:
    """Sector titles just outside the outer ring, as the screen and the picture put them."""
    rects = []
    for code in network.settings.sector_codes:
        a = math.radians(network.settings.middle_angle(code))
        w, h = min(len(network.settings.sector(code).label), 22) * CHAR, 2 * LINE
        x, y = 1.04 * math.cos(a), 1.04 * math.sin(a)
        x += w / 2 * (1 if math.cos(a) > 0.3 else -1 if math.cos(a) < -0.3 else 0)
        y += h / 2 * (1 if math.sin(a) > 0.3 else -1 if math.sin(a) < -0.3 else 0)
        rects.append(Rect(x - w / 2, y - h / 2, x + w / 2, y + h / 2))
    return rects


def requests(network: NetworkMap, scale: float = 1.0) -> list[LabelRequest]:
    return [LabelRequest(p.key, *point_for(p.placement, network.settings),
                         min(len(p.label), 18) * CHAR * scale, LINE * scale * (2 if len(p.label) > 18 else 1))
            for p in network.people_on_map()]


MAPS = {"family X wave 1": family_x_wave_1, "family X wave 2": family_x_wave_2,
        "forty people": forty_person_map}


@pytest.mark.parametrize("scale", [1.0, 1.6])  # two window sizes: the same text, a smaller map
@pytest.mark.parametrize("name", list(MAPS))
def test_no_two_names_overlap_and_none_covers_a_sector_title(name, scale):
    network = MAPS[name]()
    titles = title_rects(network)
    placed = place_labels(requests(network, scale), obstacles=titles)
    rects = [p.rect for p in placed.values()]
    assert len(rects) == len(network.people_on_map())
    assert overlapping(rects) == []
    assert not [(p.key, t) for p in placed.values() for t in titles if p.rect.intersects(t)]


def test_the_family_x_names_that_overlapped_are_now_apart():
    """Aunt, Grandmother, Cousins and Great-aunt sit close in ring 1 and 2 of Family X."""
    network = family_x_wave_1()
    wanted = {p.key for p in network.people_on_map()
              if p.label in {"Aunt", "Grandmother", "Cousins", "Great-aunt"}}
    placed = place_labels(requests(network))
    assert len(wanted) == 4
    assert overlapping([placed[k].rect for k in wanted]) == []


def test_a_lonely_name_sits_beside_its_dot_without_a_leader():
    placed = place_labels([LabelRequest("a", 0.6, 0.0, 0.2, 0.05)])["a"]
    assert not placed.leader
    assert placed.rect.left > 0.6  # straight out from the centre: to the right
    assert placed.rect.distance_to(0.6, 0.0) < 0.06


def test_names_on_one_spot_are_moved_apart_with_a_leader_line():
    same = [LabelRequest(k, 0.5, 0.5, 0.25, 0.05) for k in "abcdefghijkl"]
    placed = place_labels(same)
    assert overlapping([p.rect for p in placed.values()]) == []
    assert any(p.leader for p in placed.values())
    for p in placed.values():  # a name away from its dot always has its line back to it
        assert p.leader or p.rect.distance_to(0.5, 0.5) < 0.1


def test_a_name_is_moved_off_a_sector_title_with_a_leader():
    title = Rect(0.95, -0.05, 1.3, 0.05)  # "Professionals", right of the circle
    placed = place_labels([LabelRequest("sw", 0.9, 0.0, 0.3, 0.05)], obstacles=[title])["sw"]
    assert not placed.rect.intersects(title)


def test_labels_stay_inside_the_bounds_when_there_is_room():
    bounds = Rect(-1.0, -1.0, 1.0, 1.0)
    placed = place_labels([LabelRequest("edge", 0.95, 0.0, 0.3, 0.05)], bounds=bounds)["edge"]
    assert placed.rect.inside(bounds)


def test_rectangles_that_only_touch_do_not_count_as_overlapping():
    assert not Rect(0, 0, 1, 1).intersects(Rect(1, 0, 2, 1))
    assert Rect(0, 0, 1, 1).intersects(Rect(0.99, 0.99, 2, 2))


def test_the_shared_look_has_a_style_for_every_kind_of_tie_and_repeating_colours():
    assert set(TIE_STYLES) >= {"very_close", "moderately_close", "loose", "difficult", None}
    assert sector_colour(0) == sector_colour(6)
