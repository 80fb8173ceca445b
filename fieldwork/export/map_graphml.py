"""Each map's GraphML file and its nodes and edges in all_maps.graphml, written straight from
the map: the export's fast path.

Owns ``MapGraphml``: for one block of families, every map's own file and the block's part of
``all_maps.graphml`` (a ``GraphmlPart``). It writes what ``graphml_maps.map_graph`` gives
(``network_files.graphml_for`` is the readable definition) and what
``network_files.StudyGraph.add_map`` adds for all_maps, byte for byte (the tests compare),
but without the dicts between: a person's values are picked once into a tuple, in the
order of ``network_map_io.person_attributes``, and both files' elements are formatted from
it by templates made once per shape (``graphml_writer``). Building a dict per node three
times over took half of a 1,000-interview export. Qt-free.
"""

from __future__ import annotations

import hashlib
import math
from collections.abc import Callable
from operator import itemgetter
from pathlib import Path
from typing import Any

from fieldwork.domain.map_geometry import ring_band
from fieldwork.domain.map_people import Person
from fieldwork.domain.network_codes import UNSTATED
from fieldwork.domain.network_map_io import person_attributes
from fieldwork.export.case_files import interview_link
from fieldwork.export.graphml_maps import (
    _FREE_TEXT_ATTRIBUTES,
    LAYOUT_SCALE,
    OFF_MAP_STEP,
    OFF_MAP_TOP,
    OFF_MAP_X,
    tie_triples,
)
from fieldwork.export.graphml_writer import _HEADER, _TYPES, GraphmlPart, _attribute, _Keys, _text
from fieldwork.export.network_files import MAP_PITCH
from fieldwork.export.study_reader import Pseudonyms, StudyData

_CENTRE_NAMES = ("label", "role", "on_map", "ring", "is_respondent", "person_code", "x", "y")
_ABOUT_MAP = ("interview_key", "family_key", "family_code", "wave", "centre_role", "ties_meaning")
_TO_CENTRE = ("kind", "ring", "closeness", "frequency")
_BETWEEN = ("kind", "closeness", "frequency")
_ALL_MAPS_NODE = (*_ABOUT_MAP, "person_key")
_NODE_HEAD = "    <node id=%s>\n"
_EDGE_HEAD = "    <edge source=%s target=%s>\n"

Values = tuple[Any, ...]


class _PersonValues:
    """A person's node values in ``person_attributes`` order, free text left out when asked,
    then person_code, x and y (the order ``map_graph`` gives them); one picker per shape."""

    def __init__(self, free_text: bool) -> None:
        self.free_text = free_text
        self._pickers: dict[tuple[str, ...], tuple[tuple[str, ...], Callable[[dict], Values]]] = {}

    def names_and_values(self, person: Person) -> tuple[tuple[str, ...], Values]:
        attributes = person_attributes(person)
        names = tuple(attributes)
        found = self._pickers.get(names)
        if found is None:
            kept = names if self.free_text else tuple(n for n in names if n not in _FREE_TEXT_ATTRIBUTES)
            found = self._pickers[names] = ((*kept, "person_code", "x", "y"), itemgetter(*kept))
        return found[0], found[1](attributes)


def _template(scope: str, head: str, ids: tuple[str, ...]) -> str:
    """An element's %-template: its ends (ids), then each value already shown as text."""
    lines = "".join(f'      <data key="{key_id}">%s</data>\n' for key_id in ids)
    return f"{head}{lines}    </{scope}>\n"


class _Forms:
    """The templates of one file, by shape: the file's keys are declared (numbered in the
    order met) the first time it meets a shape; templates are shared between files whose
    keys have the same numbers."""

    _made: dict[tuple[str, str, tuple[str, ...]], str] = {}

    def __init__(self, keys: _Keys) -> None:
        self.keys = keys
        self._mine: dict[tuple[str, tuple[str, ...], tuple[str, ...]], str] = {}

    def __call__(self, scope: str, head: str, names: tuple[str, ...], kinds: tuple[str, ...]) -> str:
        found = self._mine.get((scope, names, kinds))
        if found is None:
            ids = tuple(self.keys.declare(scope, name, kind) for name, kind in zip(names, kinds, strict=True))
            found = self._made.get((scope, head, ids))
            if found is None:
                found = self._made[scope, head, ids] = _template(scope, head, ids)
            self._mine[scope, names, kinds] = found
        return found


_Renderer = tuple[tuple[str, ...], list[int], Callable[[Values], Values] | None]
"""A list of value types' GraphML types, where its booleans are, and a picker of its texts."""


class _Shown:
    """Values as the file shows them: booleans as true/false, text escaped where it holds
    &, < or >, numbers as Python writes them (what ``graphml_writer`` writes), with their
    GraphML types; one renderer per list of value types."""

    def __init__(self) -> None:
        self._renderers: dict[tuple[type, ...], _Renderer] = {}

    def show(self, values: Values) -> tuple[tuple[str, ...], Values] | None:
        """(GraphML types, values shown), or None when a value is of another type or missing."""
        types = tuple(map(type, values))
        found = self._renderers.get(types)
        if found is None:
            if any(t not in _TYPES for t in types):
                return None
            texts = [n for n, t in enumerate(types) if t is str]
            found = self._renderers[types] = (tuple(_TYPES[t] for t in types),
                                              [n for n, t in enumerate(types) if t is bool],
                                              itemgetter(*texts) if len(texts) > 1 else None)
        kinds, bools, texts_of = found
        shown = values
        if bools:
            shown = list(values)
            for n in bools:
                shown[n] = "true" if values[n] else "false"
        text = "\0".join(texts_of(values)) if texts_of is not None else "\0".join(
            v for v in values if type(v) is str)
        if "&" in text or "<" in text or ">" in text:
            shown = [_text(v) if type(v) is str else v for v in shown]
        return kinds, tuple(shown)


class MapGraphml:
    """Every map of one block: its own GraphML file, and its share of all_maps (``part``),
    its first map being map number ``first`` of a study of ``maps`` maps."""

    def __init__(self, part: GraphmlPart, maps: int, first: int, free_text: bool, names: bool) -> None:
        self.part, self.first, self.added = part, first, 0
        self.columns = max(1, math.ceil(math.sqrt(maps)))
        self.free_text, self.names = free_text, names
        self.people = _PersonValues(free_text)
        self.shown = _Shown()
        self.all_forms = _Forms(part.keys)

    def write(self, data: StudyData, interview_key: str, codes: Pseudonyms, path: Path) -> tuple[int, str]:
        """Write the map's own file at ``path`` and add it to all_maps; (bytes, SHA-256) of the file."""
        network = data.maps[interview_key].network
        link = interview_link(data, interview_key)
        family = link["family_key"]
        settings, centre, respondent = network.settings, network.centre, network.respondent
        about = {"centre_key": centre.key, "centre_role": centre.role,
                 "respondent_key": respondent.key if respondent is not None else "",
                 "ties_meaning": network.ties_meaning, "rings": settings.rings,
                 "sectors": ";".join(settings.sector_codes), **link}
        own = _Keys()
        body = [own.data("graph", about, "    ")]
        place = self.first + self.added
        self.added += 1
        shift_x = (place % self.columns) * MAP_PITCH
        shift_y = -(place // self.columns) * MAP_PITCH
        about_map = tuple(about[name] for name in _ABOUT_MAP)
        person_codes = codes.person
        nodes: list[tuple[str, tuple[str, ...], Values]] = []
        code = person_codes.get((family, centre.key), "")
        nodes.append((centre.key, _CENTRE_NAMES, (code if not self.names else centre.label, "centre", True, 0,
                                                  centre.role == "respondent", code, 0.0, 0.0)))
        people = network.people()
        radius: dict[int, float] = {}
        off_map = 0
        for person in people:
            names, values = self.people.names_and_values(person)
            code = person_codes.get((family, person.key), "")
            if person.on_map:
                if person.ring is None or person.angle is None:
                    raise ValueError(f"{person.key} is not on the map.")
                r = radius.get(person.ring)
                if r is None:  # the middle of the ring's band, as map_geometry.point_for takes it
                    inner, outer = ring_band(person.ring, settings)
                    r = radius[person.ring] = (inner + outer) / 2.0
                a = math.radians(person.angle)
                x, y = round(r * math.cos(a) * LAYOUT_SCALE, 3), round(r * math.sin(a) * LAYOUT_SCALE, 3)
            else:
                x, y = OFF_MAP_X, OFF_MAP_TOP - OFF_MAP_STEP * off_map
                off_map += 1
            label = values[0] if self.names else code
            nodes.append((person.key, names, (label, *values[1:], code, x, y)))
        own_keys, all_keys = own, self.part.keys
        own_form, all_form = _Forms(own), self.all_forms
        write_part = self.part._write  # noqa: SLF001 - the part's own writer, as add_node uses it
        about_shown = self.shown.show(about_map)
        for key, names, values in nodes:
            all_names = (*_ALL_MAPS_NODE, *names, "map_x", "map_y")
            x, y = values[-2], values[-1]
            all_values = (*about_map, key, *values[:-2], round(x + shift_x, 3), round(y + shift_y, 3), x, y)
            shown = self.shown.show(values)
            if shown is None or about_shown is None:  # a value of another type: value by value
                body.append(own_keys.element("node", _NODE_HEAD, dict(zip(names, values, strict=True)),
                                             (_attribute(key),)))
                write_part(all_keys.element("node", _NODE_HEAD, dict(zip(all_names, all_values, strict=True)),
                                            (_attribute(f"{interview_key}:{key}"),)))
                continue
            kinds, text = shown
            form = own_form("node", _NODE_HEAD, names, kinds)
            body.append(form % (_attribute(key), *text))
            form = all_form("node", _NODE_HEAD, all_names, (*about_shown[0], "string", *kinds, *kinds[-2:]))
            write_part(form % (_attribute(f"{interview_key}:{key}"), *about_shown[1], _text(key),
                                        *text[:-2], all_values[-4], all_values[-3], text[-2], text[-1]))
        for a, b, names, values in _edges(network, centre.key, people):
            ends = (_attribute(a), _attribute(b))
            all_ends = (_attribute(f"{interview_key}:{a}"), _attribute(f"{interview_key}:{b}"))
            shown = self.shown.show(values)
            if shown is None or about_shown is None:
                all_attributes = dict(zip(("interview_key", *names), (interview_key, *values), strict=True))
                body.append(own_keys.element("edge", _EDGE_HEAD, dict(zip(names, values, strict=True)), ends))
                write_part(all_keys.element("edge", _EDGE_HEAD, all_attributes, all_ends))
                continue
            kinds, text = shown
            body.append(own_form("edge", _EDGE_HEAD, names, kinds) % (*ends, *text))
            form = all_form("edge", _EDGE_HEAD, ("interview_key", *names), ("string", *kinds))
            write_part(form % (*all_ends, about_shown[1][0], *text))
        text = (_HEADER + own.declared() + '  <graph edgedefault="undirected">\n' + "".join(body)
                + "  </graph>\n</graphml>\n")
        written = text.encode("utf-8")
        path.write_bytes(written)
        return len(written), hashlib.sha256(written).hexdigest()


def _edges(network: Any, centre: str, people: list[Person]) -> list[tuple[str, str, tuple[str, ...], Values]]:
    """The map's edges as ``map_graph`` gives them: the ties to the centre (each on-map
    person's) and between people, in networkx's walk order (each node's neighbours in the
    order they were joined, skipping nodes already walked), from the node met first."""
    tie_is_to_centre = network.centre.role == "respondent" or network.ties_meaning == UNSTATED
    adjacent: dict[str, list[tuple[str, int]]] = {centre: []}
    for person in people:
        adjacent[person.key] = []
    edges: list[tuple[tuple[str, ...], Values]] = []
    for person in people:
        if person.on_map:
            to_centre = tie_is_to_centre or person.is_respondent
            adjacent[centre].append((person.key, len(edges)))
            adjacent[person.key].append((centre, len(edges)))
            edges.append((_TO_CENTRE, ("to_centre", int(person.ring or 0),
                                       (person.closeness or "") if to_centre else "",
                                       (person.frequency or "") if to_centre else "")))
    for a, b, closeness in tie_triples(network):
        adjacent[a].append((b, len(edges)))
        adjacent[b].append((a, len(edges)))
        edges.append((_BETWEEN, ("between", closeness, "")))
    out = []
    seen: set[str] = set()
    for node, neighbours in adjacent.items():
        for other, index in neighbours:
            if other not in seen:
                out.append((node, other, *edges[index]))
        seen.add(node)
    return out
