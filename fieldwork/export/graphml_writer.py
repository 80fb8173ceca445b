"""A small, fast GraphML writer for the bundle's maps (undirected, simple attributes).

Owns ``write_graphml`` / ``write_graph_parts`` and ``_Keys`` (a file's keys and its elements'
templates): the same GraphML that
``networkx.write_graphml`` writes for our graphs (one ``<key>`` per attribute name and
scope, typed boolean/long/double/string, then the graph's data, nodes and edges), written
as text. networkx's writer builds an element tree per file and took more than half of a
1,000-map export; this writes each element from a %-template made once per shape of its
data (the names and types of its values), escaping text only when it holds &, < or >, and
``networkx.read_graphml`` reads it back with the same types (the tests check, and check
the bytes against the value-by-value writer it replaced). One large graph written a part at
a time is ``graphml_parts``. Qt-free.
"""

from __future__ import annotations

import hashlib
import re
from collections.abc import Callable, Iterable
from functools import lru_cache
from operator import itemgetter
from pathlib import Path
from typing import Any
from xml.sax.saxutils import escape, quoteattr

import networkx as nx

_HEADER = (
    "<?xml version='1.0' encoding='utf-8'?>\n"
    '<graphml xmlns="http://graphml.graphdrawing.org/xmlns" '
    'xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance" '
    'xsi:schemaLocation="http://graphml.graphdrawing.org/xmlns '
    'http://graphml.graphdrawing.org/xmlns/1.0/graphml.xsd">\n'
)


_TYPES = {bool: "boolean", int: "long", float: "double", str: "string"}
_BOOL_TEXT = {True: "true", False: "false"}
_TO_ESCAPE = re.compile("[&<>]")
_TO_QUOTE = re.compile("[&<>\"'\n\r\t]")


def _type(value: Any) -> str:
    return _TYPES.get(type(value), "string")


def _text(value: Any) -> str:
    if value is True:
        return "true"
    if value is False:
        return "false"
    text = str(value)
    # Most values are codes and numbers: escape only when there is something to escape.
    return escape(text) if ("&" in text or "<" in text or ">" in text) else text


def three_places(value: float) -> str:
    """``repr(round(value, 3))``, as ``%s`` writes that number, in a third of the time: the
    same digits (the ``.3f`` format rounds as ``round`` does), without the zeros ``repr``
    leaves out. Below a billion a double tells apart every number of three decimal places,
    so no shorter text stands for the same number; past it (or inf, nan) it is ``repr``."""
    if -1e9 < value < 1e9:
        text = f"{value:.3f}".rstrip("0")
        return text + "0" if text[-1] == "." else text
    return repr(round(value, 3))


@lru_cache(maxsize=4096)
def _attribute(text: str) -> str:
    """``quoteattr``, skipped for the usual id (a key) with nothing to quote; remembered for
    the ids met again and again (a map's centre is an end of every edge to it)."""
    return quoteattr(text) if _TO_QUOTE.search(text) else f'"{text}"'


def _picker(positions: list[int]) -> Callable[[tuple[Any, ...]], tuple[Any, ...]]:
    """The values at ``positions`` as a tuple, picked in C (``itemgetter``) where it can."""
    if len(positions) > 1:
        return itemgetter(*positions)
    if positions:
        only = positions[0]
        return lambda values: (values[only],)
    return lambda values: ()


class _Shape:
    """How to write every element whose data has one list of names and value types: its
    text as one %-template, and which values go where, which are text (escaped only when a
    value holds &, < or >) and which are booleans. An export writes millions of values of a
    few shapes; looking each value's key and type up took most of its time, and
    ``str.format`` twice as long as ``%``."""

    def __init__(self, template: str, kinds: list[type | None], fields: list[int], ends: int) -> None:
        self.template = template
        self.texts = _picker([i for i, kind in enumerate(kinds) if kind is str])
        bools = [i for i, kind in enumerate(kinds) if kind is bool]
        self.bools = _picker(bools) if bools else None
        # ``fields``: for each %s in the template, its place in (ends, values, bool texts).
        self.order = _picker(fields)
        self.ends = ends

    def write(self, ends: tuple[str, ...], values: tuple[Any, ...]) -> str:
        if _TO_ESCAPE.search("".join(self.texts(values))):
            values = tuple(_text(v) if type(v) is str else v for v in values)
        combined = ends + values
        if self.bools is not None:
            combined += tuple(map(_BOOL_TEXT.__getitem__, self.bools(values)))
        return self.template % self.order(combined)


class _Keys:
    """The ``<key>`` declarations of one GraphML file, found as its data is written."""

    def __init__(self) -> None:
        self.keys: dict[tuple[str, str], tuple[str, str]] = {}  # (scope, name) -> (id, type)
        self._shapes: dict[tuple[str, tuple[str, ...], tuple[type, ...]], _Shape] = {}

    def _key_id(self, scope: str, name: str, value: Any) -> str:
        return self.declare(scope, name, _type(value))

    def declare(self, scope: str, name: str, kind: str) -> str:
        """The id of the key (scope, name), numbered in the order met; a second type is refused."""
        found = self.keys.get((scope, name))
        if found is None:
            found = self.keys[scope, name] = (f"d{len(self.keys)}", kind)
        elif found[1] != kind:
            raise ValueError(f"GraphML attribute {scope}:{name} has values of two types.")
        return found[0]

    def declare_all(self, scope: str, names: tuple[str, ...], kinds: tuple[str, ...]) -> tuple[str, ...]:
        """``declare`` each name with its kind, in order; their ids. Every map's own file
        declares the same keys in the same steps: a step from the keys declared so far is
        remembered (declaring them one by one took 4 % of an export)."""
        before = tuple(self.keys.items())
        step = _STEPS.get((before, scope, names, kinds))
        if step is None:
            ids = tuple(self.declare(scope, name, kind) for name, kind in zip(names, kinds, strict=True))
            if len(_STEPS) >= _MOST_STEPS:
                _STEPS.clear()
            _STEPS[before, scope, names, kinds] = (ids, tuple(self.keys.items()))
            return ids
        self.keys = dict(step[1])
        return step[0]

    def data(self, scope: str, attributes: dict[str, Any], indent: str) -> str:
        """The ``<data>`` lines of these attributes (a value None left out)."""
        present = [(name, value) for name, value in attributes.items() if value is not None]
        ids = self.declare_all(scope, tuple(name for name, _value in present),
                               tuple(_type(value) for _name, value in present))
        return _data_lines(indent, ids) % tuple(_text(value) for _name, value in present)

    def element(self, scope: str, head: str, attributes: dict[str, Any], ends: tuple[str, ...]) -> str:
        """One element's text: ``head`` % ``ends``, then its data (a value None left out)."""
        values = tuple(attributes.values())
        kinds = tuple(map(type, values))
        shape_key = (scope, tuple(attributes), kinds)
        shape = self._shapes.get(shape_key)
        if shape is None:
            if any(kind not in _TYPES and v is not None for kind, v in zip(kinds, values, strict=True)):
                # Another type is written as its text: the slow way, value by value.
                return head % ends + self.data(scope, attributes, "      ") + f"    </{scope}>\n"
            shape = self._shapes[shape_key] = self._shape(scope, head, attributes, kinds, len(ends))
        return shape.write(ends, values)

    def _shape(self, scope: str, head: str, attributes: dict[str, Any], kinds: tuple[type, ...],
               ends: int) -> _Shape:
        kept = [kind if v is not None else None for kind, v in zip(kinds, attributes.values(), strict=True)]
        lines, fields = [head], list(range(ends))
        bool_field = ends + len(kept)
        for position, ((name, value), kind) in enumerate(zip(attributes.items(), kept, strict=True)):
            if kind is None:
                continue
            key_id = self._key_id(scope, name, value)
            if kind is bool:
                fields.append(bool_field)
                bool_field += 1
            else:
                fields.append(ends + position)
            lines.append(f'      <data key="{key_id}">%s</data>\n')
        lines.append(f"    </{scope}>\n")
        return _Shape("".join(lines), kept, fields, ends)

    def declared(self) -> str:
        return _declared(tuple(self.keys.items()))

    def node(self, node: Any, attributes: dict[str, Any]) -> str:
        return self.element("node", "    <node id=%s>\n", attributes, (_attribute(str(node)),))

    def edge(self, a: Any, b: Any, attributes: dict[str, Any]) -> str:
        return self.element("edge", "    <edge source=%s target=%s>\n", attributes,
                             (_attribute(str(a)), _attribute(str(b))))


_STEPS: dict[tuple[Any, ...], tuple[tuple[str, ...], tuple[Any, ...]]] = {}
"""``_Keys.declare_all``'s steps: (keys declared before, scope, names, kinds) -> (ids, keys after)."""
_MOST_STEPS = 1024


@lru_cache(maxsize=256)
def _data_lines(indent: str, ids: tuple[str, ...]) -> str:
    """The %-template of ``<data>`` lines with these key ids."""
    return "".join(f'{indent}<data key="{key_id}">%s</data>\n' for key_id in ids)


@lru_cache(maxsize=64)
def _declared(keys: tuple[tuple[tuple[str, str], tuple[str, str]], ...]) -> str:
    """The ``<key>`` lines of a file's keys; remembered, as every map's file declares the same."""
    return "".join(f'  <key id="{key_id}" for="{scope}" attr.name={quoteattr(name)} attr.type="{kind}" />\n'
                   for (scope, name), (key_id, kind) in keys)


def write_graphml(graph: nx.Graph, path: Path | str) -> None:
    """Write an undirected graph whose attributes are bool, int, float or str."""
    write_graph_parts(graph.graph, graph.nodes(data=True), graph.edges(data=True), path)


def write_graph_parts(about: dict[str, Any], nodes: Iterable[tuple[Any, dict[str, Any]]],
                      edges: Iterable[tuple[Any, Any, dict[str, Any]]], path: Path | str) -> tuple[int, str]:
    """``write_graphml`` of a graph given as its data, (node, data) and (a, b, data); returns
    the file's size in bytes and its SHA-256 (for the bundle's manifest)."""
    keys = _Keys()
    body = [keys.data("graph", about, "    ")]
    body += [keys.node(node, attributes) for node, attributes in nodes]
    body += [keys.edge(a, b, attributes) for a, b, attributes in edges]
    text = (_HEADER + keys.declared() + '  <graph edgedefault="undirected">\n' + "".join(body)
            + "  </graph>\n</graphml>\n")
    data = text.encode("utf-8")
    Path(path).write_bytes(data)
    return len(data), hashlib.sha256(data).hexdigest()
