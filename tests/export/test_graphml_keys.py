"""A GraphML file's keys: declared in the order met, whatever another file declared before
(``_Keys.declare_all`` remembers each step from the keys declared so far), and a second type
for one attribute refused every time."""

from __future__ import annotations

import pytest

from fieldwork.export.graphml_writer import _Keys

ABOUT = ("centre_key", "rings", "wave")
NODE = ("label", "on_map", "ring", "x")
NODE_KINDS = ("string", "boolean", "long", "double")


def test_files_that_meet_the_same_keys_number_them_the_same() -> None:
    first, second = _Keys(), _Keys()
    for keys in (first, second):
        assert keys.declare_all("graph", ABOUT, ("string", "long", "long")) == ("d0", "d1", "d2")
        assert keys.declare_all("node", NODE, NODE_KINDS) == ("d3", "d4", "d5", "d6")
    assert first.keys == second.keys
    assert first.declared() == second.declared()
    assert 'id="d5" for="node" attr.name="ring" attr.type="long"' in second.declared()


def test_a_file_that_meets_keys_in_another_order_numbers_them_in_its_own_order() -> None:
    _Keys().declare_all("graph", ABOUT, ("string", "long", "long"))  # remembered for files that start so
    other = _Keys()
    assert other.declare_all("node", NODE, NODE_KINDS) == ("d0", "d1", "d2", "d3")
    assert other.declare_all("graph", ABOUT, ("string", "long", "long")) == ("d4", "d5", "d6")
    one_by_one = _Keys()
    for name, kind in zip(NODE, NODE_KINDS, strict=True):
        one_by_one.declare("node", name, kind)
    for name, kind in zip(ABOUT, ("string", "long", "long"), strict=True):
        one_by_one.declare("graph", name, kind)
    assert other.keys == one_by_one.keys


def test_an_attribute_with_values_of_two_types_is_refused_after_a_remembered_step_too() -> None:
    _Keys().declare_all("node", NODE, NODE_KINDS)
    keys = _Keys()
    keys.declare("node", "ring", "string")
    with pytest.raises(ValueError, match="node:ring has values of two types"):
        keys.declare_all("node", NODE, NODE_KINDS)


def test_data_lines_leave_out_missing_values_and_show_booleans_and_text_as_graphml_does() -> None:
    keys = _Keys()
    lines = keys.data("graph", {"study": "A & <B>", "missing": None, "on": True, "rings": 3, "scale": 1.5}, "    ")
    assert lines == ('    <data key="d0">A &amp; &lt;B&gt;</data>\n    <data key="d1">true</data>\n'
                     '    <data key="d2">3</data>\n    <data key="d3">1.5</data>\n')
    assert [kind for _id, kind in keys.keys.values()] == ["string", "boolean", "long", "double"]
    assert keys.data("graph", {"study": "plain", "on": False}, "  ") == (
        '  <data key="d0">plain</data>\n  <data key="d1">false</data>\n')
