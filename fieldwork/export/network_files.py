"""Rows of the network files and each map's GraphML graph, pseudonymised.

Owns turning the stored maps of ``StudyData`` into ``network_members``, ``network_ties``,
``network_summary`` (every metric of ``network_metrics.measure`` beside the researcher's
own rating) and ``network_changes`` (``map_changes.compare_maps`` between a family's maps
at consecutive waves), and ``presented_map`` / ``graphml_for``: a copy of a map whose
labels are person codes (names only when asked) and whose free text is left out unless
asked, for GraphML and for pictures. ``graphml_for`` is the readable definition of a map's
GraphML graph; the export writes the same values from ``graphml_maps.map_graph``, built once
per map without networkx (the tests hold the two together). Qt-free.

GraphML nodes carry ``x`` and ``y`` (the point the app draws for the person's ring and
angle, in ``LAYOUT_SCALE`` units: the outer edge of the outer ring is 100 from the centre)
so Gephi and yEd show the concentric layout; people off the map stand in a column to the
map's right. ``study_graph`` is every map of the study in one graph (node ids prefixed by
the interview key, each map placed in its own square of a grid) for tools that read one
file: the bundle writes it as ``graphml/all_maps.graphml``.
"""

from __future__ import annotations

import math
from collections.abc import Callable, Iterable
from dataclasses import replace
from itertools import pairwise
from operator import itemgetter
from pathlib import Path
from typing import Any

import networkx as nx

from fieldwork.domain.map_changes import compare_maps
from fieldwork.domain.map_geometry import Placement, point_for
from fieldwork.domain.network_codes import SUPPORT
from fieldwork.domain.network_map import NetworkMap
from fieldwork.domain.network_map_io import graphml_graph
from fieldwork.domain.network_metrics import measure
from fieldwork.export.case_files import flag, interview_link
from fieldwork.export.columns import FileSpec
from fieldwork.export.csv_tables import ValueRows
from fieldwork.export.graphml_maps import MapGraph, map_graph
from fieldwork.export.graphml_parts import GraphmlPart, GraphmlStream
from fieldwork.export.network_columns import MEMBERS, TIES
from fieldwork.export.study_reader import Pseudonyms, Row, StudyData

_FREE_TEXT_ATTRIBUTES = ("relationship_text", "note", "off_map_note")
LAYOUT_SCALE = 100.0
"""GraphML x/y units per normalised map unit: the outer ring's edge is 100 from the centre."""
MAP_PITCH = 300.0
"""In ``all_maps.graphml``, the distance between the centres of neighbouring maps."""
ALL_MAPS_GRAPHML = "graphml/all_maps.graphml"


def _value(value: Any) -> Any:
    return "" if value is None else value


def map_interviews(data: StudyData) -> list[str]:
    """Interview keys with a map, in bundle order (family code, wave)."""
    return [i["key"] for i in data.interviews if i["key"] in data.maps]


_MEMBER_VALUES = ("interview_key", "family_key", "family_code", "wave", "person_key", "person_code",
                  "is_centre", "label", "relationship", "relationship_to_respondent", "centre_role", "on_map",
                  "ring", "sector", "angle", "closeness", "frequency", *(f"support_{code}" for code in SUPPORT),
                  "lives_in_household", "is_respondent", "off_map_reason", "relationship_text", "note",
                  "off_map_note")
"""The values ``member_values`` makes for each person, in this order (every column)."""
_TIE_VALUES = ("interview_key", "family_key", "family_code", "wave", "person_a_key", "person_a_code",
               "person_b_key", "person_b_code", "closeness")
"""The values ``tie_values`` makes for each tie, in this order."""


def _columns_of(made: tuple[str, ...], spec: FileSpec, free_text: bool,
                names: bool) -> tuple[tuple[str, ...], Callable[[tuple[Any, ...]], tuple[Any, ...]] | None]:
    """The file's columns for these options, and how to pick them from values made in the
    order ``made`` (None: as made). A column not made is a bug, said by name."""
    columns = tuple(c.name for c in spec.included(free_text, names))
    if columns == made:
        return columns, None
    missing = [name for name in columns if name not in made]
    if missing:
        raise RuntimeError(f"{spec.name}: no values are made for its columns {missing}.")
    return columns, itemgetter(*(made.index(name) for name in columns))


def _linked(link: Row) -> tuple[Any, ...]:
    return link["interview_key"], link["family_key"], link["family_code"], link["wave"]


def member_values(data: StudyData, codes: Pseudonyms, free_text: bool, names: bool) -> ValueRows:
    """network_members.csv: the centre and everyone named on each map, as values in the file's
    column order (``member_rows`` as dicts). Names and free text only when asked."""
    columns, pick = _columns_of(_MEMBER_VALUES, MEMBERS, free_text, names)
    values: list[tuple[Any, ...]] = []
    no_support = ("",) * len(SUPPORT)
    # A study holds a few distinct support sets: each one's columns made once, not per person.
    support_columns: dict[frozenset[str], tuple[Any, ...]] = {frozenset(): no_support}
    person_codes = codes.person
    for key in map_interviews(data):
        link = interview_link(data, key)
        linked = _linked(link)
        network = data.maps[key].network
        family = link["family_key"]
        centre = network.centre
        values.append((*linked, centre.key, person_codes.get((family, centre.key), ""), 1, centre.label, "", "",
                       centre.role, 1, 0, "", "", "", "", *no_support, "", flag(centre.role == "respondent"), "",
                       "", "", ""))
        for p in data.maps[key].people():
            support = support_columns.get(p.support)
            if support is None:
                support = support_columns[p.support] = tuple(flag(code in p.support) for code in SUPPORT)
            values.append((
                *linked, p.key, person_codes.get((family, p.key), ""), 0, p.label, p.relationship,
                _value(p.relationship_to_respondent), "", flag(p.on_map), _value(p.ring), p.sector,
                "" if p.angle is None else round(p.angle, 2), _value(p.closeness), _value(p.frequency),
                *support, flag(p.lives_in_household), flag(p.is_respondent), _value(p.off_map_reason),
                p.relationship_text, p.note, p.off_map_note))
    return ValueRows(columns, values if pick is None else list(map(pick, values)))


def member_rows(data: StudyData, codes: Pseudonyms, free_text: bool, names: bool) -> list[Row]:
    """network_members.csv as a dict per row (``member_values``)."""
    return member_values(data, codes, free_text, names).as_dicts()


def tie_values(data: StudyData, codes: Pseudonyms) -> ValueRows:
    """network_ties.csv: each map's ties between people, the lower person code first, as
    values in the file's column order (``tie_rows`` as dicts)."""
    columns, pick = _columns_of(_TIE_VALUES, TIES, False, False)
    values: list[tuple[Any, ...]] = []
    by_codes = itemgetter(5, 7)  # person_a_code, person_b_code
    person = codes.person
    for key in map_interviews(data):
        link = interview_link(data, key)
        linked = _linked(link)
        family = link["family_key"]
        ties = []
        for a, b, closeness in data.maps[key].ties():
            code_a, code_b = person.get((family, a), ""), person.get((family, b), "")
            if (code_b, b) < (code_a, a):  # undirected: the lower person code first, as an analyst reads it
                a, b, code_a, code_b = b, a, code_b, code_a
            ties.append((*linked, a, code_a, b, code_b, closeness))
        values += sorted(ties, key=by_codes)
    return ValueRows(columns, values if pick is None else list(map(pick, values)))


def tie_rows(data: StudyData, codes: Pseudonyms) -> list[Row]:
    """network_ties.csv as a dict per row (``tie_values``)."""
    return tie_values(data, codes).as_dicts()


def sector_codes(data: StudyData) -> list[str]:
    """Every sector code of the study's maps, the default ones first, in map order."""
    found: list[str] = []
    for stored in data.maps.values():
        for code in stored.network.settings.sector_codes:
            if code not in found:
                found.append(code)
    return found


def summary_rows(data: StudyData, codes: Pseudonyms, graphml_files: dict[str, str],
                 free_text: bool) -> list[Row]:
    sectors = sector_codes(data)
    rows = []
    for key in map_interviews(data):
        stored = data.maps[key]
        network, head = stored.network, stored.head
        link = interview_link(data, key)
        metrics = measure(network, stored.people(), stored.ties()).as_row()
        metrics["suggested_support_level"] = metrics.pop("support_level")
        metrics["suggested_support_reason"] = metrics.pop("support_reason")
        for code in sectors:
            metrics.setdefault(f"sector_{code}", "")
        row: Row = {
            **link, "centre_person_key": network.centre.key,
            "centre_person_code": codes.person_code(link["family_key"], network.centre.key),
            "centre_role": network.centre.role,
            "respondent_person_code": "" if network.respondent is None else codes.person_code(
                link["family_key"], network.respondent.key),
            "ties_meaning": network.ties_meaning, "rings": network.settings.rings,
            "carried_from_interview_key": head["carried_from"] or "",
            **{name: _value(value) for name, value in metrics.items()},
            "researcher_support_level": head["researcher_support_level"] or "",
            "graphml_file": graphml_files.get(key, ""),
        }
        if isinstance(row["professionals_share"], float):
            row["professionals_share"] = round(row["professionals_share"], 4)
        row["density"] = round(row["density"], 4)
        if free_text:
            row["researcher_support_note"] = head["researcher_support_note"] or ""
        rows.append(row)
    return rows


def change_rows(data: StudyData, codes: Pseudonyms, free_text: bool) -> list[Row]:
    """One row per pair of a family's maps at consecutive waves that both have a map."""
    by_family: dict[str, list[str]] = {}
    for key in map_interviews(data):
        by_family.setdefault(data.interview_by_key[key]["family_key"], []).append(key)
    rows = []
    for family, keys in by_family.items():
        for earlier, later in pairwise(keys):
            changes = compare_maps(data.maps[earlier].network, data.maps[later].network)
            counts = changes.as_row()
            head = data.maps[later].head
            family_row = data.family_by_key[family]
            row: Row = {
                "family_key": family, "family_code": family_row["code"],
                "from_interview_key": earlier, "to_interview_key": later,
                "from_wave": data.interview_by_key[earlier]["wave"],
                "to_wave": data.interview_by_key[later]["wave"],
                "centre_changed": flag(counts["centre_changed"]),
                **{name: counts[name] for name in (
                    "added", "newly_named", "removed", "moved_off_map", "moved_ring",
                    "moved_closer", "moved_further", "moved_sector", "closeness_changed",
                    "people_changed")},
                "on_map_earlier": counts["on_map_wave_1"], "on_map_later": counts["on_map_wave_2"],
                "added_person_codes": ";".join(codes.person_code(family, k) for k in changes.added),
                "removed_person_codes": ";".join(codes.person_code(family, k)
                                                 for k in changes.removed),
                "suggested_change_summary": changes.summary,
                "major_reasons": counts["major_reasons"],
                "researcher_change_summary": head["change_summary"] or "",
            }
            if free_text:
                row["change_summary_note"] = head["change_summary_note"] or ""
            rows.append(row)
    return rows


def presented_map(network: NetworkMap, family_key: str, codes: Pseudonyms, free_text: bool,
                  names: bool) -> NetworkMap:
    """A copy of ``network`` fit to leave the office: labels are person codes (names only
    with ``names``), free text only with ``free_text``. Keys, rings and codes unchanged."""
    def label(key: str, name: str) -> str:
        return name if names else codes.person_code(family_key, key) or "P?"

    copy = NetworkMap(label(network.centre.key, network.centre.label),
                      centre_role=network.centre.role, settings=network.settings,
                      centre_key=network.centre.key, ties_meaning=network.ties_meaning)
    graph = network.graph.copy()
    graph.nodes[network.centre.key].clear()
    graph.nodes[network.centre.key]["centre"] = copy.centre
    for p in network.people():
        shown = replace(p, label=label(p.key, p.label))
        if not free_text:
            shown = replace(shown, relationship_text="", note="", off_map_note="")
        graph.nodes[p.key]["person"] = shown
    copy._graph = graph  # noqa: SLF001 - the people were checked when the map was read
    return copy


def graphml_for(data: StudyData, interview_key: str, codes: Pseudonyms, free_text: bool,
                names: bool) -> nx.Graph:
    """The map as a GraphML-ready graph; every node also carries its ``person_code``."""
    link = interview_link(data, interview_key)
    graph = graphml_graph(data.maps[interview_key].network)
    graph.graph.update(interview_key=interview_key, family_key=link["family_key"],
                       family_code=link["family_code"], wave=link["wave"])
    network = data.maps[interview_key].network
    off_map = 0
    for key, attributes in graph.nodes(data=True):
        attributes["person_code"] = codes.person_code(link["family_key"], key)
        if not names:
            attributes["label"] = attributes["person_code"]
        if not free_text:
            for name in _FREE_TEXT_ATTRIBUTES:
                attributes.pop(name, None)
        if attributes.get("on_map"):
            attributes["x"], attributes["y"] = layout_point(network, key)
        else:  # off the map: a column to the right of the outer ring, in the order named
            attributes["x"], attributes["y"] = 1.25 * LAYOUT_SCALE, LAYOUT_SCALE - 15.0 * off_map
            off_map += 1
    return graph


def layout_point(network: NetworkMap, person_key: str) -> tuple[float, float]:
    """The GraphML x/y of someone on the map: where the app draws their ring and angle
    (the middle of the ring's band), scaled by ``LAYOUT_SCALE``; the centre is (0, 0)."""
    if person_key == network.centre.key:
        return 0.0, 0.0
    person = network.person(person_key)
    if person.ring is None or person.angle is None:
        raise ValueError(f"{person_key} is not on the map.")
    x, y = point_for(Placement(person.ring, person.sector, person.angle), network.settings)
    return round(x * LAYOUT_SCALE, 3), round(y * LAYOUT_SCALE, 3)


class StudyGraph:
    """Every map of the study in one graph, for network tools that read one file; filled a
    block of families at a time (``add``) and written as it goes (``GraphmlStream``), so the
    export's memory stays flat however many maps the study has.

    Node ids are ``<interview_key>:<person_key>``; every node also carries the map's
    ``interview_key``, ``family_key``, ``family_code`` and ``wave`` (to filter or
    partition by), its ``person_key`` and what ``graphml_for`` gives it. ``map_x``/``map_y``
    are the place within its own map; ``x``/``y`` put each map in its own square of a grid
    (``MAP_PITCH`` apart, in bundle order), so the maps do not overlap in Gephi. The ties to
    the centre are edges of ``kind`` 'to_centre', as in the per-map files. With no ``path``
    the graph is kept in memory instead (``graph``), for a study read whole. A block of the
    export writes its maps to a ``GraphmlPart`` instead (``part``), its first map being map
    number ``first`` of the study, and the parts are joined when every block is written.
    """

    def __init__(self, maps: int, study_name: str, path: Path | None = None, *,
                 part: GraphmlPart | None = None, first: int = 0) -> None:
        self.columns = max(1, math.ceil(math.sqrt(maps)))
        self.about = {"maps": maps, "study": study_name, "layout_scale": LAYOUT_SCALE, "map_pitch": MAP_PITCH}
        self.graph = nx.Graph(**self.about)
        self.stream: GraphmlStream | GraphmlPart | None = (
            part if part is not None else GraphmlStream(path) if path is not None else None)
        self.first = first
        self.added = 0

    def _node(self, node: str, attributes: dict[str, Any]) -> None:
        if self.stream is not None:
            self.stream.add_node(node, attributes)
        else:
            self.graph.add_node(node, **attributes)

    def _edge(self, a: str, b: str, attributes: dict[str, Any]) -> None:
        if self.stream is not None:
            self.stream.add_edge(a, b, attributes)
        else:
            self.graph.add_edge(a, b, **attributes)

    def add(self, data: StudyData, keys: Iterable[str], codes: Pseudonyms, free_text: bool,
            names: bool) -> None:
        for key in keys:
            self.add_map(key, map_graph(data, key, codes, free_text, names))

    def add_map(self, key: str, graph: MapGraph) -> None:
        """Add one map (``graphml_maps.map_graph``, as the map's own file is written from)."""
        place = self.first + self.added
        shift_x = (place % self.columns) * MAP_PITCH
        shift_y = -(place // self.columns) * MAP_PITCH
        self.added += 1
        about_map = {name: graph.graph[name] for name in (
            "interview_key", "family_key", "family_code", "wave", "centre_role", "ties_meaning")}
        for person, attributes in graph.nodes:
            self._node(f"{key}:{person}", {**about_map, "person_key": person, **attributes,
                                           "map_x": attributes["x"], "map_y": attributes["y"],
                                           "x": round(attributes["x"] + shift_x, 3),
                                           "y": round(attributes["y"] + shift_y, 3)})
        for a, b, attributes in graph.edges:
            self._edge(f"{key}:{a}", f"{key}:{b}", {"interview_key": key, **attributes})

    def close(self) -> None:
        """Finish the file: the graph's own data says how many maps it holds."""
        if isinstance(self.stream, GraphmlStream):
            self.stream.close({**self.about, "maps": self.added})


def study_graph(data: StudyData, codes: Pseudonyms, free_text: bool, names: bool) -> nx.Graph:
    """Every map of ``data`` in one graph (see ``StudyGraph``)."""
    keys = map_interviews(data)
    combined = StudyGraph(len(keys), str(data.study.get("name", "")))
    combined.add(data, keys, codes, free_text, names)
    return combined.graph
