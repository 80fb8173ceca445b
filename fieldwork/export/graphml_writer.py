"""A small, fast GraphML writer for the bundle's maps (undirected, simple attributes).

Owns ``write_graphml`` / ``write_graph_parts`` and ``GraphmlStream``: the same GraphML that
``networkx.write_graphml`` writes for our graphs (one ``<key>`` per attribute name and
scope, typed boolean/long/double/string, then the graph's data, nodes and edges), written
as text. networkx's writer builds an element tree per file and took more than half of a
1,000-map export; this writes each element from a %-template made once per shape of its
data (the names and types of its values), escaping text only when it holds &, < or >, and
``networkx.read_graphml`` reads it back with the same types (the tests check, and check
the bytes against the value-by-value writer it replaced). Qt-free.
"""

from __future__ import annotations

import hashlib
import os
import re
from collections.abc import Callable, Iterable
from dataclasses import dataclass
from functools import lru_cache
from operator import itemgetter
from pathlib import Path
from typing import Any, TextIO
from xml.sax.saxutils import escape, quoteattr

import networkx as nx

from fieldwork.export.hashed_file import HashedFile

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

    def data(self, scope: str, attributes: dict[str, Any], indent: str) -> str:
        parts = []
        for name, value in attributes.items():
            if value is None:
                continue
            parts.append(f'{indent}<data key="{self._key_id(scope, name, value)}">{_text(value)}</data>\n')
        return "".join(parts)

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


class GraphmlPart:
    """Some nodes and edges of one large graph, with their own ``<key>`` ids (``d0``, ``d1``,
    ... in the order met), written to a side file as they come (``path``) or held in memory
    (no path: a worker process's block of families, sent back through its pipe).
    ``join_graphml`` and ``GraphmlJoin`` put the parts together in order, as if one writer
    had met them all."""

    def __init__(self, path: Path | str | None = None) -> None:
        self.path = Path(path) if path is not None else None
        self.keys = _Keys()
        self._file: TextIO | None = self.path.open("w", encoding="utf-8") if self.path is not None else None
        # In memory: the text as UTF-8, a piece per ``add_text`` (a map's elements). Kept in
        # pieces, not joined: a block's part is megabytes, and a fresh allocation that large
        # costs a page fault per page, twice (joined, then encoded), in every worker.
        self._chunks: list[bytes] = []
        self.carriage_return = False

    def add_node(self, node: Any, attributes: dict[str, Any]) -> None:
        self.add_text(self.keys.node(node, attributes))

    def add_edge(self, a: Any, b: Any, attributes: dict[str, Any]) -> None:
        self.add_text(self.keys.edge(a, b, attributes))

    def add_text(self, text: str) -> None:
        """Elements already written as text, their keys declared in ``keys``."""
        if self._file is not None:
            self._file.write(text)
        else:
            self._chunks.append(text.encode("utf-8"))
        if "\r" in text:
            self.carriage_return = True

    def finish(self) -> PartKeys:
        """Close the side file; what ``join_graphml`` needs to know of it."""
        if self._file is not None:
            self._file.close()
        return PartKeys(self.path, [(scope, name, kind) for (scope, name), (_id, kind)
                                    in self.keys.keys.items()], self.carriage_return,
                        None if self._file is not None else self._chunks)

    def discard(self) -> None:
        if self._file is not None:
            self._file.close()
        if self.path is not None:
            self.path.unlink(missing_ok=True)


@dataclass(frozen=True)
class PartKeys:
    """A finished ``GraphmlPart``: its side file (or, held in memory, its text as UTF-8 in
    pieces), its keys (scope, name, type) in id order, and whether a value held a carriage
    return."""

    path: Path | None
    keys: list[tuple[str, str, str]]
    carriage_return: bool
    chunks: list[bytes] | None = None

    def empty(self) -> bool:
        """No elements at all (a block of families without maps)."""
        if self.chunks is not None:
            return not any(self.chunks)
        return self.path is None or self.path.stat().st_size == 0

    def pieces(self, numbers: dict[bytes, bytes] | None) -> list[bytes]:
        """The part's elements as the joined file holds them (``body``), in pieces: as they
        were held when nothing is to change, the usual case."""
        if self.chunks is not None and numbers is None and not self.carriage_return:
            return self.chunks
        return [self.body(numbers)]

    def body(self, numbers: dict[bytes, bytes] | None) -> bytes:
        """The part's elements as the joined file holds them: its key ids renumbered
        (``numbers``), and a value's \\r\\n or \\r as \\n (as the file has always had them:
        it was once read back as text)."""
        data = b"".join(self.chunks) if self.chunks is not None else self.path.read_bytes()  # type: ignore[union-attr]
        if numbers is not None:
            data = _KEY_REFERENCE.sub(lambda m: b'<data key="d' + numbers[m.group(1)] + b'">', data)
        if self.carriage_return:
            data = data.decode("utf-8").replace("\r\n", "\n").replace("\r", "\n").encode("utf-8")
        return data


_KEY_REFERENCE = re.compile(rb'<data key="d(\d+)">')


def _declare_part(merged: _Keys, part: PartKeys) -> dict[bytes, bytes] | None:
    """Declare a part's keys in the joined file (in the order met); the part's key numbers
    as the joined file's, or None where they are the same."""
    ids = [merged.declare(scope, name, kind) for scope, name, kind in part.keys]
    if all(key_id == f"d{n}" for n, key_id in enumerate(ids)):
        return None
    return {str(n).encode(): key_id[1:].encode() for n, key_id in enumerate(ids)}


def _head(merged: _Keys, graph_attributes: dict[str, Any]) -> bytes:
    """The file up to its first element: the parts' keys, then the graph's own (declared
    after theirs, as one writer meets them last), then the graph's data."""
    keys = _Keys()
    keys.keys = dict(merged.keys)  # ``merged`` itself is left to the parts still to come
    graph_data = keys.data("graph", graph_attributes, "    ")
    return (_HEADER + keys.declared() + '  <graph edgedefault="undirected">\n' + graph_data).encode("utf-8")


_TAIL = b"  </graph>\n</graphml>\n"


def join_graphml(path: Path | str, parts: Iterable[PartKeys], graph_attributes: dict[str, Any]) -> tuple[int, str]:
    """Write the GraphML file ``path`` from ``parts`` in order, then remove their side files:
    the keys are declared (and numbered) in the order the parts met them, the graph's own
    data after them, so the file is the one a single writer of every node and edge gives.
    Returns the file's (bytes, SHA-256)."""
    parts = list(parts)
    merged = _Keys()
    renumbered = [_declare_part(merged, part) for part in parts]
    with HashedFile(Path(path)) as out:
        out.write(_head(merged, graph_attributes))
        for part, numbers in zip(parts, renumbered, strict=True):
            if numbers is None and not part.carriage_return and part.path is not None:
                out.copy(part.path)  # the usual case: the bytes as they are
            else:
                out.write(part.body(numbers))
        out.write(_TAIL)
        written = out.close()
    for part in parts:
        if part.path is not None:
            part.path.unlink()
    return written


class GraphmlJoin:
    """``join_graphml`` a part at a time, for parts that come one by one (an export's blocks,
    in bundle order) and must not all be held.

    The file is written straight away, hashed as it goes: its keys as the first part met
    them and the graph's data as expected (``graph_attributes``), then each part's elements,
    renumbered. Every block of an export meets the same keys, so the file is written once.
    When a later part meets a key not yet declared, or the graph's data at ``close`` is not
    the expected, ``close`` writes the file again with its keys all declared (the body is
    copied once): the file is always the one a single writer gives."""

    def __init__(self, path: Path, graph_attributes: dict[str, Any]) -> None:
        self.path = path
        self._expected = graph_attributes
        self._merged = _Keys()
        self._out: HashedFile | None = None
        self._head = 0
        self._keys_in_head = 0

    def add(self, part: PartKeys) -> None:
        if self._out is None and not part.keys and part.empty():
            return  # nothing to join (a block of families without maps)
        numbers = _declare_part(self._merged, part)
        if self._out is None:
            head = _head(self._merged, self._expected)
            self._out = HashedFile(self.path)
            self._out.write(head)
            self._head, self._keys_in_head = len(head), len(self._merged.keys)
        for piece in part.pieces(numbers):
            self._out.write(piece)
        if part.path is not None:
            part.path.unlink()

    def close(self, graph_attributes: dict[str, Any]) -> tuple[int, str]:
        """Finish the file; its (bytes, SHA-256)."""
        if self._out is None:
            with HashedFile(self.path) as out:
                out.write(_head(self._merged, graph_attributes))
                out.write(_TAIL)
                return out.close()
        if len(self._merged.keys) == self._keys_in_head and graph_attributes == self._expected:
            self._out.write(_TAIL)
            return self._out.close()
        self._out.close()  # its head is not the file's: written again
        body = self.path.with_name(self.path.name + ".body")
        os.replace(self.path, body)
        with HashedFile(self.path) as out:
            out.write(_head(self._merged, graph_attributes))
            out.copy(body, start=self._head)
            out.write(_TAIL)
            written = out.close()
        body.unlink()
        return written

    def discard(self) -> None:
        if self._out is not None:
            self._out.close()
        self.path.unlink(missing_ok=True)


class GraphmlStream:
    """One large graph written a part at a time, in constant memory: nodes and edges go to a
    side file as they come (``add_node``, ``add_edge``); ``close`` writes the file itself,
    its keys (known only at the end) first, and removes the side file."""

    def __init__(self, path: Path | str) -> None:
        self.path = Path(path)
        self._part = GraphmlPart(self.path.with_name(self.path.name + ".part"))

    @property
    def _carriage_return(self) -> bool:
        return self._part.carriage_return

    @_carriage_return.setter
    def _carriage_return(self, value: bool) -> None:
        self._part.carriage_return = value

    def add_node(self, node: Any, attributes: dict[str, Any]) -> None:
        self._part.add_node(node, attributes)

    def add_edge(self, a: Any, b: Any, attributes: dict[str, Any]) -> None:
        self._part.add_edge(a, b, attributes)

    def close(self, graph_attributes: dict[str, Any]) -> None:
        join_graphml(self.path, [self._part.finish()], graph_attributes)

    def discard(self) -> None:
        self._part.discard()
