"""A small, fast GraphML writer for the bundle's maps (undirected, simple attributes).

Owns ``write_graphml``: the same GraphML that ``networkx.write_graphml`` writes for our
graphs (one ``<key>`` per attribute name and scope, typed boolean/long/double/string,
then the graph's data, nodes and edges), written as text in one go. networkx's writer
builds an element tree per file and took more than half of a 1,000-map export; this
writes the same file a dozen times faster, and ``networkx.read_graphml`` reads it back
with the same types (the tests check). Qt-free.
"""

from __future__ import annotations

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


class _Keys:
    """The ``<key>`` declarations of one GraphML file, found as its data is written."""

    def __init__(self) -> None:
        self.keys: dict[tuple[str, str], tuple[str, str]] = {}  # (scope, name) -> (id, type)

    def data(self, scope: str, attributes: dict[str, Any], indent: str) -> str:
        parts = []
        for name, value in attributes.items():
            if value is None:
                continue
            kind = _type(value)
            found = self.keys.get((scope, name))
            if found is None:
                found = self.keys[scope, name] = (f"d{len(self.keys)}", kind)
            elif found[1] != kind:
                raise ValueError(f"GraphML attribute {scope}:{name} has values of two types.")
            parts.append(f'{indent}<data key="{found[0]}">{_text(value)}</data>\n')
        return "".join(parts)

    def declared(self) -> str:
        return "".join(
            f'  <key id="{key_id}" for="{scope}" attr.name={quoteattr(name)} attr.type="{kind}" />\n'
            for (scope, name), (key_id, kind) in self.keys.items())

    def node(self, node: Any, attributes: dict[str, Any]) -> str:
        return f"    <node id={quoteattr(str(node))}>\n{self.data('node', attributes, '      ')}    </node>\n"

    def edge(self, a: Any, b: Any, attributes: dict[str, Any]) -> str:
        return (f"    <edge source={quoteattr(str(a))} target={quoteattr(str(b))}>\n"
                f"{self.data('edge', attributes, '      ')}    </edge>\n")


def write_graphml(graph: nx.Graph, path: Path | str) -> None:
    """Write an undirected graph whose attributes are bool, int, float or str."""
    keys = _Keys()
    body = [keys.data("graph", graph.graph, "    ")]
    body += [keys.node(node, attributes) for node, attributes in graph.nodes(data=True)]
    body += [keys.edge(a, b, attributes) for a, b, attributes in graph.edges(data=True)]
    text = (_HEADER + keys.declared() + '  <graph edgedefault="undirected">\n' + "".join(body)
            + "  </graph>\n</graphml>\n")
    Path(path).write_text(text, encoding="utf-8")


class GraphmlStream:
    """One large graph written a part at a time, in constant memory: nodes and edges go to a
    side file as they come (``add_node``, ``add_edge``); ``close`` writes the file itself,
    its keys (known only at the end) first, and removes the side file."""

    def __init__(self, path: Path | str) -> None:
        self.path = Path(path)
        self.keys = _Keys()
        self._body_path = self.path.with_name(self.path.name + ".part")
        self._body = self._body_path.open("w", encoding="utf-8")

    def add_node(self, node: Any, attributes: dict[str, Any]) -> None:
        self._body.write(self.keys.node(node, attributes))

    def add_edge(self, a: Any, b: Any, attributes: dict[str, Any]) -> None:
        self._body.write(self.keys.edge(a, b, attributes))

    def close(self, graph_attributes: dict[str, Any]) -> None:
        self._body.close()
        graph_data = self.keys.data("graph", graph_attributes, "    ")
        with self.path.open("w", encoding="utf-8") as out, self._body_path.open(encoding="utf-8") as body:
            out.write(_HEADER + self.keys.declared() + '  <graph edgedefault="undirected">\n' + graph_data)
            for line in body:
                out.write(line)
            out.write("  </graph>\n</graphml>\n")
        self._body_path.unlink()

    def discard(self) -> None:
        self._body.close()
        self._body_path.unlink(missing_ok=True)
