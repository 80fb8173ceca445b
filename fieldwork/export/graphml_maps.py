"""Each map's GraphML content as plain values: the graph's data, the nodes and the edges.

Owns ``MapGraph`` and ``map_graph``: what ``network_files.graphml_for`` puts in a networkx
graph (``network_map_io.graphml_graph``, then person codes, pseudonymised labels, free text
left out, x/y), built with dicts and lists instead, in the order networkx would give it
back (nodes as added; edges as ``Graph.edges`` walks its adjacency, each from the node met
first). Building a networkx graph per map, only to read it back for the GraphML file and
again for ``all_maps.graphml``, took a third of a 1,000-interview export; the export now
builds this once per map and writes both files from it. ``graphml_for`` stays the
readable definition: the tests check that both give the same nodes, edges and order.
Qt-free.
"""

from __future__ import annotations

import math
from dataclasses import dataclass
from typing import Any

from fieldwork.domain.map_geometry import MapSettings, ring_band
from fieldwork.domain.map_people import Person
from fieldwork.domain.network_codes import UNSTATED
from fieldwork.domain.network_map import NetworkMap
from fieldwork.domain.network_map_io import person_attributes
from fieldwork.export.case_files import interview_link
from fieldwork.export.study_reader import Pseudonyms, StudyData, tie_triples

LAYOUT_SCALE = 100.0
"""GraphML x/y units per normalised map unit (``network_files.LAYOUT_SCALE``)."""
OFF_MAP_X, OFF_MAP_TOP, OFF_MAP_STEP = 1.25 * LAYOUT_SCALE, LAYOUT_SCALE, 15.0
"""People off the map stand in a column right of the outer ring, in the order named."""
_FREE_TEXT_ATTRIBUTES = ("relationship_text", "note", "off_map_note")

Attributes = dict[str, Any]


@dataclass
class MapGraph:
    """One map for GraphML: graph data, (node id, data) and (source, target, data)."""

    graph: Attributes
    nodes: list[tuple[str, Attributes]]
    edges: list[tuple[str, str, Attributes]]


class _Graph:
    """Just enough of ``networkx.Graph`` (add_node, add_edge, the edge walk) to give the same
    order and the same shared edge data as the graph ``graphml_graph`` builds."""

    def __init__(self) -> None:
        self.nodes: dict[str, Attributes] = {}
        self.adj: dict[str, dict[str, Attributes]] = {}

    def add_node(self, key: str, attributes: Attributes) -> None:
        if key in self.nodes:
            self.nodes[key].update(attributes)
        else:
            self.nodes[key] = attributes
            self.adj[key] = {}

    def add_edge(self, a: str, b: str, attributes: Attributes) -> None:
        for end in (a, b):
            if end not in self.nodes:
                self.nodes[end] = {}
                self.adj[end] = {}
        data = self.adj[a].get(b, {})
        data.update(attributes)
        self.adj[a][b] = self.adj[b][a] = data

    def edges(self) -> list[tuple[str, str, Attributes]]:
        out = []
        seen: set[str] = set()
        for node, neighbours in self.adj.items():
            for other, data in neighbours.items():
                if other not in seen:
                    out.append((node, other, data))
            seen.add(node)
        return out


def map_about(network: NetworkMap, link: Attributes) -> Attributes:
    """A map's own GraphML data: its centre, who answers, what the values mean, its rings and
    sectors, and ``link`` (the interview's keys and codes, ``case_files.interview_link``)."""
    settings, centre, respondent = network.settings, network.centre, network.respondent
    return {"centre_key": centre.key, "centre_role": centre.role,
            "respondent_key": respondent.key if respondent is not None else "",
            "ties_meaning": network.ties_meaning, "rings": settings.rings,
            "sectors": ";".join(settings.sector_codes), **link}


class MapPlaces:
    """Each person's x/y in a map's GraphML: on the map, the middle of their ring's band at
    their angle (as ``map_geometry.point_for`` takes it), ``LAYOUT_SCALE`` units to one; off
    the map, a column right of the outer ring in the order they come (``point`` is asked for
    each person in map order)."""

    def __init__(self, settings: MapSettings) -> None:
        self.settings = settings
        self._radius: dict[int, float] = {}
        self._off_map = 0

    def point(self, person: Person) -> tuple[float, float]:
        if not person.on_map:
            self._off_map += 1
            return OFF_MAP_X, OFF_MAP_TOP - OFF_MAP_STEP * (self._off_map - 1)
        if person.ring is None or person.angle is None:
            raise ValueError(f"{person.key} is not on the map.")
        r = self._radius.get(person.ring)
        if r is None:
            inner, outer = ring_band(person.ring, self.settings)
            r = self._radius[person.ring] = (inner + outer) / 2.0
        a = math.radians(person.angle)
        return round(r * math.cos(a) * LAYOUT_SCALE, 3), round(r * math.sin(a) * LAYOUT_SCALE, 3)


def map_graph(data: StudyData, interview_key: str, codes: Pseudonyms, free_text: bool,
              names: bool) -> MapGraph:
    """The map of ``interview_key`` as ``network_files.graphml_for`` gives it, as plain values."""
    network = data.maps[interview_key].network
    link = interview_link(data, interview_key)
    family = link["family_key"]
    centre = network.centre
    about = map_about(network, link)
    g = _Graph()
    g.add_node(centre.key, {"label": centre.label, "role": "centre", "on_map": True, "ring": 0,
                            "is_respondent": centre.role == "respondent"})
    tie_is_to_centre = centre.role == "respondent" or network.ties_meaning == UNSTATED
    people = network.people()
    for p in people:
        g.add_node(p.key, person_attributes(p))
        if p.on_map:
            to_centre = tie_is_to_centre or p.is_respondent
            g.add_edge(centre.key, p.key, {"kind": "to_centre", "ring": int(p.ring or 0),
                                           "closeness": (p.closeness or "") if to_centre else "",
                                           "frequency": (p.frequency or "") if to_centre else ""})
    for a, b, closeness in tie_triples(network):
        g.add_edge(a, b, {"kind": "between", "closeness": closeness, "frequency": ""})
    by_key = {p.key: p for p in people}
    places = MapPlaces(network.settings)
    person_codes = codes.person
    for key, attributes in g.nodes.items():
        code = attributes["person_code"] = person_codes.get((family, key), "")
        if not names:
            attributes["label"] = code
        if not free_text:
            for name in _FREE_TEXT_ATTRIBUTES:
                attributes.pop(name, None)
        if key == centre.key:
            attributes["x"], attributes["y"] = 0.0, 0.0
            continue
        person = by_key.get(key)
        if person is None:
            network.person(key)  # not a person: its own error, as network_files.layout_point
        attributes["x"], attributes["y"] = places.point(person)
    return MapGraph(about, list(g.nodes.items()), g.edges())
