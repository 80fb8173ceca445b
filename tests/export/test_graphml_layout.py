"""GraphML for network tools: x/y from ring and angle, and every map in all_maps.graphml.

Read back with networkx, as an analyst (or Gephi, which places nodes by x/y) would.
"""

from __future__ import annotations

import math
from pathlib import Path

import networkx as nx
import pytest

from fieldwork.export.bundle import ExportOptions, write_bundle
from fieldwork.export.network_files import ALL_MAPS_GRAPHML, LAYOUT_SCALE, MAP_PITCH


@pytest.fixture
def bundle(full_demo, tmp_path: Path) -> Path:
    write_bundle(full_demo.db, tmp_path / "bundle")
    return tmp_path / "bundle"


@pytest.fixture
def study_maps(full_demo) -> tuple[int, int]:
    """How many maps the study holds, and how many people they place (centres not counted)."""
    maps = full_demo.db.execute("SELECT count(*) FROM network_maps").fetchone()[0]
    placed = full_demo.db.execute("SELECT count(*) FROM map_people WHERE ring IS NOT NULL").fetchone()[0]
    return maps, placed


def _per_map_files(bundle: Path) -> list[Path]:
    return sorted(p for p in (bundle / "graphml").glob("*.graphml") if p.name != "all_maps.graphml")


def _expected(ring: int, angle: float, rings: int) -> tuple[float, float]:
    # Worked out here from the app's map shape: the centre disc has radius 0.25 of the
    # outer edge, the rings share the rest equally, a person sits mid-band at their angle.
    radius = 0.25 + (ring - 0.5) * (1 - 0.25) / rings
    return (LAYOUT_SCALE * radius * math.cos(math.radians(angle)),
            LAYOUT_SCALE * radius * math.sin(math.radians(angle)))


def test_centre_disc_radius_is_the_one_the_test_assumes() -> None:
    from fieldwork.domain.map_geometry import CENTRE_DISC_RADIUS

    assert CENTRE_DISC_RADIUS == 0.25


def test_every_node_has_x_and_y_from_its_ring_and_angle(bundle: Path, study_maps: tuple[int, int]) -> None:
    files = _per_map_files(bundle)
    assert len(files) == study_maps[0] >= 3
    placed = 0
    for path in files:
        graph = nx.read_graphml(path)
        rings = graph.graph["rings"]
        for node, data in graph.nodes(data=True):
            assert isinstance(data["x"], float) and isinstance(data["y"], float)
            if data["role"] == "centre":
                assert (data["x"], data["y"]) == (0.0, 0.0)
            elif data["on_map"]:
                x, y = _expected(data["ring"], data["angle"], rings)
                assert data["x"] == pytest.approx(x, abs=0.001), node
                assert data["y"] == pytest.approx(y, abs=0.001), node
                placed += 1
            else:  # off the map: outside the outer ring, never on it
                assert math.hypot(data["x"], data["y"]) > LAYOUT_SCALE
    assert placed == study_maps[1] > 0  # every person the study's maps place


def test_all_maps_holds_every_maps_nodes_and_edges(bundle: Path, study_maps: tuple[int, int]) -> None:
    combined = nx.read_graphml(bundle / ALL_MAPS_GRAPHML)
    expected_nodes, expected_edges = set(), 0
    for path in _per_map_files(bundle):
        graph = nx.read_graphml(path)
        interview = graph.graph["interview_key"]
        expected_nodes |= {f"{interview}:{node}" for node in graph.nodes}
        expected_edges += graph.number_of_edges()
        for node, data in graph.nodes(data=True):
            together = combined.nodes[f"{interview}:{node}"]
            assert together["family_code"] == graph.graph["family_code"]
            assert together["wave"] == graph.graph["wave"]
            assert together["person_code"] == data["person_code"]
            assert (together["map_x"], together["map_y"]) == (data["x"], data["y"])
    assert set(combined.nodes) == expected_nodes
    assert combined.number_of_edges() == expected_edges
    assert combined.graph["maps"] == study_maps[0]
    # Each map keeps its shape, moved to its own square of the grid.
    shifts = {(round(d["x"] - d["map_x"], 3), round(d["y"] - d["map_y"], 3))
              for _n, d in combined.nodes(data=True)}
    assert len(shifts) == study_maps[0] and all(dx % MAP_PITCH == 0 for dx, _dy in shifts)


def test_no_names_in_graphml_unless_asked(full_demo, tmp_path: Path) -> None:
    names = set()
    for row in full_demo.db.query("SELECT label FROM map_people UNION SELECT centre_label FROM network_maps"):
        names.add(row["label"])
    write_bundle(full_demo.db, tmp_path / "plain")
    for path in (tmp_path / "plain" / "graphml").glob("*.graphml"):
        graph = nx.read_graphml(path)
        for _n, data in graph.nodes(data=True):
            assert data["label"] == data["person_code"]
            assert "note" not in data and "relationship_text" not in data
    write_bundle(full_demo.db, tmp_path / "named", ExportOptions(include_names=True))
    combined = nx.read_graphml(tmp_path / "named" / ALL_MAPS_GRAPHML)
    assert {d["label"] for _n, d in combined.nodes(data=True)} == names
