"""One large GraphML graph written a part at a time: all_maps.graphml, every map of a study.

Owns ``GraphmlPart`` (some nodes and edges with their own key ids, in a side file or held
in memory: a worker's block of families), ``PartKeys`` (a finished part), ``join_graphml``
and ``GraphmlJoin`` (the parts put together in order, keys renumbered, as if one writer had
met them all, hashed as written) and ``GraphmlStream`` (one graph in constant memory). The
elements themselves are written by ``graphml_writer``. Qt-free.
"""

from __future__ import annotations

import os
import re
from collections.abc import Iterable
from dataclasses import dataclass
from pathlib import Path
from typing import Any, TextIO

from fieldwork.export.graphml_writer import _HEADER, _Keys
from fieldwork.export.hashed_file import HashedFile, StoredBytes


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
    pieces, or where a worker stored it: ``StoredBytes``), its keys (scope, name, type) in
    id order, and whether a value held a carriage return."""

    path: Path | None
    keys: list[tuple[str, str, str]]
    carriage_return: bool
    chunks: list[bytes | StoredBytes] | None = None

    def empty(self) -> bool:
        """No elements at all (a block of families without maps)."""
        if self.chunks is not None:
            return not any(self.chunks)
        return self.path is None or self.path.stat().st_size == 0

    def pieces(self, numbers: dict[bytes, bytes] | None) -> list[bytes | StoredBytes]:
        """The part's elements as the joined file holds them (``body``), in pieces: as they
        were held when nothing is to change, the usual case."""
        if self.chunks is not None and numbers is None and not self.carriage_return:
            return self.chunks
        return [self.body(numbers)]

    def body(self, numbers: dict[bytes, bytes] | None) -> bytes:
        """The part's elements as the joined file holds them: its key ids renumbered
        (``numbers``), and a value's \\r\\n or \\r as \\n (as the file has always had them:
        it was once read back as text)."""
        data = (b"".join(c if isinstance(c, bytes) else c.read() for c in self.chunks) if self.chunks is not None
                else self.path.read_bytes())  # type: ignore[union-attr]
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
