"""A rounded coordinate's text in the GraphML files: ``three_places`` is ``repr(round(v, 3))``
(what ``%s`` wrote for the number before), digit for digit."""

from __future__ import annotations

import math

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from fieldwork.export.graphml_writer import three_places

EDGES = [0.0, -0.0, 0.0004, -0.0004, 0.0005, -0.0005, 0.0015, 0.0625, -0.0625, 2.675, 1.0005, 123.4565,
         0.1, 0.3, 1e-300, -1e-300, 299.99999, 30000.0, -45.12, 999999999.9995, -999999999.9995,
         999999999.9994, 1e9, -1e9, 1e15 + 0.3, 1e16, 1e300, math.inf, -math.inf]


@pytest.mark.parametrize("value", EDGES)
def test_a_number_at_an_edge_of_rounding_is_written_as_before(value: float) -> None:
    assert three_places(value) == repr(round(value, 3))


def test_not_a_number_is_written_as_before() -> None:
    assert three_places(math.nan) == repr(round(math.nan, 3)) == "nan"


@settings(max_examples=3000)
@given(st.floats(allow_nan=False) | st.floats(min_value=-1e6, max_value=1e6)
       | st.integers(min_value=-10**9, max_value=10**9).map(lambda n: n / 2000))
def test_any_number_is_written_as_repr_of_it_rounded_to_three_places(value: float) -> None:
    assert three_places(value) == repr(round(value, 3))
