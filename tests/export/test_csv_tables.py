"""A CSV file of the bundle takes only rows with exactly its declared columns."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from fieldwork.export.columns import Column, FileSpec
from fieldwork.export.csv_tables import AssembledCsv, CsvTable

SPEC = FileSpec("people.csv", "person", (Column("person_code", "string", "The person's code."),
                                         Column("ring", "integer", "The ring."),
                                         Column("note", "string", "A note.", only_with="free_text")))


@pytest.mark.parametrize(("row", "said"), [
    ({"person_code": "P001", "ring": 1, "extra": "x"}, "extra ['extra'], missing []"),
    ({"person_code": "P001"}, "extra [], missing ['ring']"),
    ({"person_code": "P001", "note": "free text"}, "extra ['note'], missing ['ring']"),  # same width
])
def test_a_row_with_other_columns_is_refused_and_says_which(tmp_path: Path, row: dict, said: str) -> None:
    with CsvTable(tmp_path / SPEC.name, SPEC, free_text=False, names=False) as table:
        table.write([{"person_code": "P000", "ring": 2}])
        refused = re.escape(f"people.csv: row does not match its declared columns ({said}")
        with pytest.raises(RuntimeError, match=refused):
            table.write([row])
    assert table.count == 1
    assert (tmp_path / SPEC.name).read_bytes().decode("utf-8-sig") == "person_code,ring\r\nP000,2\r\n"


def test_parts_in_memory_are_joined_under_one_header(tmp_path: Path) -> None:
    whole = AssembledCsv(tmp_path / SPEC.name, SPEC, free_text=True, names=False)
    for rows in ([{"person_code": "P001", "ring": 1, "note": "a, b"}], [], [{"person_code": "P002", "ring": 3,
                                                                           "note": ""}]):
        with CsvTable(None, SPEC, free_text=True, names=False) as part:
            part.write(rows)
        whole.append(part.part(), part.count)
    size, _digest = whole.close()
    data = (tmp_path / SPEC.name).read_bytes()
    assert data.startswith(b"\xef\xbb\xbf") and size == len(data) and whole.count == 2
    assert data.decode("utf-8-sig") == 'person_code,ring,note\r\nP001,1,"a, b"\r\nP002,3,\r\n'


WIDE = FileSpec("wide.csv", "row", (Column("a", "string", "A."), Column("b", "string", "B."),
                                    Column("c", "number", "C.")))
ONE = FileSpec("one.csv", "row", (Column("a", "string", "A."),))


@pytest.mark.parametrize("values", [
    [("P001", "friend", 1), ("P002", "", 2.5)],  # plain: written by joining
    [("a, b", "x", 1)],  # a comma in a value: quoted
    [('say "hi"', "x", 0)],  # a quote: doubled and quoted
    [("two\nlines", "x", 1), ("cr\ronly", "y", 2), ("crlf\r\nend", "z", 3)],  # line breaks: quoted
    [(None, "x", None)],  # None: an empty cell
    [("None", "x", 1)],  # the text "None" itself
    [(True, False, 0.1 + 0.2), ("", "", -0.0), ("é ü 中", "\t", 10**20)],
    [],
])
def test_rows_are_written_as_the_csv_module_writes_them(values: list[tuple]) -> None:
    """Rows of plain values are joined in C; the file is byte for byte what csv.writer gives."""
    import csv
    import io

    expected = io.StringIO(newline="")
    csv.writer(expected).writerows(values)
    with CsvTable(None, WIDE, free_text=False, names=False) as table:
        table.write([dict(zip("abc", row, strict=True)) for row in values])
        table.write([{"a": "after", "b": "more", "c": 1}])
    csv.writer(expected).writerow(("after", "more", 1))
    assert table.part() == expected.getvalue().encode("utf-8") and table.count == len(values) + 1


def test_a_file_of_one_column_keeps_csv_own_way_for_an_empty_value() -> None:
    with CsvTable(None, ONE, free_text=False, names=False) as table:
        table.write([{"a": ""}, {"a": "x"}])
    assert table.part() == b'""\r\nx\r\n'


def test_plain_rows_take_the_joined_way_and_others_csv_own() -> None:
    from fieldwork.export.csv_tables import _plain_lines

    assert _plain_lines([("P001", "friend", 1), ("P002", "", 2.5)], 3) == "P001,friend,1\r\nP002,,2.5\r\n"
    assert _plain_lines([("a, b", "x", 1)], 3) is None and _plain_lines([(None, "x", 1)], 3) is None


@pytest.mark.parametrize("values", [
    [("P001", "friend", 1), ("P002", "", 2.5)],
    [("a, b", 'say "hi"', None), ("two\nlines", "None", -0.0)],
    [],
])
def test_rows_given_as_values_are_written_as_the_same_rows_given_as_dicts(values: list[tuple]) -> None:
    from fieldwork.export.csv_tables import ValueRows

    with CsvTable(None, WIDE, free_text=False, names=False) as as_dicts:
        as_dicts.write([dict(zip("abc", row, strict=True)) for row in values])
    with CsvTable(None, WIDE, free_text=False, names=False) as as_values:
        as_values.write(ValueRows(("a", "b", "c"), values))
    assert as_values.part() == as_dicts.part() and as_values.count == as_dicts.count == len(values)


@pytest.mark.parametrize(("columns", "values", "said"), [
    (("a", "c", "b"), [("x", 1, "y")], "extra [], missing [], or in another order"),
    (("a", "b"), [("x", "y")], "extra [], missing ['c']"),
    (("a", "b", "c", "d"), [("x", "y", 1, 2)], "extra ['d'], missing []"),
    (("a", "b", "c"), [("x", "y", 1), ("short", "row")], "a row does not have the 3 values"),
])
def test_values_under_other_columns_or_of_another_width_are_refused_and_nothing_is_written(
        columns: tuple[str, ...], values: list[tuple], said: str) -> None:
    from fieldwork.export.csv_tables import ValueRows

    with CsvTable(None, WIDE, free_text=False, names=False) as table:
        table.write(ValueRows(("a", "b", "c"), [("kept", "row", 1)]))
        with pytest.raises(RuntimeError, match=re.escape(said)):
            table.write(ValueRows(columns, values))
    assert table.part() == b"kept,row,1\r\n" and table.count == 1
