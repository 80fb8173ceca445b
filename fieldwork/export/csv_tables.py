"""The bundle's CSV files as they are written: one open file under its declared header.

Owns ``CsvTable`` (one open CSV file that refuses a row whose columns are not its file's
declared columns; a block's part of a file when written without its header) and
``AssembledCsv`` (a file of the bundle put together from its blocks' parts, hashed as it is
written). A block's part is held in memory, not written to a file of its own; a worker
process stores its block's parts in one of a few files it reuses (``block_files``) and
hands them over as ``StoredBytes``. A file made and removed per block and per table cost
more than writing its rows: ext4 without a journal (this machine's) passes over every
inode freed in the last minutes each time it makes a file. CSVs are UTF-8 with a
byte-order mark (``ENCODING``). Qt-free.
"""

from __future__ import annotations

import csv
import io
from collections.abc import Iterable
from dataclasses import dataclass
from operator import itemgetter
from pathlib import Path
from types import TracebackType
from typing import Any

from fieldwork.export.columns import FileSpec
from fieldwork.export.hashed_file import HashedFile, StoredBytes

ENCODING = "utf-8-sig"


@dataclass(frozen=True)
class ValueRows:
    """Rows as tuples of values under their column names, for the largest files: a dict per
    row cost more than writing it (``network_files.member_values``). ``CsvTable.write``
    checks the names once against its declared header, and each row's length."""

    columns: tuple[str, ...]
    values: list[tuple[Any, ...]]

    def as_dicts(self) -> list[dict[str, Any]]:
        """The same rows as dicts (column name to value)."""
        columns = self.columns
        return [dict(zip(columns, row, strict=True)) for row in self.values]


class CsvTable:
    """One CSV file of the bundle, open for rows under its declared header."""

    def __init__(self, path: Path | None, spec: FileSpec, free_text: bool, names: bool) -> None:
        """``path=None``: a part of the file (a block's rows), kept in memory (``part``) to be
        appended to the file (``AssembledCsv.append``): no byte-order mark, no header row."""
        self.spec = spec
        self.columns = [c.name for c in spec.included(free_text, names)]
        self._wanted = set(self.columns)
        # In memory, newline="\n": the text kept as written, like newline="" (csv writes
        # \r\n itself), without the newline decoder that "" runs every write through.
        self._handle = (io.StringIO(newline="\n") if path is None
                        else path.open("w", encoding=ENCODING, newline=""))
        self._writer = csv.writer(self._handle)
        if path is not None:
            self._writer.writerow(self.columns)
        self.count = 0

    def write(self, rows: Iterable[dict[str, Any]] | ValueRows) -> None:
        """Write ``rows``; a row with other columns than declared is a bug, refused (and
        none of ``rows`` is written)."""
        if isinstance(rows, ValueRows):
            self._write_values(rows)
            return
        rows = rows if isinstance(rows, list) else list(rows)
        width = len(self.columns)
        # The rows' values in header order, picked in C: a million cells in a large export.
        # A missing column fails the pick, an extra one the length: the same check as
        # comparing the row's keys with the header, without a set per row.
        pick = itemgetter(*self.columns) if width > 1 else lambda row: (row[self.columns[0]],)
        try:
            values = list(map(pick, rows))
        except KeyError:
            values = None
        if values is None or any(map(width.__ne__, map(len, rows))):
            for row in rows:
                if set(row) != self._wanted:
                    extra, missing = set(row) - self._wanted, self._wanted - set(row)
                    raise RuntimeError(f"{self.spec.name}: row does not match its declared columns "
                                       f"(extra {sorted(extra)}, missing {sorted(missing)}).")
        lines = _plain_lines(values, width)  # type: ignore[arg-type]
        if lines is None:
            self._writer.writerows(values)  # type: ignore[arg-type]
        else:
            self._handle.write(lines)
        self.count += len(rows)

    def _write_values(self, rows: ValueRows) -> None:
        width = len(self.columns)
        if list(rows.columns) != self.columns:
            extra, missing = set(rows.columns) - self._wanted, self._wanted - set(rows.columns)
            raise RuntimeError(f"{self.spec.name}: rows do not match its declared columns "
                               f"(extra {sorted(extra)}, missing {sorted(missing)}, or in another order).")
        values = rows.values
        if any(map(width.__ne__, map(len, values))):
            raise RuntimeError(f"{self.spec.name}: a row does not have the {width} values of its declared columns.")
        lines = _plain_lines(values, width)
        if lines is None:
            self._writer.writerows(values)
        else:
            self._handle.write(lines)
        self.count += len(values)

    def part(self) -> bytes:
        """A part's rows (``path=None``) as UTF-8."""
        assert isinstance(self._handle, io.StringIO), "a file's rows are in its file"
        return self._handle.getvalue().encode("utf-8")

    def close(self) -> None:
        if not isinstance(self._handle, io.StringIO):
            self._handle.close()

    def __enter__(self) -> CsvTable:
        return self

    def __exit__(self, kind: type[BaseException] | None, error: BaseException | None,
                 trace: TracebackType | None) -> None:
        self.close()


def _plain_lines(values: list[tuple[Any, ...]], width: int) -> str | None:
    """The lines ``csv.writer`` writes for ``values`` (rows of ``width`` values), joined in C
    when it would quote nothing and write every value as ``str`` does; else None.

    Checked on the joined text: each row's commas are only its separators, and no value
    holds a quote, a line break or a None (``csv`` writes None as an empty cell; ``str``
    as "None", so a text "None" also takes ``csv``'s own way). ``csv`` copies text a
    character at a time, a third of the CSV files' cost."""
    if width < 2:  # csv quotes a row of one empty value
        return None
    # "%s" is ``str`` of each value, as ``",".join(map(str, row))`` but in one call per row.
    body = "\r\n".join(map(("%s," * (width - 1) + "%s").__mod__, values))
    breaks = len(values) - 1
    if (body.count(",") != len(values) * (width - 1) or '"' in body or body.count("\r") != breaks
            or body.count("\n") != breaks or "None" in body):
        return None
    return body + "\r\n" if values else ""


class AssembledCsv:
    """A CSV of the bundle put together from its blocks' parts (written by ``CsvTable`` with
    no path): the header, then each part in bundle order, hashed as it is written."""

    def __init__(self, path: Path, spec: FileSpec, free_text: bool, names: bool) -> None:
        self.spec = spec
        self.count = 0
        header = io.StringIO(newline="")
        csv.writer(header).writerow([c.name for c in spec.included(free_text, names)])
        self._file = HashedFile(path)
        self._file.write(header.getvalue().encode(ENCODING))  # with the byte-order mark

    def append(self, part: bytes | StoredBytes, rows: int) -> None:
        """Add a block's part (``rows`` rows)."""
        self._file.write(part)
        self.count += rows

    def close(self) -> tuple[int, str]:
        return self._file.close()
