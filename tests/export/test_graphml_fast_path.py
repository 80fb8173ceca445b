"""The export's fast GraphML path writes exactly what the readable path wrote, byte for byte.

``graphml_maps.map_graph`` (plain dicts) against ``network_files.graphml_for`` (a networkx
graph): the same graph data, nodes, edges, values and order, for every map of the demo,
with and without names and free text, with awkward labels and ties. ``write_graph_parts``
(templates per shape) against the value-by-value writer the bundle used before, kept here
as the reference: the same bytes, with text that must be escaped, ids that must be quoted,
missing values and values of other types.
"""

from __future__ import annotations

import hashlib
from dataclasses import replace
from pathlib import Path
from typing import Any
from xml.sax.saxutils import escape, quoteattr

import networkx as nx
import pytest

from fieldwork.export import network_files
from fieldwork.export.graphml_maps import map_graph
from fieldwork.export.graphml_writer import _HEADER, write_graph_parts, write_graphml
from fieldwork.export.study_reader import Pseudonyms, StoredNetwork, read_study, tie_triples

AWKWARD = "Zoë & <Ahmed> \"Łukasz\" 'Ola' محمد {0} {}"


def _reference_graphml(about: dict[str, Any], nodes: list, edges: list) -> str:
    """The writer as it was before the fast path: every value's key and type looked up."""
    keys: dict[tuple[str, str], tuple[str, str]] = {}
    kinds = {bool: "boolean", int: "long", float: "double", str: "string"}

    def text(value: Any) -> str:
        if isinstance(value, bool):
            return "true" if value else "false"
        return escape(str(value))

    def data(scope: str, attributes: dict[str, Any], indent: str) -> str:
        out = ""
        for name, value in attributes.items():
            if value is None:
                continue
            kind = kinds.get(type(value), "string")
            found = keys.setdefault((scope, name), (f"d{len(keys)}", kind))
            assert found[1] == kind
            out += f'{indent}<data key="{found[0]}">{text(value)}</data>\n'
        return out

    body = data("graph", about, "    ")
    for node, attributes in nodes:
        body += f"    <node id={quoteattr(str(node))}>\n{data('node', attributes, '      ')}    </node>\n"
    for a, b, attributes in edges:
        body += (f"    <edge source={quoteattr(str(a))} target={quoteattr(str(b))}>\n"
                 f"{data('edge', attributes, '      ')}    </edge>\n")
    declared = "".join(f'  <key id="{i}" for="{s}" attr.name={quoteattr(n)} attr.type="{k}" />\n'
                       for (s, n), (i, k) in keys.items())
    return _HEADER + declared + '  <graph edgedefault="undirected">\n' + body + "  </graph>\n</graphml>\n"


@pytest.fixture
def demo_data(demo_store):
    data = read_study(demo_store.db)
    return data, Pseudonyms(data, shift_dates=False)


@pytest.mark.parametrize(("free_text", "names"), [(False, False), (True, False), (True, True)])
def test_map_graph_is_graphml_for_as_plain_values(demo_data, free_text: bool, names: bool) -> None:
    data, codes = demo_data
    assert data.maps
    for key, stored in data.maps.items():
        network = stored.network
        first = network.people()[0]
        network.replace_person(replace(first, label=AWKWARD))
        expected = network_files.graphml_for(data, key, codes, free_text, names)
        found = map_graph(data, key, codes, free_text, names)
        assert list(found.graph.items()) == list(expected.graph.items())
        assert [(n, list(d.items())) for n, d in found.nodes] == \
            [(n, list(d.items())) for n, d in expected.nodes(data=True)]
        assert [(a, b, list(d.items())) for a, b, d in found.edges] == \
            [(a, b, list(d.items())) for a, b, d in expected.edges(data=True)]
        assert tie_triples(network) == [(t.a, t.b, t.closeness) for t in network.ties()]


def test_a_read_map_walks_its_people_and_ties_once(demo_data) -> None:
    """``StoredNetwork.people`` and ``ties`` are the map's own, found once and then kept
    (an export asks each map for them several times and never changes it)."""
    data, _codes = demo_data
    for stored in data.maps.values():
        fresh = StoredNetwork(stored.head, stored.network)
        people, ties = fresh.people(), fresh.ties()
        assert people == stored.network.people()
        assert ties == tie_triples(stored.network) == [(t.a, t.b, t.closeness) for t in stored.network.ties()]
        assert fresh.people() is people and fresh.ties() is ties


def _ties_drawn_again(data, order: list[tuple[int, int]]) -> tuple[str, list[str]]:
    """The demo's largest map with its ties taken away and drawn again between the people at
    these places, in this order; its interview key and its people's keys."""
    key, stored = max(data.maps.items(), key=lambda item: len(item[1].network.people()))
    network = stored.network
    people = [p.key for p in network.people()]
    for tie in network.ties():
        network.remove_tie(tie.a, tie.b)
    for a, b in order:
        network.add_tie(people[a], people[b], "difficult" if people[a] < people[b] else "loose")
    data.maps[key] = StoredNetwork(stored.head, network)  # walked again, as if read that way
    return key, people


def test_a_map_with_ties_drawn_in_any_order_keeps_networkx_edge_order(demo_data) -> None:
    data, codes = demo_data
    key, people = _ties_drawn_again(data, [(-1, 0), (1, -1), (0, 1)])
    expected = network_files.graphml_for(data, key, codes, free_text=True, names=True)
    found = map_graph(data, key, codes, free_text=True, names=True)
    assert found.edges == list(expected.edges(data=True))
    assert [(a, b) for a, b, _data in found.edges][-3:] == [(people[0], people[-1]), (people[0], people[1]),
                                                            (people[1], people[-1])]


def test_the_export_map_writer_keeps_networkx_edge_order_for_ties_drawn_in_any_order(
        demo_data, tmp_path: Path) -> None:
    """Ties drawn last person first, then back: the export's writer (``MapGraphml``) walks
    them as networkx does, each from the end met first on the map, as ``map_graph`` does."""
    from fieldwork.export.graphml_parts import GraphmlPart
    from fieldwork.export.map_graphml import MapGraphml

    data, codes = demo_data
    key, _people = _ties_drawn_again(data, [(-1, 2), (3, 1), (-1, 0), (1, -1), (0, 1), (2, 3)])
    MapGraphml(GraphmlPart(), 1, 0, True, True).write(data, key, codes, tmp_path / "fast.graphml")
    graph = map_graph(data, key, codes, free_text=True, names=True)
    write_graph_parts(graph.graph, graph.nodes, graph.edges, tmp_path / "slow.graphml")
    assert (tmp_path / "fast.graphml").read_bytes() == (tmp_path / "slow.graphml").read_bytes()
    assert graph.edges == list(network_files.graphml_for(data, key, codes, True, True).edges(data=True))


def test_written_bytes_are_the_reference_writers(demo_data, tmp_path: Path) -> None:
    data, codes = demo_data
    for key in data.maps:
        graph = network_files.graphml_for(data, key, codes, free_text=True, names=True)
        nodes = list(graph.nodes(data=True))
        nodes[1][1]["label"] = AWKWARD
        nodes[2][1]["note"] = None  # a missing value is left out
        edges = list(graph.edges(data=True))
        write_graphml(graph, tmp_path / "ours.graphml")
        assert (tmp_path / "ours.graphml").read_text(encoding="utf-8") == \
            _reference_graphml(graph.graph, nodes, edges)


def test_odd_ids_values_and_shapes_are_written_as_before(tmp_path: Path) -> None:
    from datetime import date

    nodes = [
        ("plain", {"a": 1, "b": 2.5, "c": True, "d": "x"}),
        ('quote"d', {"a": 2, "b": 0.1, "c": False, "d": "y & z"}),
        ("both'\"", {"a": 3, "b": 1e16, "c": True, "d": "<tag>"}),
        ("tab\tnew\nline", {"d": "only text", "a": 4}),
        ("dated", {"a": 5, "when": date(2026, 1, 2), "d": None}),
        ("one", {"c": False}),
        ("empty", {}),
        ("plain2", {"a": 6, "b": -0.0, "c": True, "d": ""}),
    ]
    edges = [("plain", "one", {"w": 1}), ("one", "dated", {"w": 2, "label": "a<b"}),
             ("empty", "plain", {})]
    about = {"name": "Study & <co>", "maps": 3, "none": None}
    write_graph_parts(about, nodes, edges, tmp_path / "odd.graphml")
    assert (tmp_path / "odd.graphml").read_text(encoding="utf-8") == _reference_graphml(about, nodes, edges)
    with pytest.raises(ValueError, match="two types"):
        write_graph_parts({}, [("a", {"x": 1}), ("b", {"x": "one"})], [], tmp_path / "bad.graphml")


def _streamed(path: Path, nodes: list, as_text: bool = False) -> bytes:
    from fieldwork.export.graphml_parts import GraphmlStream

    stream = GraphmlStream(path)
    for node, attributes in nodes:
        stream.add_node(node, attributes)
    stream.add_edge(nodes[0][0], nodes[-1][0], {"kind": "between"})
    if as_text:
        stream._carriage_return = True  # the text path, which every file took before
    stream.close({"maps": 1})
    return path.read_bytes()


def test_all_maps_is_copied_as_bytes_unless_a_value_holds_a_carriage_return(tmp_path: Path) -> None:
    nodes = [("a", {"label": "Zoë & Łukasz", "x": 1.5}), ("b", {"label": "محمد", "on_map": True})]
    assert _streamed(tmp_path / "bytes.graphml", nodes) == _streamed(tmp_path / "text.graphml", nodes, True)
    assert not list(tmp_path.glob("*.part"))
    noted = [*nodes, ("c", {"note": "line one\r\nline two\rthree"})]
    written = _streamed(tmp_path / "noted.graphml", noted)
    assert b"line one\nline two\nthree" in written and b"\r" not in written  # as it always was


def _awkward_maps(data) -> None:
    """Labels to escape, a note with a line break, someone off the map, a tie without closeness,
    and a note that is not text (None, as a damaged copy could hold: left out of the file)."""
    from fieldwork.domain.map_people import Person

    for n, stored in enumerate(data.maps.values()):
        network = stored.network
        people = network.people()
        if not people:
            continue
        network.replace_person(replace(people[0], label=AWKWARD, note="line one\r\nline <two>"))
        if n % 3 == 1 and len(people) > 1 and people[-1].on_map:
            network.replace_person(Person(people[-1].key, people[-1].label, people[-1].relationship,
                                          people[-1].sector, None, None, off_map_reason="deceased"))
        if n % 3 == 2 and len(people) > 2:  # past the checks, as a damaged copy is read
            network._graph.nodes[people[1].key]["person"] = replace(people[1], note=None)
    ties = [stored.network._graph for stored in data.maps.values() if stored.network.ties()]
    first = ties[0]
    a, b = next(iter(first.edges))
    first.edges[a, b]["closeness"] = None  # left out of the file, as the value-by-value writer does
    # A map read for an export keeps its people and ties once walked: changed here, it is
    # stored again, as if read that way.
    for key, stored in data.maps.items():
        data.maps[key] = StoredNetwork(stored.head, stored.network)


@pytest.mark.parametrize(("free_text", "names"), [(False, False), (True, True)])
def test_the_export_map_writer_writes_what_the_readable_path_writes(demo_data, tmp_path: Path,
                                                                    free_text: bool, names: bool) -> None:
    """``MapGraphml`` (one pass, two files) against ``map_graph`` + ``write_graph_parts`` for
    each map's file and ``StudyGraph.add_map`` for all_maps, split into two parts held in
    memory (as a worker sends them back) and joined a part at a time (``GraphmlJoin``)."""
    from fieldwork.export.graphml_parts import GraphmlJoin, GraphmlPart
    from fieldwork.export.map_graphml import MapGraphml

    data, codes = demo_data
    _awkward_maps(data)
    keys = network_files.map_interviews(data)
    half = len(keys) // 2
    (tmp_path / "fast").mkdir()
    (tmp_path / "slow").mkdir()
    about = network_files.StudyGraph(len(keys), "Demo & <study>").about
    joined = GraphmlJoin(tmp_path / "fast" / "all.graphml", {**about, "maps": len(keys)})
    for n, chunk in enumerate((keys[:half], keys[half:])):
        part = GraphmlPart()
        writer = MapGraphml(part, len(keys), 0 if n == 0 else half, free_text, names)
        for key in chunk:
            writer.write(data, key, codes, tmp_path / "fast" / f"{key}.graphml")
        joined.add(part.finish())
    joined.close({**about, "maps": len(keys)})
    whole = network_files.StudyGraph(len(keys), "Demo & <study>", tmp_path / "slow" / "all.graphml")
    for key in keys:
        graph = map_graph(data, key, codes, free_text, names)
        write_graph_parts(graph.graph, graph.nodes, graph.edges, tmp_path / "slow" / f"{key}.graphml")
        whole.add_map(key, graph)
    whole.close()
    for key in [*keys, "all"]:
        fast = (tmp_path / "fast" / f"{key}.graphml").read_bytes()
        assert fast == (tmp_path / "slow" / f"{key}.graphml").read_bytes(), key
    assert b"deceased" in fast
    assert (b"&lt;Ahmed&gt;" in fast and b"line one\nline &lt;two&gt;" in fast) == names
    assert not list(tmp_path.glob("*.body"))


def test_a_map_whose_own_data_is_of_an_unusual_type_is_written_value_by_value(demo_data,
                                                                               tmp_path: Path) -> None:
    """A wave stored as a date (a damaged or hand-edited copy): the map's own data cannot be
    shown by the templates, so every node of that map is written value by value, its x, y and
    angle still typed as numbers, in its file and in all_maps, as the readable path writes it."""
    from datetime import date

    from fieldwork.export.graphml_parts import GraphmlPart, join_graphml
    from fieldwork.export.map_graphml import MapGraphml

    data, codes = demo_data
    key = network_files.map_interviews(data)[0]
    data.interview_by_key[key]["wave"] = date(2026, 1, 2)
    part = GraphmlPart()
    MapGraphml(part, 1, 0, True, True).write(data, key, codes, tmp_path / "fast.graphml")
    join_graphml(tmp_path / "fast_all.graphml", [part.finish()], {"maps": 1})
    graph = map_graph(data, key, codes, free_text=True, names=True)
    write_graph_parts(graph.graph, graph.nodes, graph.edges, tmp_path / "slow.graphml")
    whole = network_files.StudyGraph(1, "", tmp_path / "slow_all.graphml")
    whole.add_map(key, graph)
    whole.close()
    fast = (tmp_path / "fast.graphml").read_bytes()
    assert fast == (tmp_path / "slow.graphml").read_bytes()
    assert b">2026-01-02</data>" in fast and b'attr.name="angle" attr.type="double"' in fast
    fast_all = nx.read_graphml(tmp_path / "fast_all.graphml")
    slow_all = nx.read_graphml(tmp_path / "slow_all.graphml")
    assert list(fast_all.nodes(data=True)) == list(slow_all.nodes(data=True))
    assert all(isinstance(d["x"], float) and isinstance(d["map_x"], float) for _n, d in fast_all.nodes(data=True))


def test_parts_that_met_their_keys_in_another_order_are_renumbered(tmp_path: Path) -> None:
    from fieldwork.export.graphml_parts import GraphmlPart, GraphmlStream, join_graphml

    elements = [("node", "a", {"x": 1, "label": "one"}), ("node", "b", {"label": "two", "y": 2.5}),
                ("node", "c", {"y": 0.5, "extra": True, "x": 3}), ("edge", ("a", "c"), {"w": 1})]
    one = GraphmlStream(tmp_path / "one.graphml")
    parts = [GraphmlPart(tmp_path / "p0"), GraphmlPart(tmp_path / "p1")]
    for n, (scope, ends, attributes) in enumerate(elements):
        for writer in (one, parts[0] if n < 1 else parts[1]):
            if scope == "node":
                writer.add_node(ends, attributes)
            else:
                writer.add_edge(*ends, attributes)
    one.close({"maps": 2})
    join_graphml(tmp_path / "joined.graphml", [p.finish() for p in parts], {"maps": 2})
    assert (tmp_path / "joined.graphml").read_bytes() == (tmp_path / "one.graphml").read_bytes()
    assert not list(tmp_path.glob("p[01]"))
    clash = GraphmlPart(tmp_path / "p2")
    clash.add_node("d", {"x": "text"})
    with pytest.raises(ValueError, match="two types"):
        join_graphml(tmp_path / "bad.graphml", [_part_with_x_long(tmp_path), clash.finish()], {})


def test_parts_in_memory_joined_as_they_come_give_the_file_one_writer_gives(tmp_path: Path) -> None:
    """What an export does with its blocks: each part held in memory, joined as it comes,
    renumbered where it met its keys in another order, a value's \\r\\n kept as \\n."""
    from fieldwork.export.graphml_parts import GraphmlJoin, GraphmlPart, GraphmlStream

    elements = [("a", {"x": 1, "label": "one"}), ("b", {"label": "two\r\nlines", "y": 2.5}),
                ("c", {"y": 0.5, "extra": True, "x": 3}), ("d", {"label": "four & <more>"})]
    one = GraphmlStream(tmp_path / "one.graphml")
    joined = GraphmlJoin(tmp_path / "joined.graphml", {"maps": 4})
    for node, attributes in elements:
        one.add_node(node, attributes)
        part = GraphmlPart()
        part.add_node(node, attributes)
        joined.add(part.finish())
    one.close({"maps": 4})
    assert joined.close({"maps": 4}) == (len((tmp_path / "one.graphml").read_bytes()),
                                         hashlib.sha256((tmp_path / "one.graphml").read_bytes()).hexdigest())
    assert (tmp_path / "joined.graphml").read_bytes() == (tmp_path / "one.graphml").read_bytes()
    assert b"two\nlines" in (tmp_path / "joined.graphml").read_bytes()
    assert sorted(p.name for p in tmp_path.iterdir()) == ["joined.graphml", "one.graphml"]
    graph = nx.read_graphml(tmp_path / "joined.graphml")
    assert graph.nodes["c"] == {"y": 0.5, "extra": True, "x": 3}


def _part_with_x_long(tmp_path: Path):
    from fieldwork.export.graphml_parts import GraphmlPart

    part = GraphmlPart(tmp_path / "p4")
    part.add_node("e", {"x": 1})
    return part.finish()


@pytest.mark.parametrize("maps_at_close", [2, 3])
def test_parts_with_the_keys_of_the_first_are_written_once(tmp_path: Path, maps_at_close: int) -> None:
    """The usual export: every block meets the first block's keys, and the file is written
    straight away; graph data other than expected at the end has it written again. Either
    way it is the file one writer gives, and nothing is left beside it."""
    from fieldwork.export.graphml_parts import GraphmlJoin, GraphmlPart, GraphmlStream

    one = GraphmlStream(tmp_path / "one.graphml")
    joined = GraphmlJoin(tmp_path / "joined.graphml", {"maps": 2, "study": "Ürün & <x>"})
    assert not (tmp_path / "joined.graphml").exists()
    empty = GraphmlPart()  # a first block without maps
    joined.add(empty.finish())
    for node in ("a", "b"):
        attributes = {"label": node, "ring": 1, "on_map": True}
        one.add_node(node, attributes)
        part = GraphmlPart()
        part.add_node(node, attributes)
        joined.add(part.finish())
    one.close({"maps": maps_at_close, "study": "Ürün & <x>"})
    size, digest = joined.close({"maps": maps_at_close, "study": "Ürün & <x>"})
    written = (tmp_path / "joined.graphml").read_bytes()
    assert written == (tmp_path / "one.graphml").read_bytes()
    assert (size, digest) == (len(written), hashlib.sha256(written).hexdigest())
    assert sorted(p.name for p in tmp_path.iterdir()) == ["joined.graphml", "one.graphml"]

