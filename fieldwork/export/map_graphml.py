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

from fieldwork.domain.map_people import Person
from fieldwork.domain.network_codes import SUPPORT, UNSTATED
from fieldwork.domain.network_map_io import person_attributes
from fieldwork.export.case_files import interview_link
from fieldwork.export.graphml_maps import _FREE_TEXT_ATTRIBUTES, MapPlaces, map_about
from fieldwork.export.graphml_parts import GraphmlPart
from fieldwork.export.graphml_writer import _HEADER, _TYPES, _attribute, _Keys, _text, three_places
from fieldwork.export.network_files import MAP_PITCH
from fieldwork.export.study_reader import Pseudonyms, StudyData
from fieldwork.storage.private_files import create_private

_CENTRE_NAMES = ("label", "role", "on_map", "ring", "is_respondent", "person_code", "x", "y")
_ABOUT_MAP = ("interview_key", "family_key", "family_code", "wave", "centre_role", "ties_meaning")
_TO_CENTRE = ("kind", "ring", "closeness", "frequency")
_BETWEEN = ("kind", "closeness", "frequency")
_ALL_MAPS_NODE = (*_ABOUT_MAP, "person_key")
_TF = ("false", "true")
"""A boolean as GraphML shows it, by its value."""
_NODE_HEAD = "    <node id=%s>\n"
_EDGE_HEAD = "    <edge source=%s target=%s>\n"

Values = tuple[Any, ...]
_Node = tuple[str, "tuple[str, ...] | _Shape", Values, float, float]
"""A node to write: its key, its ``_Shape`` (or its names), its values, its x and y."""


class _PersonValues:
    """A person's node values in ``person_attributes`` order, free text left out when asked,
    then person_code, x and y (the order ``map_graph`` gives them).

    ``shown`` gives them as the file shows them, straight from the ``Person``: no dict per
    person (``person_attributes`` made one, read once), booleans written true/false as they
    are picked, and text escaped only where it holds &, < or >. It is checked against
    ``names_and_values`` + ``_Shown`` (the general way) the first time each shape is met,
    and gives None (use the general way) for a value of an unusual type."""

    def __init__(self, free_text: bool) -> None:
        self.free_text = free_text
        self._pickers: dict[tuple[str, ...], tuple[tuple[str, ...], Callable[[dict], Values]]] = {}
        self._shapes: dict[bool, _Shape] = {}
        self._support: dict[frozenset[str], tuple[str, tuple[str, ...]]] = {}
        self._general = _Shown()

    def names_and_values(self, person: Person) -> tuple[tuple[str, ...], Values]:
        attributes = person_attributes(person)
        names = tuple(attributes)
        found = self._pickers.get(names)
        if found is None:
            kept = names if self.free_text else tuple(n for n in names if n not in _FREE_TEXT_ATTRIBUTES)
            found = self._pickers[names] = ((*kept, "person_code", "x", "y"), itemgetter(*kept))
        return found[0], found[1](attributes)

    def shown(self, p: Person, label: str, code: str, x: float, y: float) -> tuple[_Shape, Values] | None:
        """(the node's shape, its values as shown) for a person labelled ``label``, or None."""
        support = self._support.get(p.support)
        if support is None:
            support = self._support[p.support] = (";".join(sorted(p.support)),
                                                  tuple(_TF[c in p.support] for c in SUPPORT))
        lives, respondent = p.lives_in_household, p.is_respondent
        if type(lives) is not bool or type(respondent) is not bool:
            return None
        on = p.off_map_reason is None
        if self.free_text:
            texts = (label, "person", p.relationship, p.relationship_to_respondent or "", p.relationship_text,
                     p.sector, _TF[on], p.closeness or "", p.frequency or "", support[0], _TF[lives],
                     _TF[respondent], p.note, p.off_map_reason or "", p.off_map_note, *support[1])
        else:
            texts = (label, "person", p.relationship, p.relationship_to_respondent or "", p.sector, _TF[on],
                     p.closeness or "", p.frequency or "", support[0], _TF[lives], _TF[respondent],
                     p.off_map_reason or "", *support[1])
        try:
            joined = "\0".join(texts)
        except TypeError:  # a value that is not text: the general way
            return None
        if "&" in joined or "<" in joined or ">" in joined:
            texts = tuple(map(_text, texts))
        # The angle and x/y already as text (as ``%s`` writes a float): each is written
        # twice, in the map's file and in all_maps, and a float's text is costly.
        values = texts + ((int(p.ring or 0), repr(float(p.angle or 0.0)), code, three_places(x), three_places(y))
                          if on else (code, three_places(x), three_places(y)))
        shape = self._shapes.get(on)
        if shape is None:
            shape = self._first_of_shape(p, label, code, x, y, values)
            if shape is None:
                return None
        return shape, values

    def _first_of_shape(self, p: Person, label: str, code: str, x: float, y: float,
                        values: Values) -> _Shape | None:
        names, general = self.names_and_values(p)
        shown = self._general.show((label, *general[1:], code, x, y))
        if shown is None:
            return None
        if tuple(repr(v) if type(v) is float else v for v in shown[1]) != values:
            raise AssertionError(f"The fast GraphML values of {names} are not the general ones.")
        shape = self._shapes[p.off_map_reason is None] = _Shape(names, shown[0])
        return shape


class _Shape:
    """The names and GraphML types of one kind of node's values (compared by identity)."""

    __slots__ = ("kinds", "names")

    def __init__(self, names: tuple[str, ...], kinds: tuple[str, ...]) -> None:
        self.names, self.kinds = names, kinds


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
            ids = self.keys.declare_all(scope, names, kinds)
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
        self._all_nodes: dict[_Shape, str] = {}
        self._general_shapes: dict[tuple[tuple[str, ...], tuple[str, ...]], _Shape] = {}
        self._all_edges: dict[_Shape, str] = {}

    def write(self, data: StudyData, interview_key: str, codes: Pseudonyms, path: Path | str) -> tuple[int, str]:
        """Write the map's own file at ``path`` and add it to all_maps; (bytes, SHA-256) of the file."""
        stored = data.maps[interview_key]
        network = stored.network
        link = interview_link(data, interview_key)
        family = link["family_key"]
        centre = network.centre
        about = map_about(network, link)
        own = _Keys()
        body = [own.data("graph", about, "    ")]
        place = self.first + self.added
        self.added += 1
        shift_x = (place % self.columns) * MAP_PITCH
        shift_y = -(place // self.columns) * MAP_PITCH
        about_map = tuple(about[name] for name in _ABOUT_MAP)
        person_codes = codes.person
        code = person_codes.get((family, centre.key), "")
        centre_values = (code if not self.names else centre.label, "centre", True, 0,
                         centre.role == "respondent", code, 0.0, 0.0)
        nodes: list[_Node] = [(centre.key, _CENTRE_NAMES, centre_values, 0.0, 0.0)]
        people = stored.people()
        places = MapPlaces(network.settings)
        # The map's own data of an unusual type: every node value by value (its x/y as numbers).
        about_shown = self.shown.show(about_map)
        names, shown_of = self.names, self.people.shown if about_shown is not None else None
        for person in people:
            code = person_codes.get((family, person.key), "")
            x, y = places.point(person)
            fast = shown_of(person, person.label if names else code, code, x, y) if shown_of else None
            if fast is not None:
                nodes.append((person.key, *fast, x, y))
                continue
            general_names, values = self.people.names_and_values(person)
            nodes.append((person.key, general_names, (values[0] if names else code, *values[1:], code, x, y), x, y))
        all_lines: list[str] = []
        ids = self._write_nodes(nodes, own, body, all_lines, interview_key, about_map, about_shown,
                                shift_x, shift_y)
        self._write_edges(_edges(network, centre.key, people, stored.ties()), own, body, all_lines, interview_key,
                          about_shown, ids)
        self.part.add_text("".join(all_lines))
        text = "".join([_HEADER, own.declared(), '  <graph edgedefault="undirected">\n', *body,
                        "  </graph>\n</graphml>\n"])  # one copy of the file's text, not five
        written = text.encode("utf-8")
        with open(create_private(path, replace=True), "wb") as file:  # owner-only from the first byte
            file.write(written)
        return len(written), hashlib.sha256(written).hexdigest()


    def _write_nodes(self, nodes: list[_Node], own: _Keys,
                     body: list[str], all_lines: list[str], interview_key: str, about_map: Values,
                     about_shown: tuple[tuple[str, ...], Values] | None, shift_x: float,
                     shift_y: float) -> dict[str, tuple[str, str]]:
        """Each node's element in the map's file (``body``) and in all_maps (``all_lines``);
        returns each node's id in both, for its edges. A node comes with its ``_Shape`` and
        its values as shown (its last two: x and y as text), or with its names and its values
        as they are; then its x and y as numbers (all_maps shifts them to the map's square)."""
        ids = {}
        own_form, all_form = _Forms(own), self.all_forms
        own_templates: dict[_Shape, str] = {}
        plain_map = _attribute(interview_key) == f'"{interview_key}"'
        about_text = about_shown[1] if about_shown is not None else ()
        for key, shape, values, x, y in nodes:
            own_id = _attribute(key)
            plain_key = own_id[1:-1] == key  # nothing to quote, so nothing to escape either
            all_id = (f'"{interview_key}:{key}"' if plain_map and plain_key
                      else _attribute(f"{interview_key}:{key}"))
            ids[key] = (own_id, all_id)
            if isinstance(shape, _Shape):
                text: Values | None = values
            else:
                shown = self.shown.show(values)
                text = None
                if shown is not None:
                    text, shape = shown[1], self._shape(shape, shown[0])
            if text is None or about_shown is None:  # a value of another type: value by value
                names = shape.names if isinstance(shape, _Shape) else shape
                all_names = (*_ALL_MAPS_NODE, *names, "map_x", "map_y")
                all_values = (*about_map, key, *values[:-2], round(x + shift_x, 3), round(y + shift_y, 3), x, y)
                body.append(own.element("node", _NODE_HEAD, dict(zip(names, values, strict=True)), (own_id,)))
                all_lines.append(self.part.keys.element(
                    "node", _NODE_HEAD, dict(zip(all_names, all_values, strict=True)), (all_id,)))
                continue
            assert isinstance(shape, _Shape)
            template = own_templates.get(shape)
            if template is None:
                template = own_templates[shape] = own_form("node", _NODE_HEAD, shape.names, shape.kinds)
            body.append(template % (own_id, *text))
            template = self._all_nodes.get(shape)
            if template is None:
                kinds = shape.kinds
                template = self._all_nodes[shape] = all_form(
                    "node", _NODE_HEAD, (*_ALL_MAPS_NODE, *shape.names, "map_x", "map_y"),
                    (*about_shown[0], "string", *kinds, *kinds[-2:]))
            all_lines.append(template % (all_id, *about_text, key if plain_key else _text(key), *text[:-2],
                                         three_places(x + shift_x), three_places(y + shift_y), text[-2], text[-1]))
        return ids

    def _shape(self, names: tuple[str, ...], kinds: tuple[str, ...]) -> _Shape:
        """The one ``_Shape`` of these names and types (its templates are kept by shape)."""
        found = self._general_shapes.get((names, kinds))
        if found is None:
            found = self._general_shapes[names, kinds] = _Shape(names, kinds)
        return found

    def _write_edges(self, edges: list[tuple[str, str, tuple[str, ...] | _Shape, Values]], own: _Keys,
                     body: list[str], all_lines: list[str], interview_key: str,
                     about_shown: tuple[tuple[str, ...], Values] | None, ids: dict[str, tuple[str, str]]) -> None:
        """Each edge's element in the map's file (``body``) and in all_maps (``all_lines``)."""
        own_form, all_form = _Forms(own), self.all_forms
        own_templates: dict[_Shape, str] = {}
        for a, b, shape, values in edges:
            (own_a, all_a), (own_b, all_b) = ids[a], ids[b]
            text: Values | None = values
            if not isinstance(shape, _Shape):
                shown = self.shown.show(values)
                text = None
                if shown is not None:
                    text, shape = shown[1], self._shape(shape, shown[0])
            if text is None or about_shown is None:
                names = shape.names if isinstance(shape, _Shape) else shape
                all_attributes = dict(zip(("interview_key", *names), (interview_key, *values), strict=True))
                body.append(own.element("edge", _EDGE_HEAD, dict(zip(names, values, strict=True)), (own_a, own_b)))
                all_lines.append(self.part.keys.element("edge", _EDGE_HEAD, all_attributes, (all_a, all_b)))
                continue
            assert isinstance(shape, _Shape)
            template = own_templates.get(shape)
            if template is None:
                template = own_templates[shape] = own_form("edge", _EDGE_HEAD, shape.names, shape.kinds)
            body.append(template % (own_a, own_b, *text))
            template = self._all_edges.get(shape)
            if template is None:
                template = self._all_edges[shape] = all_form(
                    "edge", _EDGE_HEAD, ("interview_key", *shape.names), ("string", *shape.kinds))
            all_lines.append(template % (all_a, all_b, about_shown[1][0], *text))


_TIE_TO_CENTRE = _Shape(("kind", "ring", "closeness", "frequency"), ("string", "long", "string", "string"))
_TIE_BETWEEN = _Shape(("kind", "closeness", "frequency"), ("string", "string", "string"))


def _plain(first: Any, second: Any) -> bool:
    """Both values are text with nothing to escape (a tie's codes, nearly always)."""
    return (type(first) is str and type(second) is str and "&" not in first + second
            and "<" not in first + second and ">" not in first + second)


def _edges(network: Any, centre: str, people: list[Person],
           ties: list[tuple[str, str, Any]]) -> list[tuple[str, str, tuple[str, ...] | _Shape, Values]]:
    """The map's edges as ``map_graph`` gives them, in networkx's walk order: each node's
    neighbours in the order they were joined, skipping nodes already walked, from the node
    met first. The centre comes first and is joined to every on-map person in map order, so
    its ties come first; then a tie between two people (``ties``: the map's ``tie_triples``)
    comes from whichever of them is earlier on the map, in the order of ``ties`` among that
    person's ties: sorted by (that person's place, the tie's place). ``tie_triples`` walks
    the map's own graph, so its ties already come in that order (the sort then only checks
    it); no adjacency is built for the walk. An edge comes with its ``_Shape`` when its values are
    plain text and numbers, else with its names (``MapGraphml._write_edges`` shows them
    value by value)."""
    tie_is_to_centre = network.centre.role == "respondent" or network.ties_meaning == UNSTATED
    out: list[tuple[str, str, tuple[str, ...] | _Shape, Values]] = []
    plain: dict[Any, bool] = {}  # a map's ties have a few closeness and contact codes: checked once each
    for person in people:
        if person.off_map_reason is None:  # on the map
            if tie_is_to_centre or person.is_respondent:
                closeness, frequency = person.closeness or "", person.frequency or ""
            else:
                closeness = frequency = ""
            both = (closeness, frequency)
            fast = plain.get(both)
            if fast is None:
                fast = plain[both] = _plain(closeness, frequency)
            out.append((centre, person.key, _TIE_TO_CENTRE if fast else _TO_CENTRE,
                        ("to_centre", int(person.ring or 0), closeness, frequency)))
    if not ties:
        return out
    place = {person.key: n for n, person in enumerate(people)}
    between = []
    for n, (a, b, closeness) in enumerate(ties):
        if place[a] <= place[b]:
            between.append((place[a], n, a, b, closeness))
        else:
            between.append((place[b], n, b, a, closeness))
    between.sort()  # (place, n) is never equal for two ties: the ends are not compared
    for _place, _n, a, b, closeness in between:
        fast = plain.get(closeness)
        if fast is None:
            fast = plain[closeness] = _plain(closeness, "")
        out.append((a, b, _TIE_BETWEEN if fast else _BETWEEN, ("between", closeness, "")))
    return out
