"""Ring and sector from a drop point, at boundaries and at any map size, and back again."""

from __future__ import annotations

import math

import pytest
from hypothesis import given
from hypothesis import strategies as st

from fieldwork.domain.errors import InvalidInput
from fieldwork.domain.map_geometry import (
    CENTRE_DISC_RADIUS,
    MapSettings,
    Placement,
    angle_of,
    from_scene,
    placement_at,
    point_for,
    ring_at,
    ring_band,
    sector_boundary_angles,
    to_scene,
)

S3 = MapSettings()  # 3 rings; centre disc 0.25, so ring lines at 0.5, 0.75, 1.0
S5 = MapSettings(rings=5)


def polar(r: float, degrees: float) -> tuple[float, float]:
    a = math.radians(degrees)
    return r * math.cos(a), r * math.sin(a)


def test_ring_bands_are_equal_outside_the_centre_disc():
    assert CENTRE_DISC_RADIUS == 0.25
    assert [ring_band(r, S3) for r in (1, 2, 3)] == [(0.25, 0.5), (0.5, 0.75), (0.75, 1.0)]
    assert ring_band(5, S5) == pytest.approx((0.85, 1.0))
    with pytest.raises(InvalidInput):
        ring_band(4, S3)


@pytest.mark.parametrize("radius, ring", [
    (0.0, 1), (0.1, 1), (0.25, 1),          # centre disc → ring 1
    (0.2500001, 1), (0.4999, 1),
    (0.5, 1),                              # on the line between 1 and 2 → inner ring
    (0.5000001, 2), (0.75, 2), (0.7500001, 3),
    (1.0, 3), (1.2, 3), (50.0, 3),         # outside the outer ring → outer ring
])
def test_ring_at_boundaries_belongs_to_the_inner_ring(radius, ring):
    assert ring_at(radius, S3) == ring


def test_ring_line_reached_through_floating_point_is_still_inner():
    for degrees in (33.0, 135.0, 201.0, 317.0):
        x, y = polar(0.75, degrees)  # cos/sin rounding may land a hair outside the line
        assert placement_at(x, y, S3).ring == 2
        x, y = polar(0.85, degrees)  # S5: the line between rings 4 and 5 is 0.25 + 4 * 0.15
        assert placement_at(x, y, S5).ring == 4


def test_angles_are_maths_convention():
    assert angle_of(1, 0) == 0.0
    assert angle_of(0, 1) == 90.0
    assert angle_of(-1, 0) == 180.0
    assert angle_of(0, -1) == 270.0
    assert angle_of(0, 0) == 0.0
    assert 0.0 <= angle_of(1, -1e-300) < 360.0


@pytest.mark.parametrize("degrees, sector", [
    (45.0, "family_household"),      # start line belongs to the sector that starts there
    (90.0, "family_household"),
    (134.999, "family_household"),
    (135.0, "friends_neighbours"),
    (225.0, "community"),
    (314.999, "community"),
    (315.0, "professionals"),
    (0.0, "professionals"),           # professionals' wedge crosses 0°
    (44.999, "professionals"),
])
def test_sector_at_boundaries_belongs_to_the_sector_starting_there(degrees, sector):
    assert S3.sector_at(degrees) == sector
    x, y = polar(0.6, degrees)
    assert placement_at(x, y, S3).sector == sector


def test_sector_line_reached_through_floating_point_is_still_the_starting_sector():
    x, y = polar(0.6, 135.0)  # cos/sin of 135° are not exact
    assert placement_at(x, y, S3).sector == "friends_neighbours"
    x, y = polar(0.6, 45.0)
    assert placement_at(x, y, S3).sector == "family_household"


def test_unequal_sectors_and_start_angle():
    s = MapSettings.with_equal_sectors({"a": "A", "b": "B", "c": "C"}, start_angle=-30)
    assert s.start_angle == 330.0
    assert [s.sector_at(d) for d in (330, 0, 89.9, 90, 209.9, 210, 329.9)] == \
        ["a", "a", "a", "b", "b", "c", "c"]
    assert sector_boundary_angles(s) == pytest.approx([330.0, 90.0, 210.0])
    assert sector_boundary_angles(MapSettings.with_equal_sectors({"all": "All"})) == []


def test_placement_at_example_drops():
    assert placement_at(0.0, 0.3, S3) == Placement(1, "family_household", 90.0)
    assert placement_at(-0.6, 0.0, S3) == Placement(2, "friends_neighbours", 180.0)
    assert placement_at(0.0, -2.0, S3) == Placement(3, "community", 270.0)
    assert placement_at(0.0, 0.0, S3) == Placement(1, "professionals", 0.0)
    with pytest.raises(InvalidInput):
        placement_at(float("nan"), 0.0, S3)


def test_point_for_is_the_middle_of_the_band():
    assert point_for(Placement(1, "family_household", 90.0), S3) == pytest.approx((0.0, 0.375))
    assert point_for(Placement(3, "community", 270.0), S3) == pytest.approx((0.0, -0.875))
    assert point_for(Placement(2, "friends_neighbours", 180.0), S3) == pytest.approx((-0.625, 0.0))


@pytest.mark.parametrize("settings", [S3, S5, MapSettings(rings=2)])
@pytest.mark.parametrize("ring", [1, 2, 3, 4, 5])
@pytest.mark.parametrize("degrees", [0.0, 44.9, 45.0, 100.0, 135.0, 200.0, 300.0, 359.9])
def test_placement_to_point_to_placement_is_identity(settings, ring, degrees):
    if ring > settings.rings:
        return
    placement = Placement(ring, settings.sector_at(degrees), degrees)
    got = placement_at(*point_for(placement, settings), settings)
    assert (got.ring, got.sector) == (placement.ring, placement.sector)
    assert got.angle == pytest.approx(degrees)


@pytest.mark.parametrize("centre, outer_radius", [
    ((0.0, 0.0), 1.0), ((400.0, 300.0), 280.0), ((1920.0, 1080.0), 1000.0), ((50.0, 40.0), 35.5),
])
def test_round_trip_through_scenes_of_different_sizes(centre, outer_radius):
    # A drop at a scene point → data → redrawn on a map of another size → same data.
    sx, sy = centre[0] + 0.3 * outer_radius, centre[1] - 0.45 * outer_radius  # up-right
    placement = placement_at(*from_scene(sx, sy, centre, outer_radius), S3)
    assert placement.ring == 2 and placement.sector == "family_household"
    assert placement.angle == pytest.approx(math.degrees(math.atan2(0.45, 0.3)))
    for other_centre, other_radius in [((0, 0), 10.0), ((800, 600), 590.0)]:
        redrawn = to_scene(*point_for(placement, S3), other_centre, other_radius)
        again = placement_at(*from_scene(*redrawn, other_centre, other_radius), S3)
        assert (again.ring, again.sector) == (2, "family_household")
        assert again.angle == pytest.approx(placement.angle)
        assert math.dist(redrawn, other_centre) == pytest.approx(0.625 * other_radius)


def test_scene_y_axis_points_down():
    assert from_scene(100, 0, (100, 100), 100) == (0.0, 1.0)  # above the centre on screen
    assert to_scene(0.0, 1.0, (100, 100), 100) == (100.0, 0.0)
    with pytest.raises(InvalidInput):
        from_scene(0, 0, (0, 0), 0)


@given(st.floats(-3, 3, allow_nan=False), st.floats(-3, 3, allow_nan=False),
       st.sampled_from([S3, S5, MapSettings(rings=4, start_angle=10)]))
def test_drop_then_redraw_keeps_ring_sector_and_angle(x, y, settings):
    first = placement_at(x, y, settings)
    assert 1 <= first.ring <= settings.rings and 0.0 <= first.angle < 360.0
    second = placement_at(*point_for(first, settings), settings)
    assert (second.ring, second.sector) == (first.ring, first.sector)
    assert second.angle == pytest.approx(first.angle, abs=1e-9) or \
        abs(second.angle - first.angle) == pytest.approx(360.0, abs=1e-9)
