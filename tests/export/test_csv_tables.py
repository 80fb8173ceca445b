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
